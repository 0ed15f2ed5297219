import { describe, expect, it } from 'vitest';
import { majorityVote, mean, MedmeanError, trimCount, trimmedMean, weightedMean } from '../src/index.ts';

const MAX = Number.MAX_VALUE;

describe('weightedMean (FedAvg)', () => {
  it('is Σ w·v / Σ w, coordinate-wise', () => {
    expect(
      weightedMean(
        [
          [1, 2],
          [4, 8],
        ],
        [3, 1],
      ),
    ).toEqual(Float64Array.from([1.75, 3.5]));
    expect(weightedMean([[6]], [7])).toEqual(Float64Array.from([6]));
  });
  it('equals the mean for equal weights, and ignores a common factor of the weights', () => {
    const rows = [
      [1, -3],
      [2.5, 7],
      [-4, 0.25],
    ];
    expect(weightedMean(rows, [5, 5, 5])).toEqual(mean(rows));
    expect(weightedMean(rows, [2, 3, 9])).toEqual(weightedMean(rows, [4, 6, 18]));
  });
  it('is compensated where naive summation cancels', () => {
    expect(weightedMean([[1e16], [1], [-1e16], [1]], [1, 1, 1, 1])[0]).toBe(0.5);
  });
  it('stays finite near the largest double: scaled weights when Σ w·v overflows', () => {
    expect(weightedMean([[MAX], [MAX]], [60000, 3])[0]).toBeCloseTo(MAX, -295);
    expect(Number.isFinite(weightedMean([[MAX], [MAX / 2], [MAX]], [1, 3, 7])[0])).toBe(true);
    expect(weightedMean([[MAX], [-MAX]], [2, 2])[0]).toBe(0);
  });
  it('takes weights anywhere in the double range: only their ratios count', () => {
    for (const scale of [1e-300, 1, 1e300, MAX / 8]) {
      expect(weightedMean([[1], [4]], [2 * scale, scale])[0]).toBe(2);
    }
  });
  it('does not mutate the weights or the vectors', () => {
    const weights = [3, 1];
    const rows = [Float64Array.from([1]), Float64Array.from([5])];
    weightedMean(rows, weights);
    expect(weights).toEqual([3, 1]);
    expect(Array.from(rows[1])).toEqual([5]);
  });
  it.each([
    [
      () => weightedMean([[1], [2]], [1]),
      /`weights\.length` must be equal to the number of vectors \(2\)\. Value: `1`/,
    ],
    [() => weightedMean([[1], [2]], [1, 0]), /`weights\[1\]` must be a positive finite number\. Value: `0`/],
    [() => weightedMean([[1], [2]], [1, -2]), /`weights\[1\]` must be a positive finite number/],
    [() => weightedMean([[1], [2]], [1, Number.NaN]), /`weights\[1\]` must be a positive finite number/],
    [() => weightedMean([[1], [2]], [Infinity, 1]), /`weights\[0\]` must be a positive finite number/],
    [() => weightedMean([[1], [2]], [MAX, MAX]), /`weights` must be weights whose sum is finite/],
    [() => weightedMean([[1], [2]], 'ab' as never), /`weights` must be an array of positive numbers/],
    [() => weightedMean([[1], [2]], [1, '2' as never]), /`weights\[1\]` must be a positive finite number/],
  ])('rejects bad weights with a MedmeanError naming them (%#)', (call, message) => {
    expect(call).toThrow(MedmeanError);
    expect(call).toThrow(message);
  });
});

