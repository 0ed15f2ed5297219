// npm run build:wasm: compiles each src/wasm/*.wat kernel module with wabt and writes its bytes,
// base64, to src/wasm/<name>Wasm.ts (committed, so running medmean needs no build).
// test/wasmKernels.test.ts recompiles the sources and fails if the committed bytes differ.
import { compileKernelsWat, generatedSource, KERNEL_MODULES, kernelModuleSource } from './wasm/compileKernels.ts';
import { writeFileAtomically } from '../src/report/writeFileAtomically.ts';

for (const module of KERNEL_MODULES) {
  const bytes = await compileKernelsWat(kernelModuleSource(module), `${module.name}.wat`);
  writeFileAtomically(module.generated, generatedSource(module, bytes));
  process.stdout.write(`${module.generated}: ${bytes.length} bytes\n`);
}
