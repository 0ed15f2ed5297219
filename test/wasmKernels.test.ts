import { describe, expect, it } from 'vitest';
import { compileKernelsWat, KERNEL_MODULES, kernelModuleSource } from '../scripts/wasm/compileKernels.ts';
import { medianSelectionNetwork } from '../src/wasm/medianNetwork.ts';
import { deriveStream } from '../src/rng/RandomStream.ts';
import { testSeed } from './helpers/testSeed.ts';

/** Applies a flat pair list to a copy of `values`. */
function applyNetwork(network: Int32Array, values: ArrayLike<number>): number[] {
  const lanes = Array.from(values);
  for (let c = 0; c < network.length; c += 2) {
    const [i, j] = [network[c], network[c + 1]];
    if (lanes[j] < lanes[i]) [lanes[i], lanes[j]] = [lanes[j], lanes[i]];
  }
  return lanes;
}

/** Every 0–1 input of length M: the network's middle lane must be the median (0–1 principle). */
function failsOnSomeZeroOneInput(network: Int32Array, M: number): boolean {
  const middle = (M - 1) >> 1;
  for (let bits = 0; bits < 1 << M; bits++) {
    const input = Array.from({ length: M }, (_, i) => (bits >> i) & 1);
    const ones = input.reduce((s, v) => s + v, 0);
    if (applyNetwork(network, input)[middle] !== (ones > middle ? 1 : 0)) return true;
  }
  return false;
}

describe('median selection network', () => {
  it('selects the median of every 0–1 input for odd M ≤ 17 (so of every input, by the 0–1 principle)', () => {
    for (let M = 1; M <= 17; M += 2)
      expect(failsOnSomeZeroOneInput(medianSelectionNetwork(M), M), `M = ${M}`).toBe(false);
  });
  it('the 0–1 check has power: a network missing its last comparator, or built for another M, is caught', () => {
    const network = medianSelectionNetwork(11);
    expect(failsOnSomeZeroOneInput(network.slice(0, -2), 11)).toBe(true);
    expect(failsOnSomeZeroOneInput(medianSelectionNetwork(9), 11)).toBe(true);
    expect(failsOnSomeZeroOneInput(new Int32Array(0), 3)).toBe(true);
  });
  it('selects the median of random inputs up to M = 255', () => {
    const stream = deriveStream(testSeed(), 'network');
    for (const M of [19, 21, 51, 101, 127, 129, 255]) {
      const network = medianSelectionNetwork(M);
      for (let trial = 0; trial < 20; trial++) {
        const input = Array.from({ length: M }, () => Math.floor(stream.next() * 7) - 3 + stream.next());
        expect(applyNetwork(network, input)[(M - 1) / 2]).toBe([...input].sort((a, b) => a - b)[(M - 1) / 2]);
      }
    }
  });
  it('rejects even or non-positive M', () => {
    expect(() => medianSelectionNetwork(4)).toThrow(/odd positive integer/);
    expect(() => medianSelectionNetwork(0)).toThrow(RangeError);
  });
});

describe('WebAssembly kernel modules', () => {
  it.each(KERNEL_MODULES.map((module) => [module.name, module] as const))(
    '%s: the committed bytes are the compiled .wat (npm run build:wasm)',
    async (name, module) => {
      const compiled = await compileKernelsWat(kernelModuleSource(module), `${name}.wat`);
      const committed = (await import(module.generated)) as Record<string, string>;
      expect(Buffer.from(compiled).toString('base64')).toBe(committed[module.constant]);
    },
  );
});