describe('trimmedMean', () => {
  it('removes k values per side and averages the rest, coordinate-wise', () => {
    expect(
      trimmedMean(
        [
          [1, 40],
          [2, 10],
          [3, 20],
          [100, 30],
        ],
        { count: 1 },
      ),
    ).toEqual(Float64Array.from([2.5, 25]));
    expect(trimmedMean([[-7], [1], [2], [3], [9]], { count: 2 })).toEqual(Float64Array.from([2]));
  });
  it('with k = 0 is the mean, and with k = (M − 1)/2 the median', () => {
    const rows = [[1.5], [-2], [8], [0.25], [3]];
    expect(trimmedMean(rows, { count: 0 })).toEqual(mean(rows));
    expect(trimmedMean(rows, { count: 2 })[0]).toBe(1.5);
  });
  it('rounds β·M down (as scipy.stats.trim_mean)', () => {
    expect(trimCount({ fraction: 0.1 }, 9)).toBe(0);
    expect(trimCount({ fraction: 0.1 }, 10)).toBe(1);
    expect(trimCount({ fraction: 0.25 }, 7)).toBe(1);
    expect(trimCount({ count: 3 }, 100)).toBe(3);
    const rows = [[0], [1], [2], [3], [4], [5], [6], [7], [8], [90]];
    expect(trimmedMean(rows, { fraction: 0.1 })[0]).toBe(4.5);
    expect(trimmedMean(rows.slice(0, 9), { fraction: 0.1 })[0]).toBe(4);
  });
  it('stays finite near the largest double', () => {
    expect(trimmedMean([[MAX], [MAX], [MAX]], { count: 0 })[0]).toBeCloseTo(MAX, -295);
    expect(trimmedMean([[-MAX], [MAX], [MAX], [MAX]], { count: 1 })[0]).toBe(MAX);
  });
  it('does not mutate its input', () => {
    const rows = [Float64Array.from([3]), Float64Array.from([1]), Float64Array.from([2])];
    trimmedMean(rows, { count: 1 });
    expect(rows.map((row) => row[0])).toEqual([3, 1, 2]);
  });
  it.each([
    [
      () => trimmedMean([[1], [2]], { count: 1 }),
      /`options\.count` must be less than half the number of vectors \(M = 2\)\. Value: `1`/,
    ],
    [
      () => trimmedMean([[1], [2], [3]], { count: -1 }),
      /`options\.count` must be a non-negative integer\. Value: `-1`/,
    ],
    [() => trimmedMean([[1], [2], [3]], { count: 0.5 }), /`options\.count` must be a non-negative integer/],
    [
      () => trimmedMean([[1], [2], [3]], { fraction: 0.5 }),
      /`options\.fraction` must be a number in \[0, 0\.5\)\. Value: `0\.5`/,
    ],
    [() => trimmedMean([[1], [2], [3]], { fraction: -0.1 }), /`options\.fraction` must be a number in \[0, 0\.5\)/],
    [() => trimmedMean([[1], [2], [3]], {} as never), /`options` must be exactly one of \{ count \} or \{ fraction \}/],
    [() => trimmedMean([[1], [2], [3]], { count: 1, fraction: 0.1 } as never), /`options` must be exactly one of/],
    [() => trimmedMean([[1], [2], [3]], null as never), /`options` must be exactly one of/],
  ])('rejects bad options with a MedmeanError naming them (%#)', (call, message) => {
    expect(call).toThrow(MedmeanError);
    expect(call).toThrow(message);
  });
});

describe('majorityVote conventions', () => {
  it('by default a zero abstains and a tie gives 0', () => {
    expect(
      Array.from(
        majorityVote([
          [0, 1, 0],
          [-0, -1, 0],
          [0, 2, 5],
        ]),
      ),
    ).toEqual([0, 1, 1]);
    expect(majorityVote([[1], [-1]])[0]).toBe(0);
  });
  it('signOfZero 1 counts ±0 as +1; tie 1 breaks ties toward +1', () => {
    expect(Array.from(majorityVote([[0], [-1], [-0]], { signOfZero: 1 }))).toEqual([1]);
    expect(Array.from(majorityVote([[0], [-1]], { signOfZero: 1 }))).toEqual([0]);
    expect(Array.from(majorityVote([[0], [-1]], { signOfZero: 1, tie: 1 }))).toEqual([1]);
    expect(Array.from(majorityVote([[2], [-1]], { tie: 1 }))).toEqual([1]);
    expect(Array.from(majorityVote([[2], [-1], [-3]], { tie: 1 }))).toEqual([-1]);
    expect(Array.from(majorityVote([[0], [0]], { tie: 1 }))).toEqual([1]);
  });
  it.each([
    [() => majorityVote([[1]], { signOfZero: -1 as never }), /`options\.signOfZero` must be 0 or 1\. Value: `-1`/],
    [() => majorityVote([[1]], { tie: 2 as never }), /`options\.tie` must be 0 or 1\. Value: `2`/],
    [() => majorityVote([[1]], null as never), /`options` must be an object \{ signOfZero, tie \}/],
  ])('rejects bad conventions (%#)', (call, message) => {
    expect(call).toThrow(MedmeanError);
    expect(call).toThrow(message);
  });
});

