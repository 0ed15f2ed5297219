// Tests that pin down details the broader aggregator tests leave open; written against the
// survivors of mutation testing (npm run mutation) over src/aggregators.
import { describe, expect, it } from 'vitest';
import { deriveStream, gaussian, laplace, majorityVote, mean, median, noisyMedian, noisyVote } from '../src/index.ts';

/** An array that throws when read outside [0, length): catches loops that run one index too far. */
function strict(values: number[]): number[] {
  return new Proxy(values, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key) && Number(key) >= target.length)
        throw new RangeError(`read past the end: index ${key}`);
      return Reflect.get(target, key, receiver);
    },
  });
}

describe('aggregators read exactly d coordinates', () => {
  const rows = () => [strict([1, -2]), strict([3, 0.5]), strict([2, 4])];
  it.each([
    ['mean', () => mean(rows())],
    ['median', () => median(rows())],
    ['majorityVote', () => majorityVote(rows())],
    ['noisyMedian', () => noisyMedian(rows(), { b: 1, stream: deriveStream(1) })],
  ])('%s', (_name, call) => {
    expect(call).not.toThrow();
  });
});

describe('noise is added as v + b·ξ with ξ from the stream, worker by worker', () => {
  it('M = 1: the noisy median is u + b·ξ exactly', () => {
    const xi = gaussian.sample(deriveStream(4, 'exact'), new Float64Array(2));
    const out = noisyMedian([[0.5, -1]], { b: 3, stream: deriveStream(4, 'exact') });
    expect(Array.from(out)).toEqual([0.5 + 3 * xi[0], -1 + 3 * xi[1]]);
  });
  it('accepts a NoiseFamily object as well as its name', () => {
    const byName = noisyMedian([[0], [1], [5]], { b: 2, noise: 'laplace', stream: deriveStream(5) });
    const byObject = noisyMedian([[0], [1], [5]], { b: 2, noise: laplace, stream: deriveStream(5) });
    expect(byObject).toEqual(byName);
  });
});

describe('error messages name the api and the parameter', () => {
  const stream = deriveStream(1);
  it.each(
    (
      [
        [() => noisyMedian([[1]], null as never), /^noisyMedian: invalid argument\. `options` must be an object/],
        [() => noisyMedian([[1]], 'b=1' as never), /`options` must be an object/],
        [
          () => noisyVote([[1]], { b: 1, stream: null as never }),
          /^noisyVote: invalid argument\. `options\.stream` must be a RandomStream/,
        ],
        [() => noisyVote([[1]], { b: 1, stream: {} as never }), /`options\.stream` must be a RandomStream/],
        [
          () => noisyMedian([], { b: 1, stream }),
          /^noisyMedian: invalid argument\. `vectors` must be a non-empty array of vectors/,
        ],
        [
          () => median([[1], [2]], { even: 'mid' as never }),
          /^median: invalid argument\. `options\.even` must be one of average, lower, upper\. Value: `mid`/,
        ],
        [() => mean([[]]), /`vectors\[0\]` must be a non-empty array or typed array of numbers/],
        [() => mean([[1], { 0: 1, length: 1 } as never]), /`vectors\[1\]` must be an array or typed array of numbers/],
        [
          () => mean([[1], new DataView(new ArrayBuffer(8)) as never]),
          /`vectors\[1\]` must be an array or typed array/,
        ],
        [() => mean([[1], new BigInt64Array(1) as never]), /`vectors\[1\]` must be an array or typed array/],
        [() => mean([{ 0: 1, length: 1 } as never]), /`vectors\[0\]` must be a non-empty array/],
        [() => mean([[1], ['1' as never]]), /`vectors\[1\]\[0\]` must be a finite number\. Value: `1`/],
      ] as Array<[() => unknown, RegExp]>
    ).map(([call, message]) => [String(message), call, message] as const),
  )('throws an error matching %s', (_title, call, message) => {
    expect(call).toThrow(message);
  });
});

describe('mean: compensated summation', () => {
  it('keeps small terms next to huge ones of both signs (Neumaier, not Kahan)', () => {
    expect(mean([[1], [1e100], [1], [-1e100]])[0]).toBe(0.5);
  });
});

describe('median details the mutation run pinned down', () => {
  it('rejects options that are not an object, naming them', () => {
    expect(() => median([[1]], null as never)).toThrow(
      /^median: invalid argument\. `options` must be an object \{ even \}\. Value: `null`\.$/,
    );
    expect(() => median([[1]], 5 as never)).toThrow(
      /^median: invalid argument\. `options` must be an object \{ even \}\. Value: `5`\.$/,
    );
  });
  it('orders −0 before +0 whatever the input order', () => {
    expect(Object.is(median([[-0], [0], [-0]])[0], -0)).toBe(true);
    expect(Object.is(median([[0], [-0], [-0]])[0], -0)).toBe(true);
    expect(Object.is(median([[0], [-0], [0]])[0], 0)).toBe(true);
    expect(Array.from(median([[-1], [-0], [-0], [0], [0]]))).toEqual([-0]);
  });
});
