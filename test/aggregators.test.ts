import { describe, expect, it } from 'vitest';
import { addNoise } from '../src/aggregators/addNoise.ts';
import { deriveStream, majorityVote, mean, median, MedmeanError, noisyMedian, noisyVote, sign } from '../src/index.ts';

const frozen = (rows: number[][]) => Object.freeze(rows.map((row) => Object.freeze([...row]))) as unknown as number[][];

describe('median', () => {
  it('takes the middle value for odd M, coordinate-wise', () => {
    expect(
      median(
        frozen([
          [1, 10],
          [5, -2],
          [3, 4],
        ]),
      ),
    ).toEqual(Float64Array.from([3, 4]));
  });
  it('averages the two middle values for even M by default; lower/upper on request', () => {
    const rows = frozen([[1], [4], [10], [2]]);
    expect(median(rows)[0]).toBe(3);
    expect(median(rows, { even: 'lower' })[0]).toBe(2);
    expect(median(rows, { even: 'upper' })[0]).toBe(4);
  });
  it("returns the single worker's vector for M = 1", () => {
    expect(median([[-0.5, 7]])).toEqual(Float64Array.from([-0.5, 7]));
  });
  it('orders −0 before +0 and handles ties', () => {
    expect(Object.is(median([[-0], [0], [0]])[0], 0)).toBe(true);
    expect(Object.is(median([[-0], [-0], [0]])[0], -0)).toBe(true);
    expect(median([[2], [2], [1]])[0]).toBe(2);
  });
  it('does not overflow when averaging huge values', () => {
    expect(median([[1.7e308], [1.7e308]])[0]).toBe(1.7e308);
  });
  it('accepts typed arrays and leaves the input untouched', () => {
    const rows = [Float64Array.from([3, 1]), Float64Array.from([1, 2]), Float64Array.from([2, 3])];
    const copy = rows.map((row) => Float64Array.from(row));
    median(rows);
    expect(rows).toEqual(copy);
  });
  it('rejects an unknown even rule', () => {
    expect(() => median([[1], [2]], { even: 'middle' as never })).toThrow(/options\.even/);
  });
});

describe('mean', () => {
  it('averages coordinate-wise', () => {
    expect(
      mean(
        frozen([
          [1, 2],
          [3, 6],
        ]),
      ),
    ).toEqual(Float64Array.from([2, 4]));
  });
  it('is exact where naive summation cancels (compensated)', () => {
    expect(mean([[1e16], [1], [-1e16], [1]])[0]).toBe(0.5);
  });
  it('does not overflow on huge entries', () => {
    expect(mean([[1.5e308], [1.5e308]])[0]).toBe(1.5e308);
  });
});

describe('majorityVote', () => {
  it('is the sign of the sum of signs', () => {
    expect(
      majorityVote(
        frozen([
          [1, -2],
          [3, -1],
          [-5, 4],
        ]),
      ),
    ).toEqual(Float64Array.from([1, -1]));
  });
  it('gives 0 on a tie and lets zeros abstain', () => {
    expect(majorityVote([[1], [-1]])[0]).toBe(0);
    expect(majorityVote([[0], [-0], [2]])[0]).toBe(1);
    expect(majorityVote([[0], [0], [0]])[0]).toBe(0);
  });
  it('is insensitive to magnitudes (subnormal to huge)', () => {
    expect(majorityVote([[5e-324], [-1.7e308], [1e-300]])[0]).toBe(1);
  });
});

describe('sign', () => {
  it('maps to {−1, 0, 1} with sign(±0) = 0', () => {
    expect([sign(-3), sign(-0), sign(0), sign(2e-310)]).toEqual([-1, 0, 0, 1]);
  });
});

describe('noisy aggregators', () => {
  it('are reproducible from the stream key and leave the input untouched', () => {
    const rows = frozen([
      [0, 1],
      [1, 2],
      [5, 3],
    ]);
    const a = noisyMedian(rows, { b: 2, noise: 'gaussian', stream: deriveStream(1, 'noisy') });
    const b = noisyMedian(rows, { b: 2, noise: 'gaussian', stream: deriveStream(1, 'noisy') });
    expect(a).toEqual(b);
    expect(noisyVote(rows, { b: 2, stream: deriveStream(1, 'v') }).every((v) => v === -1 || v === 0 || v === 1)).toBe(
      true,
    );
  });
  it('approach the plain aggregators as b → 0', () => {
    const rows = [
      [0, 1],
      [1, 2],
      [5, 3],
    ];
    expect(noisyMedian(rows, { b: 1e-12, stream: deriveStream(2, 'small') })[0]).toBeCloseTo(1, 9);
    expect(noisyVote(rows, { b: 1e-12, stream: deriveStream(2, 'small') })).toEqual(majorityVote(rows));
  });
  it('noisyVote counts an entry that overflows to ±∞ by its sign (the noisy copies would fail validation)', () => {
    // 1.7e308 + 1e308·ξ overflows for ξ > 0.1, and has the sign of 1.7 + ξ, drawn with b = 1 from the same stream.
    const stream = () => deriveStream(3, 'overflow');
    const huge = [Array<number>(64).fill(1.7e308)];
    expect(() => majorityVote(addNoise('noisyVote', huge, { b: 1e308, stream: stream() }))).toThrow(
      /finite number\. Value: `Infinity`/,
    );
    expect(Array.from(noisyVote(huge, { b: 1e308, stream: stream() }))).toEqual(
      Array.from(majorityVote(addNoise('noisyVote', [Array<number>(64).fill(1.7)], { b: 1, stream: stream() }))),
    );
  });
  it('reject b ≤ 0, an unknown family and a missing stream with typed errors', () => {
    const rows = [[1], [2], [3]];
    expect(() => noisyMedian(rows, { b: 0, stream: deriveStream(1) })).toThrow(
      /`options\.b` must be a positive finite number\. Value: `0`/,
    );
    expect(() => noisyMedian(rows, { b: -1, stream: deriveStream(1) })).toThrow(MedmeanError);
    expect(() => noisyMedian(rows, { b: 1, noise: 'cauchy', stream: deriveStream(1) })).toThrow(/options\.noise/);
    expect(() => noisyVote(rows, { b: 1, stream: undefined as never })).toThrow(/options\.stream/);
  });
});

describe('input validation (every aggregator)', () => {
  const aggregators = { mean, median, majorityVote } as const;
  it.each(Object.entries(aggregators))(
    '%s rejects bad input with a typed error naming the parameter',
    (name, aggregate) => {
      const call = (input: unknown) => () => (aggregate as (v: unknown) => unknown)(input);
      expect(call([])).toThrow(new RegExp(`${name}: invalid argument\\. \`vectors\``));
      expect(call('abc')).toThrow(MedmeanError);
      expect(call([[1, 2], [3]])).toThrow(
        /`vectors\[1\]\.length` must be equal to vectors\[0\]\.length \(2\)\. Value: `1`/,
      );
      expect(call([[1, Number.NaN]])).toThrow(/`vectors\[0\]\[1\]` must be a finite number\. Value: `NaN`/);
      expect(call([[1], [Infinity]])).toThrow(/vectors\[1\]\[0\]/);
      expect(call([[]])).toThrow(/vectors\[0\]/);
      expect(call([[1], ['2']])).toThrow(/vectors\[1\]\[0\]/);
    },
  );
});
