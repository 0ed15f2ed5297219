import fc from 'fast-check';
import { majorityVote } from '../aggregators/majorityVote.ts';
import { median } from '../aggregators/median.ts';
import { cases, dyadic, magnitudes, type Case } from './cases.ts';
import { fitRows, largestMagnitude, rangeExponent, scaleBy } from './fitToRange.ts';
import type { Rule } from './rules.ts';

/** A call that went wrong, or an output that breaks a law: thrown inside properties so fast-check shrinks to a minimal input. */
export class CallFailure extends Error {}

/** What a law may do with the aggregator under test. */
export interface LawContext {
  readonly rule: Rule;
  /** The aggregator's output for a case; throws CallFailure when the call fails or the output is malformed. */
  call(testCase: Case): Promise<Float64Array>;
  /** Throws CallFailure unless the output agrees with the reference (within the rule's tolerance). */
  agrees(testCase: Case): Promise<void>;
  /** Throws CallFailure (prefixed with `what`) unless `got` equals `expected` within the tolerances of the cases they were computed from. */
  close(what: string, got: Float64Array, expected: Float64Array, from: readonly Case[]): void;
}

/** A property every correct implementation of a rule satisfies, stated as data: its generator and its test. */
export interface Law<T = unknown> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  readonly holds: (context: LawContext, value: T) => Promise<void>;
  /** Fixed cases run before the generated ones, whatever the seed. */
  readonly examples?: readonly T[];
  /** False when the arbitrary keeps its values as generated (only workers and coordinates shrink): reports say so. */
  readonly valuesShrink?: boolean;
  /** How many generated cases, given --runs (default: all of them). */
  readonly runs?: (runs: number) => number;
  /**
   * Carries a failing input further than fast-check's shrinker did, before `deadline`; `minimal`
   * when it stopped because nothing more could go, not because time ran out.
   */
  readonly tighten?: (
    failing: T,
    failure: (value: T) => Promise<string | undefined>,
    deadline: number,
  ) => Promise<{ readonly value: T; readonly minimal: boolean }>;
}

/**
 * Dimensions past the small cases' 6 and below the large-d check's: code that works in blocks of
 * 4, 8 or 16 coordinates has a remainder here, and the small cases never reach its block loop.
 */
const MODERATE_D = { min: 7, max: 67 } as const;

/**
 * Worker counts between the small cases' 15 and the large-M law's 101: code with a separate path
 * for some range of M (a fixed-size selection network up to 32 or 64 workers) goes wrong there.
 */
const MID_M = { min: 16, max: 100 } as const;

/** The worker counts of the large-M law, and its name (tests recognise its counterexamples by it). */
export const LARGE_M = { min: 101, max: 1001 } as const;
export const LARGE_M_CHECK_NAME = `agrees with the reference at large M (${LARGE_M.min} to ${LARGE_M.max} workers)`;

const law = <T>(definition: Law<T>): Law => definition as unknown as Law;
const mapRows = (testCase: Case, f: (x: number) => number): Case => ({
  ...testCase,
  rows: testCase.rows.map((row) => row.map(f)),
});
/** The case scaled by a power of two so that both it and its multiple by `scale` lie within `limit`. */
const fitScaled = (testCase: Case, scale: number, limit: number): Case => {
  const exponent = rangeExponent(largestMagnitude(testCase.rows) * Math.max(1, scale), limit);
  return exponent === 0 ? testCase : mapRows(testCase, (x) => scaleBy(x, exponent));
};
const signs = (values: Float64Array) => Array.from(values, (v) => (v > 0 ? 1 : v < 0 ? -1 : 0));

