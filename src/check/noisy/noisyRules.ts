// The noisy aggregators of the paper, which add noise b·ξ_i to every worker's value themselves:
// Noisy SIGNSGD's vote sign(Σ_i sign(v_i + b·ξ_i)) (Theorem 5) and the noisy median
// median(v_i + b·ξ_i) of Noisy MEDIANSGD (Theorem 6). Their output is random: what a correct one
// satisfies is a distribution, whose moments the exact engine gives.
import type { NoiseFamily } from '../../distributions/NoiseFamily.ts';
import { getNoiseFamily } from '../../distributions/noiseFamilies.ts';
import { MedmeanError } from '../../errors/MedmeanError.ts';
import { evenMedianAverageCdf } from '../../estimators/evenMedianAverageCdf.ts';
import { noisyMedianMoments } from '../../estimators/noisyMedianMoments.ts';
import { middleOrderStatistics } from '../../estimators/middleOrderStatistics.ts';
import { orderStatisticModel } from '../../estimators/orderStatisticModel.ts';
import { continuousLaw, discreteLaw, type OutputLaw } from './outputLaw.ts';

export const noisyRuleNames = ['noisy-sign-vote', 'noisy-median'] as const;
export type NoisyRuleName = (typeof noisyRuleNames)[number];

/** The noisy median of an even count: the average of the two middle values, or one of them. */
export const noisyEvenConventions = ['average', 'lower', 'upper'] as const;
export type NoisyEvenConvention = (typeof noisyEvenConventions)[number];

/** What an aggregator does where the noisy values of an even M split evenly: the median's middle, the tied vote's value. */
export interface NoisyConventions {
  /** noisy-median: default the average of the two middle values. */
  readonly even?: NoisyEvenConvention;
  /** noisy-sign-vote: the vote when as many noisy values are above 0 as below; default 0 (sign(0) = 0). */
  readonly tie?: 0 | 1;
}

/**
 * The law of the vote for any M: P(−1) = P(K < M/2), P(0) and P(+1) from P(K > M/2) and the
 * tie's share P(K = M/2) (to 0, or to +1 with `tie` = 1), for K the number of workers whose noisy
 * value is above 0, a Poisson-binomial count with p_i = P(u_i + b·ξ_i > 0).
 */
function voteLaw(u: readonly number[], scale: number, family: NoiseFamily, tie: number): [number, number, number] {
  let counts = [1];
  for (const ui of u) {
    const p = family.sf(-ui / scale);
    const next = new Array<number>(counts.length + 1).fill(0);
    counts.forEach((probability, k) => {
      next[k] += probability * (1 - p);
      next[k + 1] += probability * p;
    });
    counts = next;
  }
  const half = u.length / 2;
  const mass = (keep: (k: number) => boolean) =>
    counts.reduce((sum, probability, k) => (keep(k) ? sum + probability : sum), 0);
  const tied = mass((k) => k === half);
  return [mass((k) => k < half), tie === 1 ? 0 : tied, mass((k) => k > half) + (tie === 1 ? tied : 0)];
}

/**
 * The noisy median's exact moments by (law, scale, convention, u): every run of check-noisy asks for
 * the same settings' moments, and the quadratures cost about 0.3 s a run; a pure function of its
 * key, so a kept value is the value. Bounded, as an API caller may ask for any number of u.
 */
const medianMoments = new Map<string, { readonly mean: number; readonly variance?: number }>();
const MEDIAN_MOMENTS_KEPT = 256;

function remembered(key: string, compute: () => { readonly mean: number; readonly variance?: number }) {
  let moments = medianMoments.get(key);
  if (moments === undefined) {
    moments = Object.freeze(compute());
    if (medianMoments.size >= MEDIAN_MOMENTS_KEPT) medianMoments.clear();
    medianMoments.set(key, moments);
  }
  return moments;
}

export interface NoisyRule {
  readonly name: NoisyRuleName;
  readonly family: NoiseFamily;
  /** The noise scale b the aggregator declares it adds. */
  readonly scale: number;
  /** The conventions in words, for the report header. */
  readonly conventions: readonly string[];
  /** The exact mean of one output coordinate when the workers hold `u`, and its variance where the check tests it (the median at odd M). */
  expectation(u: readonly number[]): { readonly mean: number; readonly variance?: number };
  /** The exact law of one output coordinate when the workers hold `u`. */
  law(u: readonly number[]): OutputLaw;
  /** Whether `value` is a possible output (the vote is −1, 0 or +1). */
  possible(value: number): boolean;
  /** Whether the check tests the output's variance at M workers (the median's at odd M, which the engine gives). */
  testsVariance(M: number): boolean;
  /** Whether the output varies at `u` (its law is not one value): the same output at every coordinate then is noise shared by them. */
  varies(u: readonly number[]): boolean;
  /** How the report names the output and the tests of it. */
  readonly words: NoisyRuleWords;
}

