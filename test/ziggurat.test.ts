import { describe, expect, it } from 'vitest';
import { fillStandardNormalZiggurat } from '../src/distributions/ziggurat.ts';
import { deriveStream } from '../src/rng/RandomStream.ts';
import { monteCarloKernels, ZIGGURAT_WINDOW } from '../src/wasm/monteCarloKernels.ts';
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

  it('the WebAssembly fast path draws u = (r >> 11)·2^-52 and block r & 255 from the reference outputs', () => {
    const kernels = monteCarloKernels();
    expect(kernels).not.toBeNull();
    const seed = [0x0123456789abcdefn, 0xfedcba9876543210n, 0x0f1e2d3c4b5a6978n, 0x8877665544332211n];
    kernels!.zigguratState.set(new Int32Array(BigUint64Array.from(seed).buffer));
    // Every block's edge 1 + its index, ratio 2: every draw accepted, out = u·(1 + block).
    const edges = Float64Array.from({ length: 257 }, (_, i) => 1 + i);
    const missed = kernels!.zigguratWindow(ZIGGURAT_WINDOW, edges, new Float64Array(256).fill(2));
    expect(missed).toBe(0);
    const outputs = xoshiro256plusplus(seed);
    const mismatches: number[] = [];
    for (let k = 0; k < ZIGGURAT_WINDOW; k++) {
      const r = outputs.next().value as bigint;
      const expected = Number(BigInt.asIntN(64, r) >> 11n) * 2 ** -52 * (1 + Number(r & 255n));
      if (!Object.is(kernels!.zigguratDraws[k], expected)) mismatches.push(k);
    }
    expect(mismatches).toEqual([]);
  });

  it('gives the same bits in WebAssembly and in TypeScript, across window edges and slow paths', () => {
    const seed = testSeed();
    for (const n of [64, 1023, 1024, 1025, 3 * ZIGGURAT_WINDOW + 17, 100_000]) {
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