/** The laws that apply to `rule`, in the order they run. */
export function lawsFor(rule: Rule, observesMutation: boolean): Law[] {
  const laws: Law[] = [];
  laws.push(
    law({
      name: 'agrees with the reference (M ≤ 15, d ≤ 6, values across the declared range)',
      arbitrary: cases(rule, { minM: 1, maxM: 15, maxD: 6, entry: magnitudes(rule) }),
      holds: (c, v) => c.agrees(v),
    }),
  );
  laws.push(
    law({
      name: 'agrees with the reference on ties and zeros',
      arbitrary: cases(rule, {
        minM: 1,
        maxM: 12,
        maxD: 4,
        entry: fc.integer({ min: -2, max: 2 }).map((k) => (k === 0 ? 0 : k)),
      }),
      holds: (c, v) => c.agrees(v),
    }),
  );
  laws.push(
    law({
      name: `agrees with the reference at d = ${MODERATE_D.min} to ${MODERATE_D.max} (block remainders)`,
      arbitrary: cases(rule, {
        minM: 1,
        maxM: 15,
        minD: MODERATE_D.min,
        maxD: MODERATE_D.max,
        entry: magnitudes(rule),
      }),
      holds: (c, v) => c.agrees(v),
      runs: (runs) => Math.max(10, Math.ceil(runs / 4)),
    }),
  );
  laws.push(
    law({
      name: `agrees with the reference at M = ${MID_M.min} to ${MID_M.max} workers`,
      // Mostly distinct values: with the ties of `magnitudes` alone, dropping or misplacing one of
      // dozens of workers rarely moves a median or a vote (fast-check's bias toward small integers
      // made ties common enough that median-network-mid-m escaped calibration seed 101). Values do
      // not shrink, only the workers and coordinates: shrinking dozens of values one by one took
      // 56000 calls (7 s) for one counterexample.
      arbitrary: cases(rule, {
        minM: MID_M.min,
        maxM: MID_M.max,
        maxD: 4,
        spreadM: true,
        entry: fc.noShrink(
          fc.oneof(
            { weight: 3, arbitrary: fc.noBias(fc.integer({ min: -1000, max: 1000 })) },
            { weight: 1, arbitrary: magnitudes(rule) },
          ),
        ),
      }),
      holds: (c, v) => c.agrees(v),
      valuesShrink: false,
    }),
  );
  laws.push(largeWorkerCount(rule));
  if (rule.traits.selectsAtOddM) {
    laws.push(
      law({
        name: 'odd-M median is one of the inputs',
        arbitrary: cases(rule, { minM: 1, maxM: 15, maxD: 4, entry: magnitudes(rule), parity: 'odd' }),
        holds: async (c, testCase) => {
          const got = await c.call(testCase);
          got.forEach((value, j) => {
            if (!testCase.rows.some((row) => row[j] === value))
              throw new CallFailure(
                `coordinate ${j}: ${value} is not one of the inputs ${JSON.stringify(testCase.rows.map((row) => row[j]))}`,
              );
          });
        },
      }),
    );
  }
  laws.push(
    law({
      name: 'invariant under permuting the workers',
      arbitrary: fc.record({
        testCase: cases(rule, { minM: 1, maxM: 12, maxD: 4, entry: magnitudes(rule, Math.min(rule.maxAbs, 1e300)) }),
        rotation: fc.nat(),
      }),
      holds: async (c, { testCase, rotation }) => {
        const order = testCase.rows.map((_, i) => (i + rotation) % testCase.rows.length).reverse();
        const permuted: Case = {
          rows: order.map((i) => testCase.rows[i]),
          weights: testCase.weights === undefined ? undefined : order.map((i) => testCase.weights![i]),
        };
        c.close('output changed when the workers were reordered', await c.call(permuted), await c.call(testCase), [
          testCase,
          permuted,
        ]);
      },
    }),
  );
  if (rule.traits.translationEquivariant) {
    laws.push(
      law({
        name: 'translation equivariant: A(v + c) = A(v) + c (dyadic values)',
        arbitrary: fc
          .record({ testCase: cases(rule, { minM: 1, maxM: 12, maxD: 4, entry: dyadic, fit: false }), shift: dyadic })
          .map(({ testCase, shift }) => {
            // v and v + c both within the declared range: scaled together, the law still applies.
            const shifted = testCase.rows.map((row) => row.map((x) => x + shift));
            const exponent = rangeExponent(
              Math.max(largestMagnitude(testCase.rows), largestMagnitude(shifted)),
              rule.maxAbs,
            );
            return { testCase: mapRows(testCase, (x) => scaleBy(x, exponent)), shift: scaleBy(shift, exponent) };
          }),
        holds: async (c, { testCase, shift }) => {
          const moved = mapRows(testCase, (x) => x + shift);
          c.close(
            `shift by ${shift}`,
            await c.call(moved),
            (await c.call(testCase)).map((x) => x + shift),
            [testCase, moved],
          );
        },
      }),
    );
  }
  if (rule.traits.scaling === 'equivariant') {
    laws.push(
      law({
        name: 'positive-scale equivariant: A(s·v) = s·A(v) (s a power of two)',
        arbitrary: fc
          .record({
            testCase: cases(rule, { minM: 1, maxM: 12, maxD: 4, entry: dyadic }),
            scale: fc.constantFrom(0.25, 0.5, 2, 8),
          })
          .map(({ testCase, scale }) => ({ testCase: fitScaled(testCase, scale, rule.maxAbs), scale })),
        holds: async (c, { testCase, scale }) => {
          const scaled = mapRows(testCase, (x) => x * scale);
          c.close(
            `scale by ${scale}`,
            await c.call(scaled),
            (await c.call(testCase)).map((x) => x * scale),
            [scaled, mapRows(testCase, (x) => x * scale)],
          );
        },
      }),
    );
  } else {
    // Entries 0 or with 1e-30 ≤ |x| ≤ 1e30, so that scaling by s ∈ [1e-3, 1e3] neither underflows nor overflows, in float32 too.
    const scalable = fc
      .oneof(
        fc.constantFrom(0, -0),
        fc.double({ min: 1e-30, max: 1e30, noNaN: true }),
        fc.double({ min: -1e30, max: -1e-30, noNaN: true }),
        fc.integer({ min: -3, max: 3 }),
      )
      .map(rule.dtype.round);
    laws.push(
      law({
        name: 'positive-scale invariant: A(s·v) = A(v) for s > 0',
        arbitrary: fc
          .record({
            testCase: cases(rule, { minM: 1, maxM: 12, maxD: 4, entry: scalable }),
            scale: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
          })
          .map(({ testCase, scale }) => ({ testCase: fitScaled(testCase, scale, rule.maxAbs), scale })),
        holds: async (c, { testCase, scale }) => {
          const scaled = mapRows(testCase, (x) => rule.dtype.round(x * scale));
          c.close(`scale by ${scale}`, await c.call(scaled), await c.call(testCase), []);
        },
      }),
    );
  }
  // A +1 convention for zeros and ties, or a lower/upper median, breaks the symmetry at even M or with zeros: there it is checked on odd M without zeros.
  const symmetricVote = rule.negationHolds([[0], [0]]);
  laws.push(
    law({
      name: symmetricVote
        ? 'negation equivariant: A(−v) = −A(v)'
        : 'negation equivariant: A(−v) = −A(v) (odd M, no zero entries: the conventions break the symmetry elsewhere)',
      arbitrary: symmetricVote
        ? cases(rule, { minM: 1, maxM: 12, maxD: 4, entry: magnitudes(rule) })
        : cases(rule, { minM: 1, maxM: 12, maxD: 4, entry: magnitudes(rule).filter((x) => x !== 0), parity: 'odd' }),
      holds: async (c, testCase) => {
        const negated = mapRows(testCase, (x) => -x);
        c.close(
          'negating the inputs',
          await c.call(negated),
          (await c.call(testCase)).map((x) => -x),
          [testCase, negated],
        );
      },
    }),
  );
  if (rule.weights?.scalable === true) {
    laws.push(
      law({
        name: 'invariant under multiplying every weight by the same integer',
        arbitrary: fc.record({
          testCase: cases(rule, { minM: 1, maxM: 12, maxD: 4, entry: magnitudes(rule, Math.min(rule.maxAbs, 1e30)) }),
          factor: fc.integer({ min: 2, max: 1000 }),
        }),
        holds: async (c, { testCase, factor }) => {
          const heavier: Case = { ...testCase, weights: testCase.weights!.map((w) => w * factor) };
          c.close(`weights times ${factor}`, await c.call(heavier), await c.call(testCase), [testCase, heavier]);
        },
      }),
    );
  }
  const proposition1 = rule.traits.proposition1;
  if (proposition1 !== undefined) {
    const outputIsMedian = proposition1 === 'median';
    laws.push(
      law({
        name: 'Proposition 1: sign(vote) = sign(median) for odd M and nonzero entries',
        arbitrary: cases(rule, {
          minM: 1,
          maxM: 15,
          maxD: 4,
          entry: magnitudes(rule).filter((x) => x !== 0),
          parity: 'odd',
        }),
        holds: async (c, testCase) => {
          const got = await c.call(testCase);
          const vectors = testCase.rows.map((row) => Float64Array.from(row));
          const counterpart = outputIsMedian ? signs(majorityVote(vectors)) : signs(median(vectors));
          got.forEach((value, j) => {
            const own = outputIsMedian ? Math.sign(value) : value;
            if (own !== counterpart[j])
              throw new CallFailure(
                `coordinate ${j}: ${outputIsMedian ? `sign of the median ${Math.sign(value)} but majority vote` : `vote ${value} but sign of the median`} ${counterpart[j]}`,
              );
          });
        },
      }),
    );
  }
  if (observesMutation) {
    laws.push(
      law({
        name: 'does not mutate its input',
        arbitrary: cases(rule, { minM: 1, maxM: 12, maxD: 4, entry: magnitudes(rule) }),
        holds: async (c, v) => void (await c.call(v)),
      }),
    );
  }
  return laws;
}