export interface NoisyRuleWords {
  /** 'a vote': what every coordinate must be. */
  readonly output: string;
  /** Why an impossible value is one. */
  readonly impossible: string;
  /** 'the vote': the subject of the tail tests. */
  readonly subject: string;
  /** The moments test's name at M workers. */
  momentsTest(M: number): string;
  /** The law test's name. */
  readonly lawTest: string;
  /** A point of the output's range where the law test found its largest gap. */
  point(t: number): string;
}

export function createNoisyRule(
  name: NoisyRuleName,
  noise: string,
  scale: number,
  { even = 'average', tie = 0 }: NoisyConventions = {},
): NoisyRule {
  const api = 'createNoisyRule';
  if (!noisyEvenConventions.includes(even))
    throw new MedmeanError(api, 'even', `one of ${noisyEvenConventions.join(', ')}`, even);
  if (tie !== 0 && tie !== 1) throw new MedmeanError(api, 'tie', '0 or 1', tie);
  if (!noisyRuleNames.includes(name)) throw new MedmeanError(api, 'name', `one of ${noisyRuleNames.join(', ')}`, name);
  if (!(typeof scale === 'number' && scale > 0 && Number.isFinite(scale)))
    throw new MedmeanError(api, 'scale', 'a positive finite number', scale);
  const family = getNoiseFamily(noise, api, 'noise');
  const conventions = [
    `noise: b·ξ_i with b = ${scale} and ξ_i ${family.name} (${family.description}), fresh for every worker, coordinate and call`,
  ];
  if (name === 'noisy-median') {
    const medianExpectation = (u: readonly number[]) => {
      if (u.length % 2 === 1) {
        const { mean, variance } = noisyMedianMoments(u, scale, family);
        return { mean, variance };
      }
      // Even M: the means of the two middle order statistics (the variance of their average
      // needs their covariance, a double integral too slow for every run; the mean is tested
      // here, the spread through the law).
      const [low, high] = middleOrderStatistics(Float64Array.from(u), scale, family, 1e-12);
      const uBar = low.model.uBar;
      const at = (k: typeof low) => uBar + scale * k.first.value;
      return { mean: even === 'lower' ? at(low) : even === 'upper' ? at(high) : (at(low) + at(high)) / 2 };
    };
    return {
      name,
      family,
      scale,
      conventions: [
        ...conventions,
        `even M: ${even === 'average' ? 'the average of the two middle values' : `the ${even} of the two middle values`}`,
      ],
      expectation: (u) => remembered(`${family.name} ${scale} ${even} ${u.join(' ')}`, () => medianExpectation(u)),
      law: (u) => {
        const centres = Float64Array.from(u);
        if (u.length % 2 === 0 && even === 'average')
          return continuousLaw(evenMedianAverageCdf(centres, scale, family));
        const k = u.length % 2 === 1 ? (u.length + 1) / 2 : even === 'lower' ? u.length / 2 : u.length / 2 + 1;
        const model = orderStatisticModel(centres, scale, family, k);
        return continuousLaw((t) => model.cdf((t - model.uBar) / scale));
      },
      possible: Number.isFinite,
      testsVariance: (M) => M % 2 === 1,
      varies: () => true,
      words: {
        output: 'a finite value',
        impossible: 'is not finite',
        subject: 'the median',
        momentsTest: (M) =>
          M % 2 === 1 ? 'mean and variance of the noisy median' : 'mean of the noisy median, even M as declared',
        lawTest: 'the law of the noisy median (its CDF) as exact',
        point: (t) => t.toPrecision(5),
      },
    };
  }
  // At odd M the vote is the sign of the median (Proposition 1): E = P(median > 0) − P(median < 0);
  // at even M it is counted (voteLaw), ties included. Its variance follows from its law, which
  // is tested beside the mean: P(0) is the tie's share, which a mean cannot see.
  const voteExpectation = (u: readonly number[]) => {
    if (u.length % 2 === 0) {
      const [minus, , plus] = voteLaw(u, scale, family, tie);
      return { mean: plus - minus };
    }
    const model = orderStatisticModel(Float64Array.from(u), scale, family, (u.length + 1) / 2);
    const zero = (0 - model.uBar) / scale;
    return { mean: model.sf(zero) - model.cdf(zero) };
  };
  return {
    name,
    family,
    scale,
    conventions: [...conventions, `even M: a tied vote gives ${tie === 1 ? '+1' : '0'}`],
    expectation: voteExpectation,
    law: (u) => discreteLaw([-1, 0, 1], voteLaw(u, scale, family, tie)),
    possible: (value) => value === -1 || value === 0 || value === 1,
    testsVariance: () => false,
    // A vote certain to be −1 or +1 is the same at every coordinate however fresh the noise.
    varies: (u) => Math.abs(voteExpectation(u).mean) < 1,
    words: {
      output: 'a vote',
      impossible: 'is not a vote (−1, 0 or +1)',
      subject: 'the vote',
      momentsTest: (M) =>
        M % 2 === 1
          ? 'E[vote] = P(median > 0) − P(median < 0)'
          : 'E[vote] = P(more above 0) − P(more below 0), ties as declared',
      lawTest: 'P(vote = −1), P(vote = 0) and P(vote = +1) as exact',
      point: String,
    },
  };
}
