import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { majorityVote, mean, median, sign, weightedMean } from '../src/index.ts';
import { fuzzSeeds } from '../test/helpers/testSeed.ts';

/** Moderate doubles: equivariance is exact only where scaling and shifting do not round. */
const dyadic = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((k) => k / 1024);
const matrix = (entry: fc.Arbitrary<number>, minM = 1) =>
  fc
    .record({ M: fc.integer({ min: minM, max: 40 }), d: fc.integer({ min: 1, max: 5 }) })
    .chain(({ M, d }) => fc.array(fc.array(entry, { minLength: d, maxLength: d }), { minLength: M, maxLength: M }));

/** x = m·2^e exactly, for a finite double x. */
function exactly(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const m = biased === 0 ? fraction : fraction | (1n << 52n);
  return { m: bits >> 63n === 1n ? -m : m, e: (biased === 0 ? 1 : biased) - 1075 };
}

const abs = (x: bigint) => (x < 0n ? -x : x);

/**
 * Whether `got` is within 2ε·S + 2·s of the exact Σw·v/Σw (S = Σw|v|/Σw, s the smallest subnormal),
 * in integer arithmetic: every term scaled by 2^2300 (products reach down to 2^−2148), the weights'
 * sum by 2^1100.
 */
function withinExactWeightedMean(column: readonly number[], weights: readonly number[], got: number): boolean {
  let numerator = 0n;
  let absolute = 0n;
  let total = 0n;
  column.forEach((v, i) => {
    const [a, b] = [exactly(weights[i]), exactly(v)];
    const term = a.m * b.m * (1n << BigInt(a.e + b.e + 2300));
    numerator += term;
    absolute += abs(term);
    total += a.m * (1n << BigInt(a.e + 1100));
  });
  const r = exactly(got);
  // got·Σw·2^2300 − Σwv·2^2300, with both at the scale of the numerator.
  const difference = r.m * total * (1n << BigInt(r.e + 1200)) - numerator;
  // |got − exact| ≤ 2ε·S + 2s ⇔ 2^51·|difference| ≤ Σw|v|·2^2300 + 2^(1 − 1074 + 51 + 1200)·Σw·2^1100.
  return abs(difference) << 51n <= absolute + (total << 178n);
}