/**
 * Mostly distinct values at 101 to 1001 workers: with the small integers and zeros of `magnitudes`
 * alone, the median of hundreds of workers is nearly always a tied small integer, which hides
 * selection bugs. Values stay 4096 times below the dtype's largest (sums cannot overflow: that is
 * the edge cases' job). Only the worker count shrinks (then dropWorkers): simplifying hundreds of
 * values costs thousands of calls, and a counterexample of 101 rows is read through the coordinate
 * its failure names anyway.
 */
function largeWorkerCount(rule: Rule): Law {
  const limit = Math.min(rule.maxAbs, rule.dtype.max / 4096);
  const spread = fc.noBias(fc.double({ min: -limit, max: limit, noNaN: true }).map(rule.dtype.round));
  const distinctMostly = fc.noShrink(
    fc.oneof({ weight: 4, arbitrary: spread }, { weight: 1, arbitrary: magnitudes(rule, limit) }),
  );
  const lowest = Math.max(LARGE_M.min, rule.minWorkers);
  const rows = fc.array(fc.array(distinctMostly, { minLength: 2, maxLength: 2 }), {
    minLength: lowest,
    maxLength: Math.max(LARGE_M.max, lowest),
    size: 'max',
  });
  const { weights } = rule;
  const arbitrary: fc.Arbitrary<Case> =
    weights === undefined
      ? rows.map((matrix) => ({ rows: matrix }))
      : fc
          .tuple(rows, fc.noShrink(fc.array(weights.weight, { minLength: LARGE_M.max, maxLength: LARGE_M.max })))
          .map(([matrix, drawn]) => ({ rows: matrix, weights: weights.finish(drawn.slice(0, matrix.length)) }));
  const fixed = (rows: number[][]): Case => {
    const fitted = fitRows(rows, rule.maxAbs);
    return weights === undefined
      ? { rows: fitted }
      : { rows: fitted, weights: weights.finish(fitted.map((_, i) => 1 + (i % 7))) };
  };
  // Every worker of one sign, at the largest M: a vote counted in a narrow integer (Int8Array
  // wraps past 127) or any count that saturates shows only where the workers agree, and random
  // signs at M ≤ 1001 never get near such a limit.
  const oneSigned = (sign: 1 | -1): Case =>
    fixed(
      Array.from({ length: Math.max(LARGE_M.max, lowest) }, (_, i) => [
        rule.dtype.round(sign * (1 + (i % 97))),
        rule.dtype.round(sign * (0.5 + (i % 89))),
      ]),
    );
  // An even count of distinct values, half of them negative in the first coordinate: the generated
  // counts are all odd on one seed in eight, and a large-M path that takes one middle value for
  // even M (or breaks the vote's tie) must not depend on that.
  const evenDistinct = fixed(
    Array.from({ length: Math.max(LARGE_M.max - 1, lowest + (lowest % 2)) }, (_, i) => [
      ((i * 389) % 1000) - 499.5,
      ((i * 601) % 1000) - 400,
    ]),
  );
  return law<Case>({
    name: LARGE_M_CHECK_NAME,
    arbitrary,
    examples: [oneSigned(1), oneSigned(-1), evenDistinct],
    holds: (c, v) => c.agrees(v),
    runs: (runs) => Math.max(3, Math.ceil(runs / 40)),
    tighten: dropWorkers(weights?.finish),
  });
}

