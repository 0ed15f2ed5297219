import { describe, expect, it } from 'vitest';
import { fillStandardNormalZiggurat } from '../src/distributions/ziggurat.ts';
import { deriveStream } from '../src/rng/RandomStream.ts';
import { seedZigguratState, ZIGGURAT_EDGES, ZIGGURAT_RATIOS, ZIGGURAT_WINDOW } from '../src/wasm/zigguratTables.ts';
import { blockKernels, KERNEL_CAPACITY } from '../src/wasm/blockKernels.ts';
import { testSeed } from './helpers/testSeed.ts';

const MASK = (1n << 64n) - 1n;
const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & MASK;

/** xoshiro256++ as Blackman and Vigna write it, on BigInt: the reference for both implementations. */
function* xoshiro256plusplus(seed: readonly bigint[]): Generator<bigint> {
  let [s0, s1, s2, s3] = seed;
  for (;;) {
    const result = (rotl((s0 + s3) & MASK, 23n) + s0) & MASK;
    const t = (s1 << 17n) & MASK;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 45n);
    yield result;
  }
}

describe('ziggurat generator (xoshiro256++)', () => {
  it('starts 41943041, 58720359, 3588806011781223 from the state (1, 2, 3, 4), as the published generator', () => {
    const outputs = xoshiro256plusplus([1n, 2n, 3n, 4n]);
    expect([0, 1, 2].map(() => outputs.next().value)).toEqual([41943041n, 58720359n, 3588806011781223n]);
  });

  it('the WebAssembly fill draws u = (r >> 11)·2^-52 and block r & 255 from the reference outputs of its seeded generator', () => {
    expect(blockKernels()).not.toBeNull();
    const key = ['ziggurat-fast-path', testSeed()] as const;
    const draws = fillStandardNormalZiggurat(deriveStream(1, ...key), new Float64Array(ZIGGURAT_WINDOW));
    // The generator's state as the fill seeds it, from a second copy of the stream.
    const words = new Int32Array(8);
    seedZigguratState(deriveStream(1, ...key), words);
    const outputs = xoshiro256plusplus(Array.from(new BigUint64Array(words.buffer)));
    // Within the first window, position k takes output k; the misses are finished after it.
    const mismatches: number[] = [];
    let accepted = 0;
    for (let k = 0; k < ZIGGURAT_WINDOW; k++) {
      const r = outputs.next().value as bigint;
      const u = Number(BigInt.asIntN(64, r) >> 11n) * 2 ** -52;
      const block = Number(r & 255n);
      if (!(Math.abs(u) < ZIGGURAT_RATIOS[block])) continue;
      accepted++;
      if (!Object.is(draws[k], u * ZIGGURAT_EDGES[block])) mismatches.push(k);
    }
    expect(mismatches).toEqual([]);
    // About 98.5% of draws take the fast path: the comparison covers most of the window.
    expect(accepted).toBeGreaterThan(0.95 * ZIGGURAT_WINDOW);
  });

  it('gives the same bits in WebAssembly and in TypeScript, across window and chunk edges and slow paths', () => {
    const seed = testSeed();
    for (const n of [64, 1023, 1024, 1025, 3 * ZIGGURAT_WINDOW + 17, KERNEL_CAPACITY, KERNEL_CAPACITY + 1, 100_000]) {
      const typescript = fillStandardNormalZiggurat(
        deriveStream(seed, 'ziggurat-identity', n),
        new Float64Array(n),
        'typescript',
      );
      const wasm = fillStandardNormalZiggurat(deriveStream(seed, 'ziggurat-identity', n), new Float64Array(n));
      const first = wasm.findIndex((value, k) => !Object.is(value, typescript[k]));
      expect(first, `n = ${n}`).toBe(-1);
    }
  });

  it('the identity check has power: a longer fill begins with the shorter one, another seed differs', () => {
    const a = fillStandardNormalZiggurat(deriveStream(1, 'z'), new Float64Array(2048), 'typescript');
    const b = fillStandardNormalZiggurat(deriveStream(1, 'z'), new Float64Array(2049));
    expect(b.subarray(0, 2048).every((value, k) => Object.is(value, a[k]))).toBe(true);
    expect(
      fillStandardNormalZiggurat(deriveStream(2, 'z'), new Float64Array(2048)).some(
        (value, k) => !Object.is(value, a[k]),
      ),
    ).toBe(true);
  });
});
