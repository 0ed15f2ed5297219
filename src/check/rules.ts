import { majorityVote } from '../aggregators/majorityVote.ts';
import { gaussian } from '../distributions/gaussian.ts';
import { noisyMedianMoments } from '../estimators/noisyMedianMoments.ts';
import { orderStatisticModel } from '../estimators/orderStatisticModel.ts';
import { mean } from '../aggregators/mean.ts';
import { median, type EvenMedianRule } from '../aggregators/median.ts';
import { trimCount, trimmedMean, type TrimOptions } from '../aggregators/trimmedMean.ts';
import { weightedMean } from '../aggregators/weightedMean.ts';
import type { AggregationRequest } from './AggregatorUnderTest.ts';
import type { CheckSpec } from './CheckSpec.ts';
import { getDtype, type Dtype } from './dtype.ts';
import type { RuleName } from './ruleNames.ts';
import { compareWithin } from './compareWithin.ts';
import { weightConvention, type WeightConvention } from './weightConvention.ts';

export { ruleNames, type RuleName } from './ruleNames.ts';

/** The rule a user's aggregator claims to implement, with its conventions: its reference and how outputs are compared. */
export interface Rule {
  readonly name: RuleName;
  readonly dtype: Dtype;
  /** The largest magnitude of generated values. */
  readonly maxAbs: number;
  /** The FedAvg weights requests carry, for a weighted mean only. */
  readonly weights?: WeightConvention;
  /** The smallest worker count the rule is defined for (a trimmed mean keeps at least one value). */
  readonly minWorkers: number;
  /** The laws the rule obeys beyond agreeing with its reference (src/check/laws.ts states them as properties). */
  readonly traits: RuleTraits;
  /** Theorem 4's setting for the rule: what its output averages to under Gaussian noise (src/check/fixedChecks.ts). */
  readonly noisyBehaviour: NoisyBehaviour;
  /** The conventions in words, for the report header. */
  readonly conventions: readonly string[];
  /** The flags that state the conventions, for the replay line (only those that apply to the rule). */
  readonly flags: string;
  /** Whether A(−v) = −A(v) on these vectors: false where a convention breaks the symmetry. */
  negationHolds(rows: readonly (readonly number[])[]): boolean;
  reference(request: AggregationRequest): Float64Array;
  /** Undefined when `got` matches `expected` for these inputs, else a description of the mismatch. */
  mismatch(got: Float64Array, expected: Float64Array, request: AggregationRequest): string | undefined;
  /** The allowed difference at coordinate j (0: exact, −0 and +0 equal). */
  tolerance(request: AggregationRequest, expected: Float64Array, j: number): number;
}

/** What a rule is, beyond its reference: the laws of medmean check are chosen from these, never from the rule's name. */
export interface RuleTraits {
  /** Under a positive scale s: A(s·v) = s·A(v) (means and medians), or A(s·v) = A(v) (votes). */
  readonly scaling: 'equivariant' | 'invariant';
  /** A(v + c) = A(v) + c. */
  readonly translationEquivariant: boolean;
  /** At odd M every output coordinate is one of the inputs (a median selects). */
  readonly selectsAtOddM: boolean;
  /**
   * Proposition 1 at odd M and nonzero entries: the sign of the median equals the majority vote.
   * 'median': the output is a median, checked against the vote; 'vote': the output is the vote,
   * checked against the sign of the median.
   */
  readonly proposition1?: 'median' | 'vote';
  /** The output is decided by counting workers (a vote): a count held in too few bits wraps where many workers agree. */
  readonly countsWorkers: boolean;
}

/** What the output must average to when Gaussian noise b·ξ is added to fixed centres u. */
export interface NoisyBehaviour {
  readonly name: string;
  readonly centres: readonly number[];
  readonly scales: readonly number[];
  readonly weights?: readonly number[];
  readonly expected: (b: number) => number;
  readonly showBias: boolean;
}

const MEAN_LIKE: RuleTraits = {
  scaling: 'equivariant',
  translationEquivariant: true,
  selectsAtOddM: false,
  countsWorkers: false,
};
const average = (u: readonly number[], w?: readonly number[]) => {
  const weights = w ?? u.map(() => 1);
  return u.reduce((s, x, i) => s + weights[i] * x, 0) / weights.reduce((s, x) => s + x, 0);
};
const unbiased = (name: string, centres: readonly number[], weights?: readonly number[]): NoisyBehaviour => ({
  name,
  centres,
  weights,
  scales: [1, 4, 16],
  expected: () => average(centres, weights),
  showBias: false,
});