// Written against the survivors of `npm run mutation`: the API name in every message, typed-array
// weights, the subnormal range (where scaling by a power of two is not exact), signed zeros.
describe('details the mutation run pinned down', () => {
  it.each([
    [() => weightedMean([[1], [2, 3]], [1, 1]), /^weightedMean: invalid argument\. `vectors\[1\]\.length`/],
    [
      () => weightedMean([[1], [2]], 'ab' as never),
      /^weightedMean: invalid argument\. `weights` must be an array of positive numbers, one per vector\. Value: `ab`\.$/,
    ],
    [
      () => weightedMean([[1], [2]], new DataView(new ArrayBuffer(16)) as never),
      /^weightedMean: invalid argument\. `weights` must be an array/,
    ],
    [() => weightedMean([[1], [2]], [1]), /^weightedMean: invalid argument\. `weights\.length`/],
    [() => weightedMean([[1], [2]], [1, 0]), /^weightedMean: invalid argument\. `weights\[1\]`/],
    [
      () => weightedMean([[1], [2]], [MAX, MAX]),
      /^weightedMean: invalid argument\. `weights` must be weights whose sum is finite\. Value: `Infinity`\.$/,
    ],
    [() => trimmedMean([[1], [2, 3]], { count: 0 }), /^trimmedMean: invalid argument\. `vectors\[1\]\.length`/],
    [
      () => trimmedMean([[1], [2], [3]], null as never),
      /^trimmedMean: invalid argument\. `options` must be exactly one of \{ count \} or \{ fraction \}\. Value: `null`\.$/,
    ],
    [() => trimmedMean([[1], [2], [3]], 5 as never), /^trimmedMean: invalid argument\. `options`/],
    [
      () => trimmedMean([[1], [2], [3]], { count: -1 }),
      /^trimmedMean: invalid argument\. `options\.count` must be a non-negative integer\. Value: `-1`\.$/,
    ],
    [
      () => trimmedMean([[1], [2], [3]], { fraction: '0.1' as never }),
      /^trimmedMean: invalid argument\. `options\.fraction` must be a number in \[0, 0\.5\)\. Value: `0\.1`\.$/,
    ],
    [() => trimmedMean([[1], [2], [3]], { fraction: 0.5 }), /^trimmedMean: invalid argument\. `options\.fraction`/],
    [
      () => trimmedMean([[1], [2], [3]], { count: 2 }),
      /^trimmedMean: invalid argument\. `options\.count` must be less than half the number of vectors \(M = 3\)\. Value: `2`\.$/,
    ],
    [() => majorityVote([[1], [2, 3]]), /^majorityVote: invalid argument\. `vectors\[1\]\.length`/],
    [
      () => majorityVote([[1]], 7 as never),
      /^majorityVote: invalid argument\. `options` must be an object \{ signOfZero, tie \}\. Value: `7`\.$/,
    ],
    [
      () => majorityVote([[1]], { signOfZero: 2 as never }),
      /^majorityVote: invalid argument\. `options\.signOfZero` must be 0 or 1\. Value: `2`\.$/,
    ],
    [
      () => majorityVote([[1]], { tie: -1 as never }),
      /^majorityVote: invalid argument\. `options\.tie` must be 0 or 1\. Value: `-1`\.$/,
    ],
  ])('names the API, the parameter and the value (%#)', (call, message) => {
    expect(call).toThrow(message);
  });

  it('accepts typed arrays as weights, and a fraction of 0 (the mean)', () => {
    expect(weightedMean([[1], [4]], Float64Array.from([3, 1]))[0]).toBe(1.75);
    expect(weightedMean([[1], [4]], Int32Array.from([1, 1]))[0]).toBe(2.5);
    const rows = [[1.5], [-2], [8]];
    expect(trimmedMean(rows, { fraction: 0 })).toEqual(mean(rows));
  });

  it('keeps subnormal averages exact (the overflow path scales by a power of two, which rounds them away)', () => {
    expect(mean([[5e-324], [5e-324]])[0]).toBe(5e-324);
    expect(weightedMean([[5e-324], [5e-324]], [1, 1])[0]).toBe(5e-324);
    expect(trimmedMean([[5e-324], [5e-324], [5e-324]], { count: 0 })[0]).toBe(5e-324);
  });

  it('keeps the weighted mean of ±MAX_VALUE finite when the weights total just over 1 (the scaled average rounded up to 2 and overflowed)', () => {
    const MAX = Number.MAX_VALUE;
    // Σw = 1 + 2^−53 rounds to 1, so no power of two scales the weights: the sum of the rounded
    // products exceeds MAX_VALUE by half an ulp, and unscaled it overflows as well.
    const weights = [1 - 2 ** -53, 2 ** -52];
    expect(weightedMean([[MAX], [MAX]], weights)[0]).toBe(MAX);
    expect(weightedMean([[-MAX], [-MAX]], weights)[0]).toBe(-MAX);
    // A column of ordinary values beside it takes the unscaled path and is exact.
    expect(
      Array.from(
        weightedMean(
          [
            [MAX, 3],
            [MAX, 3],
          ],
          weights,
        ),
      ),
    ).toEqual([MAX, 3]);
  });

  it('scales a column whose products with the smallest weight fall below the normal range (each would round up by half a subnormal)', () => {
    // q·v = (1/2 + 2^−20)·2^−1074 for the two small weights (q = 2^−61 after scaling): summed
    // unscaled, each rounds up to one subnormal and the mean comes out as two; scaled, it is one.
    const v = (1 + 2 ** -19) * 2 ** -1014;
    expect(weightedMean([[v], [v], [0], [0]], [2 ** -60, 2 ** -60, 1, 1])[0]).toBe(5e-324);
  });

  it('averages a million clients (more than a spread argument list holds)', () => {
    const M = 1_000_000;
    const weights = Array.from({ length: M }, (_, i) => (i % 2 === 0 ? 3 : 1));
    expect(weightedMean(new Array(M).fill([2]), weights)[0]).toBe(2);
  });

  it('reads exactly d coordinates and M weights', () => {
    const strict = (values: number[]) =>
      new Proxy(values, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key) && Number(key) >= target.length)
            throw new RangeError(`read past the end: index ${key}`);
          return Reflect.get(target, key, receiver);
        },
      });
    const rows = () => [strict([1, -2]), strict([3, 0.5]), strict([2, 4])];
    expect(() => weightedMean(rows(), strict([1, 2, 3]))).not.toThrow();
    expect(() => trimmedMean(rows(), { count: 1 })).not.toThrow();
    expect(() => majorityVote(rows(), { tie: 1 })).not.toThrow();
  });
});