/**
 * Drops workers from a failing large-M input while it still fails, until none can go: first halves,
 * quarters, … of the workers (a bug that needs many workers, such as a count that wraps past 127,
 * keeps failing far below where it was found, and single drops would stop at a local step of the
 * wrap), then one at a time or two adjacent ones (for bugs that show at even or odd M only). With
 * the values left unshrunk, fast-check's shrinker can stop a few workers short (at 104 for an
 * even-M bug). The weights left are finished again (`finish`: normalised weights are divided by
 * their new sum), so that every input tried is within the convention the aggregator declared.
 * `finish` is undefined only for rules without a weight convention, whose cases carry no weights.
 */
const dropWorkers =
  (finish: ((weights: readonly number[]) => number[]) | undefined) =>
  async (
    testCase: Case,
    failure: (value: Case) => Promise<string | undefined>,
    deadline: number,
  ): Promise<{ value: Case; minimal: boolean }> => {
    let current = testCase;
    const without = (c: Case, i: number, width: number): Case => ({
      rows: [...c.rows.slice(0, i), ...c.rows.slice(i + width)],
      weights:
        c.weights === undefined || finish === undefined
          ? undefined
          : finish([...c.weights.slice(0, i), ...c.weights.slice(i + width)]),
    });
    search: while (true) {
      const room = current.rows.length - LARGE_M.min;
      const chunks: number[] = [];
      for (let width = 2 ** Math.floor(Math.log2(Math.max(room, 1))); width > 2; width /= 2) chunks.push(width);
      for (const width of [...chunks, 1, 2]) {
        // Chunks at their own multiples, single and paired workers at every position.
        const step = width > 2 ? width : 1;
        for (let i = current.rows.length - width; i >= 0 && current.rows.length - width >= LARGE_M.min; i -= step) {
          if (Date.now() >= deadline) return { value: current, minimal: false };
          const candidate = without(current, i, width);
          if ((await failure(candidate)) !== undefined) {
            current = candidate;
            continue search;
          }
        }
      }
      return { value: current, minimal: true };
    }
  };