const column = (request: AggregationRequest, j: number) => request.vectors.map((vector) => vector[j]);
/** factor·Σ|x|, each term scaled first so that the bound stays finite for values near the largest double. */
const scaledSumAbs = (factor: number, values: readonly number[]) =>
  values.reduce((total, x) => total + factor * Math.abs(x), 0);

/**
 * Tolerances, in units of the dtype (ε its ulp at 1, s its smallest subnormal): odd-M medians,
 * lower/upper medians and votes must match exactly (they select or count; no rounding). The
 * average of two middle values a ≤ b may be formed as (a+b)/2, a/2 + b/2 or a + (b − a)/2: the
 * last rounds b − a first, so when a ≈ −b its error is a rounding of max(|a|, |b|), not of the
 * small result: 2ε·max(|a|, |b|). A mean may
 * sum in any order: recursive summation of n terms in any order is within (n−1)·ε/2·Σ|v| of the
 * exact sum, so 2ε·Σ|v| (over the values averaged) bounds any order's mean and the reference's own
 * rounding. A weighted mean, as Σwv/W or Σ(w/W)v with S = Σw|v|/W: the products and the M − 1
 * additions of the numerator are within M·ε/2·S, and W's own M − 1 additions (exact for counts,
 * not for real weights) and the division move the quotient by at most M·ε/2·S more; normalized
 * weights p_i, each rounded, sum to 1 within about M·ε/2, so Σpv without the division is as close.
 * All within M·ε·S: (M+2)·ε·S, plus M·s/2·max(1, 1/W) for the products that round in the
 * subnormal range (s the smallest subnormal).
 */
