import path from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const KERNELS_WAT = path.join(root, 'src', 'wasm', 'monteCarloKernels.wat');
export const KERNELS_WASM_MODULE = path.join(root, 'src', 'wasm', 'monteCarloKernelsWasm.ts');

/** The module's bytes, from wabt's wat2wasm with the SIMD feature. */
export async function compileKernelsWat(source: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat('monteCarloKernels.wat', source, { simd: true });
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}