describe.each(fuzzSeeds())('aggregator properties (seed %i)', (seed) => {
  const params = { seed, numRuns: 300, includeErrorInReport: true };
  it('are invariant under permuting the workers', () => {
    fc.assert(
      fc.property(matrix(fc.double({ noNaN: true, noDefaultInfinity: true })), fc.nat(), (rows, rotation) => {
        const shifted = rows.map((_, i) => rows[(i + rotation) % rows.length]).reverse();
        expect(median(shifted)).toEqual(median(rows));
        expect(majorityVote(shifted)).toEqual(majorityVote(rows));
      }),
      params,
    );
  });

  type Even = 'average' | 'lower' | 'upper';
  const evenRules = fc.constantFrom('average', 'lower', 'upper') as fc.Arbitrary<Even>;
  /** The median of column j by the typed-array sort (numeric, −0 before +0) and the `even` rule. */
  const sortedMedian = (rows: readonly number[][], j: number, even: Even) => {
    const column = Float64Array.from(rows, (row) => row[j]).sort();
    const upper = column[rows.length >> 1];
    const lower = column[(rows.length - 1) >> 1];
    if (rows.length % 2 === 1 || even === 'upper') return upper;
    if (even === 'lower') return lower;
    return Number.isFinite(lower + upper) ? (lower + upper) / 2 : lower / 2 + upper / 2;
  };
  const followsTheSort = (rows: number[][], even: Even) =>
    median(rows, { even }).forEach((value, j) => {
      expect(Object.is(value, sortedMedian(rows, j, even))).toBe(true);
    });

  it('median equals the middle of the typed-array-sorted column, signed zeros and ties included', () => {
    const tieHeavy = fc.constantFrom(-0, 0, 1, -1, 0.5, -2.5, Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324);
    fc.assert(
      fc.property(
        matrix(fc.oneof(tieHeavy, fc.double({ noNaN: true, noDefaultInfinity: true }))),
        evenRules,
        followsTheSort,
      ),
      params,
    );
  });

  it('median follows the typed-array sort on columns of signed zeros and ties, for every small M', () => {
    // Columns made mostly of ±0 put the zeros' order (−0 first) at the middle, where the
    // small-M paths pick it.
    fc.assert(
      fc.property(
        matrix(fc.constantFrom(-0, 0, -0, 0, 1, -1), 1).filter((rows) => rows.length <= 12),
        evenRules,
        followsTheSort,
      ),
      params,
    );
  });

  it('odd-M median is one of the inputs, and splits them in half', () => {
    fc.assert(
      fc.property(
        matrix(fc.double({ noNaN: true, noDefaultInfinity: true })).filter((rows) => rows.length % 2 === 1),
        (rows) => {
          const result = median(rows);
          result.forEach((value, j) => {
            expect(rows.some((row) => Object.is(row[j], value) || row[j] === value)).toBe(true);
            const below = rows.filter((row) => row[j] < value).length;
            const above = rows.filter((row) => row[j] > value).length;
            expect(below).toBeLessThanOrEqual((rows.length - 1) / 2);
            expect(above).toBeLessThanOrEqual((rows.length - 1) / 2);
          });
        },
      ),
      params,
    );
  });

  it('median and mean are translation and positive-scale equivariant (exact on dyadic values)', () => {
    fc.assert(
      fc.property(matrix(dyadic), dyadic, fc.constantFrom(0.25, 0.5, 2, 8), (rows, shift, scale) => {
        const moved = rows.map((row) => row.map((x) => scale * x + shift));
        const m = median(rows);
        expect(median(moved)).toEqual(m.map((x) => scale * x + shift));
        const mu = mean(rows);
        for (const [j, value] of mean(moved).entries()) expect(value).toBeCloseTo(scale * mu[j] + shift, 6);
      }),
      params,
    );
  });

  it('the vote is invariant under positive scaling and flips under negation', () => {
    fc.assert(
      fc.property(matrix(dyadic), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (rows, scale) => {
        const vote = majorityVote(rows);
        expect(majorityVote(rows.map((row) => row.map((x) => x * scale)))).toEqual(vote);
        expect(majorityVote(rows.map((row) => row.map((x) => -x)))).toEqual(vote.map((v) => (v === 0 ? 0 : -v)));
      }),
      params,
    );
  });

  it('the mean lies between the coordinate-wise min and max', () => {
    fc.assert(
      fc.property(matrix(fc.double({ noNaN: true, noDefaultInfinity: true })), (rows) => {
        mean(rows).forEach((value, j) => {
          const column = rows.map((row) => row[j]);
          expect(value).toBeGreaterThanOrEqual(Math.min(...column));
          expect(value).toBeLessThanOrEqual(Math.max(...column));
          expect(Number.isFinite(value)).toBe(true);
        });
      }),
      params,
    );
  });

  it('weightedMean is within 2ε·S + 2 subnormals of the exact Σw·v/Σw (S = Σw|v|/Σw), for real weights and values down to the subnormals', () => {
    const weight = fc.double({ min: 2 ** -40, max: 2 ** 40, noNaN: true });
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -1e-300, max: 1e-300, noNaN: true }),
      fc.constantFrom(5e-324, -1.5e-323, 2 ** -1022),
    );
    const columns = fc
      .integer({ min: 1, max: 12 })
      .chain((M) =>
        fc.tuple(fc.array(value, { minLength: M, maxLength: M }), fc.array(weight, { minLength: M, maxLength: M })),
      );
    const examples: [number[], number[]][] = [
      [[1.5e-323], [2 ** -20]],
      [
        [-2.2250738585072014e-308, 0],
        [9.5367431640625e-7, 1],
      ],
      [
        [5e-324, 5e-324],
        [1, 1e-300],
      ],
    ];
    fc.assert(
      fc.property(columns, ([column, weights]) => {
        const got = weightedMean(
          column.map((v) => [v]),
          weights,
        )[0];
        expect(withinExactWeightedMean(column, weights, got), `got ${got}`).toBe(true);
      }),
      { ...params, examples: examples.map((example) => [example] as [[number[], number[]]]) },
    );
  });

  it('Proposition 1 holds for the library aggregators (odd M, nonzero entries)', () => {
    fc.assert(
      fc.property(
        matrix(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => x !== 0)).filter(
          (rows) => rows.length % 2 === 1,
        ),
        (rows) => {
          expect(majorityVote(rows)).toEqual(median(rows).map(sign));
        },
      ),
      params,
    );
  });
});
