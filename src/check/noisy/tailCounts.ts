/**
 * The noise's tails, which neither the moments nor the law's CDF resolve: noise clipped at ±3σ
 * changes 0.27% of the draws, a vote's mean by under 0.003 and its CDF by at most 0.00135, all far
 * inside what 20000 replicates tell apart (docs/check.md). One worker alone in its tail shows it:
 * with the other two pinned 50 noise widths away on either side, the middle worker at c·b decides
 * the vote (it is −1 exactly when ξ < −c) and is the median (below 0 exactly then). With c the
 * family's TAIL_PROBABILITY-quantile, negated, that happens about 27 times in 20000 replicates for
 * any family; clipped or truncated noise never reaches it. Each count is Binomial(R, p) with p from
 * the exact law, so an exact binomial test at the z-tests' level keeps their false-failure rate
 * however small the count (a z-test on 27 expected events would not).
 */
import type { NoiseFamily } from '../../distributions/NoiseFamily.ts';
import { binomialTails } from '../../estimators/binomialTails.ts';
import { gaussian } from '../../distributions/gaussian.ts';
import type { CheckResult } from '../CheckResult.ts';
import type { NoisyRule } from './noisyRules.ts';

/** P(ξ < −c) for the middle worker's centre c: Φ(−3), so that c = 3 for Gaussian noise. */
export const TAIL_PROBABILITY = gaussian.cdf(-3);
/** Where the two outer workers sit, in noise widths: so far that the middle one decides (the exact law counts the rest). */
export const TAIL_FAR = 50;

/**
 * How far beyond the quantiles the events' edges lie, relatively: noise clipped exactly at the
 * quantile (at ±3σ for Gaussian noise) puts an atom on the edge, which would otherwise fall on
 * either side as the quantile happens to round. It moves each event's probability by at most 4e-4
 * of itself (the uniform's; 1e-5 for Gaussian noise), and the test takes the exact probability at
 * the edge it uses.
 */
export const TAIL_MARGIN = 1e-6;

/** The middle worker's centre c, in units of b: P(ξ < −c) = TAIL_PROBABILITY, moved out by TAIL_MARGIN. */
export function tailCentre(family: NoiseFamily): number {
  return -family.quantile(TAIL_PROBABILITY) * (1 + TAIL_MARGIN);
}

/** An event on one output whose count the test compares with Binomial(R, probability). */
interface TailEvent {
  readonly what: string;
  readonly holds: (output: number) => boolean;
  readonly probability: number;
}

/** The vote's −1 and 0 (impossible at odd M), or the median below 0 and beyond the middle worker's upper tail point. */
function tailEvents(rule: NoisyRule, u: readonly number[], centre: number): TailEvent[] {
  const law = rule.law(u);
  if (rule.name === 'noisy-sign-vote')
    return [
      { what: 'vote = −1', holds: (y) => y < 0, probability: law.below(0) },
      { what: 'vote = 0', holds: (y) => y === 0, probability: law.atMost(0) - law.below(0) },
    ];
  const upper = rule.scale * (centre + rule.family.quantile(1 - TAIL_PROBABILITY) * (1 + TAIL_MARGIN));
  return [
    { what: 'median < 0', holds: (y) => y < 0, probability: law.below(0) },
    { what: `median > ${upper.toPrecision(4)}`, holds: (y) => y > upper, probability: 1 - law.atMost(upper) },
  ];
}

/** Tests per tail setting, each two-sided at the caller's level. */
export const TAIL_TESTS = 2;

/**
 * Counts of each tail event among `outputs` against Binomial(R, p), two-sided at `alpha` (each
 * tail at alpha/2), for the setting whose centres are `centres` (units of b, the middle one c).
 */
export function tailVerdict(
  rule: NoisyRule,
  label: string,
  centres: readonly number[],
  outputs: Float64Array,
  alpha: number,
): CheckResult {
  const R = outputs.length;
  const u = centres.map((a) => a * rule.scale);
  const centre = centres[(centres.length - 1) >> 1];
  let passed = true;
  const parts = tailEvents(rule, u, centre).map(({ what, holds, probability }) => {
    let count = 0;
    for (let r = 0; r < R; r++) if (holds(outputs[r])) count++;
    const { atMost, atLeast } = binomialTails(count, R, probability);
    const tail = Math.min(atMost, atLeast);
    // A NaN from the law is a failure to compare, never a pass.
    if (!(tail > alpha / 2)) passed = false;
    return `${what} ${count} times, expected ${(R * probability).toFixed(1)} (P(X ${atMost < atLeast ? '≤' : '≥'} ${count}) = ${tail.toPrecision(2)})`;
  });
  return {
    name: `${rule.words.subject} in the noise's tails at ${label}`,
    status: passed ? 'pass' : 'fail',
    detail: `${parts.join('; ')}; R = ${R} replicates, each count against the exact Binomial(R, p), two-sided, false failure ≤ ${alpha.toExponential(1)}`,
  };
}
