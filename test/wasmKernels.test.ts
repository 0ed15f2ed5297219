import { describe, expect, it } from 'vitest';
import { compileKernelsWat, KERNEL_MODULES, kernelModuleSource } from '../scripts/wasm/compileKernels.ts';
import { medianSelectionNetwork } from '../src/wasm/medianNetwork.ts';
import { WINDOW_SORT_SIZES, windowSortNetwork } from '../scripts/wasm/windowSortKernels.ts';
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

/**
 * Whether `network` sorts every 0–1 input on `wires` wires (so every input, by the 0–1 principle),
 * 32 inputs at a time: bit k of word i is wire i of input k, a comparator is (AND, OR).
 */
function sortsEveryZeroOneInput(network: readonly number[], wires: number): boolean {
  const lanes = new Int32Array(wires);
  for (let batch = 0; batch < 2 ** Math.max(0, wires - 5); batch++) {
    for (let i = 0; i < wires; i++) {
      // Inputs batch·32 + k for k < 32: wires 0 … 4 take k's bits, the others batch's.
      lanes[i] = i < 5 ? ZERO_ONE_LOW_WIRES[i] : (batch >> (i - 5)) & 1 ? -1 : 0;
    }
    for (let c = 0; c < network.length; c += 2) {
      const [a, b] = [lanes[network[c]], lanes[network[c + 1]]];
      lanes[network[c]] = a & b;
      lanes[network[c + 1]] = a | b;
    }
    for (let i = 0; i + 1 < wires; i++) if ((lanes[i] & ~lanes[i + 1]) !== 0) return false;
  }
  return true;
}

/** Bit k of entry i is bit i of k: the 32 inputs of a batch on the five low wires. */
const ZERO_ONE_LOW_WIRES = Int32Array.from({ length: 5 }, (_, i) => {
  let word = 0;
  for (let k = 0; k < 32; k++) if ((k >> i) & 1) word |= 1 << k;
  return word;
});

describe("the window selection's sorting networks", () => {
  it('sort every 0–1 input on 4 … 24 wires (so every input, by the 0–1 principle)', () => {
    for (const wires of WINDOW_SORT_SIZES.filter((w) => w <= 24))
      expect(sortsEveryZeroOneInput(windowSortNetwork(wires), wires), `${wires} wires`).toBe(true);
  });
  it('sort random inputs on 28 and 32 wires, ties and infinities among them', () => {
    const stream = deriveStream(testSeed(), 'window networks');
    for (const wires of [28, 32]) {
      const network = windowSortNetwork(wires);
      for (let trial = 0; trial < 2000; trial++) {
        const input = Array.from({ length: wires }, () =>
          stream.next() < 0.1 ? Number.POSITIVE_INFINITY : Math.floor(stream.next() * 9) - 4,
        );
        expect(applyNetwork(Int32Array.from(network), input)).toEqual([...input].sort((a, b) => a - b));
      }
    }
  });
  it('the 0–1 check has power: a network without one of its comparators, or built for fewer wires, is caught', () => {
    const network = windowSortNetwork(16);
    for (const c of [0, 30, network.length - 2]) {
      const without = [...network.slice(0, c), ...network.slice(c + 2)];
      expect(sortsEveryZeroOneInput(without, 16), `without comparator ${c / 2}`).toBe(false);
    }
    expect(sortsEveryZeroOneInput(windowSortNetwork(12), 16)).toBe(false);
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