export function createRule(specOrName: CheckSpec | RuleName, even?: EvenMedianRule): Rule {
  const spec: CheckSpec = typeof specOrName === 'string' ? { rule: specOrName, even } : specOrName;
  const dtype = getDtype(spec.dtype ?? 'float64');
  const maxAbs = spec.maxAbs ?? dtype.max;
  const tiny = 2 * dtype.minSubnormal;
  const eps = dtype.epsilon;
  const rangeFlags = `${dtype.name === 'float64' ? '' : ` --dtype ${dtype.name}`}${spec.maxAbs === undefined ? '' : ` --max-abs ${spec.maxAbs}`}`;
  const range = `values of ${dtype.name} with |v| ≤ ${maxAbs}${spec.maxAbs === undefined ? ` (the whole ${dtype.name} range)` : ''}`;
  const rounded = (values: Float64Array) => (dtype.name === 'float64' ? values : values.map(dtype.round));
  const base = { name: spec.rule, dtype, maxAbs, minWorkers: 1 };
  const withComparison = (rule: Omit<Rule, 'mismatch'>): Rule => ({
    ...rule,
    mismatch: (got, expected, request) => compareWithin(got, expected, (j) => rule.tolerance(request, expected, j)),
  });

  switch (spec.rule) {
    case 'median': {
      const convention = spec.even ?? 'average';
      return withComparison({
        ...base,
        conventions: [
          `even M: ${convention === 'average' ? 'the average of the two middle values' : `the ${convention} middle value`}`,
          range,
        ],
        flags: ` --even ${convention}${rangeFlags}`,
        traits: {
          scaling: 'equivariant',
          translationEquivariant: true,
          selectsAtOddM: true,
          proposition1: 'median',
          countsWorkers: false,
        },
        noisyBehaviour: {
          name: 'Theorem 4: noisy median bias shrinks like the exact reference',
          centres: [0, 1, 5],
          scales: [1, 4, 16],
          expected: (b) => noisyMedianMoments([0, 1, 5], b, gaussian).mean,
          showBias: true,
        },
        negationHolds: (rows) => convention === 'average' || rows.length % 2 === 1,
        reference: ({ vectors }) => rounded(median(vectors, { even: convention })),
        tolerance: ({ vectors }, _expected, j) => {
          if (vectors.length % 2 === 1 || convention !== 'average') return 0;
          // Any formula for the average of the two middle values a ≤ b ((a + b)/2, a/2 + b/2, or the
          // overflow-safe a + (b − a)/2) is within ε·max(|a|, |b|) of it: 2 ulps of the larger one.
          const sorted = column({ vectors }, j).sort((x, y) => x - y);
          const h = sorted.length >> 1;
          return 2 * eps * Math.max(Math.abs(sorted[h - 1]), Math.abs(sorted[h])) + tiny;
        },
      });
    }
    case 'sign-vote': {
      const signOfZero = spec.signOfZero ?? 0;
      const tie = spec.tie ?? 0;
      return withComparison({
        ...base,
        conventions: [
          `sign of a zero entry: ${signOfZero === 0 ? '0 (abstains)' : '+1'}`,
          `tied vote: ${tie === 0 ? '0' : '+1'}`,
          range,
        ],
        flags: `${signOfZero === 0 && tie === 0 ? '' : signOfZero === 1 && tie === 1 ? ' --one-bit' : ` --sign-zero ${signOfZero} --tie ${tie}`}${rangeFlags}`,
        traits: {
          scaling: 'invariant',
          translationEquivariant: false,
          selectsAtOddM: false,
          proposition1: 'vote',
          countsWorkers: true,
        },
        // A zero or a tie has probability 0 under continuous noise at odd M: E[vote] does not depend on the conventions.
        noisyBehaviour: {
          name: 'Theorem 4: noisy vote matches P(median > 0) − P(median < 0)',
          centres: [-1, 0.5, 2],
          scales: [0.5, 2, 8],
          expected: (b) => {
            const u = [-1, 0.5, 2];
            const model = orderStatisticModel(Float64Array.from(u), b, gaussian, 2);
            const s0 = (0 - average(u)) / b;
            return model.sf(s0) - model.cdf(s0);
          },
          showBias: false,
        },
        // Under a +1 convention a zero or a tie votes +1 whatever the signs: negation holds without them.
        negationHolds: (rows) =>
          (signOfZero === 0 && tie === 0) || (rows.length % 2 === 1 && rows.every((row) => row.every((x) => x !== 0))),
        reference: ({ vectors }) => majorityVote(vectors, { signOfZero, tie }),
        tolerance: () => 0,
      });
    }
    case 'mean':
      return withComparison({
        ...base,
        conventions: [range],
        flags: rangeFlags,
        traits: MEAN_LIKE,
        noisyBehaviour: unbiased('noisy mean is unbiased', [0, 1, 5]),
        negationHolds: () => true,
        reference: ({ vectors }) => rounded(mean(vectors)),
        tolerance: (request, _expected, j) => scaledSumAbs(2 * eps, column(request, j)) + tiny,
      });
    case 'weighted-mean': {
      const weights = weightConvention(spec.weights ?? 'real', dtype);
      return withComparison({
        ...base,
        weights,
        conventions: [weights.description, range],
        flags: ` --weights ${weights.kind}${rangeFlags}`,
        traits: MEAN_LIKE,
        noisyBehaviour: unbiased('noisy weighted mean is unbiased', [0, 1, 5], weights.finish([1, 2, 5])),
        negationHolds: () => true,
        reference: ({ vectors, weights }) => rounded(weightedMean(vectors, weights!)),
        tolerance: (request, _expected, j) => {
          const weights = request.weights!;
          const total = weights.reduce((s, w) => s + w, 0);
          const averageAbs = column(request, j).reduce((s, x, i) => s + (weights[i] / total) * Math.abs(x), 0);
          // A product w·v in the subnormal range rounds by up to half a subnormal (exact only for
          // integer w without the division by W first): M of them, divided by W when W < 1 (the
          // count first, as M/2 subnormals would round away).
          const M = request.vectors.length;
          return (M + 2) * eps * averageAbs + tiny + (M / 2 / Math.min(1, total)) * dtype.minSubnormal;
        },
      });
    }
    case 'trimmed-mean': {
      const trim = spec.trim;
      if (trim === undefined) throw new TypeError('createRule: the trimmed-mean rule needs `trim`');
      const minWorkers = 'count' in trim ? 2 * trim.count + 1 : 1;
      // Centres symmetric about 2 and symmetric noise: the output's distribution is symmetric about 2.
      const M = Math.max(5, minWorkers);
      const centres = Array.from({ length: M }, (_, i) => 2 + (i - (M - 1) / 2) * 1.5);
      return withComparison({
        ...base,
        minWorkers,
        traits: MEAN_LIKE,
        noisyBehaviour: {
          ...unbiased('noisy trimmed mean of centres symmetric about 2 averages to 2', centres),
          expected: () => 2,
        },
        conventions: [
          `trimmed per side: ${'count' in trim ? `k = ${trim.count}` : `k = ⌊${trim.fraction}·M⌋ (rounded down, as scipy.stats.trim_mean)`}`,
          range,
        ],
        flags: `${'count' in trim ? ` --trim-count ${trim.count}` : ` --trim ${trim.fraction}`}${rangeFlags}`,
        negationHolds: () => true,
        reference: ({ vectors }) => rounded(trimmedMean(vectors, trim)),
        tolerance: (request, _expected, j) => {
          const k = trimCount(trim, request.vectors.length);
          const sorted = column(request, j).sort((a, b) => a - b);
          return scaledSumAbs(2 * eps, sorted.slice(k, sorted.length - k)) + tiny;
        },
      });
    }
  }
}

export type { TrimOptions };
