import jstat from 'jstat';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { sampleMeanAndSd } from './sampleMeanAndSd.ts';

const { jStat } = jstat;

/** The outcome of comparing the mean of paired gains with a margin. */
export interface PairedMarginTest {
  readonly mean: number;
  readonly sd: number;
  /** One-sided (1 − α) Student-t bounds on the mean gain. */
  readonly lower: number;
  readonly upper: number;
  /** The lower bound exceeds the margin: the gain is shown to be larger. */
  readonly exceeds: boolean;
  /** The upper bound is below the margin: the gain is shown to be smaller. */
  readonly fallsShort: boolean;
}

/**
 * Three-way test of "the mean gain exceeds `margin`" from R independent paired gains (e.g. the
 * accuracy of a variant minus its baseline, one gain per independent training run).
 *
 * `exceeds` when the one-sided (1 − α) lower Student-t bound lies above the margin, `fallsShort`
 * when the upper bound lies below it, neither when the runs cannot tell. If the true mean gain is
 * at least the margin, P(fallsShort) ≤ α; if it is at most the margin, P(exceeds) ≤ α (for gains
 * that are independent and close to normal, which the t-test assumes).
 */
export function pairedMarginTest(gains: readonly number[], margin: number, alpha: number): PairedMarginTest {
  const api = 'pairedMarginTest';
  if (typeof margin !== 'number' || !Number.isFinite(margin))
    throw new MedmeanError(api, 'margin', 'a finite number', margin);
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 0.5))
    throw new MedmeanError(api, 'alpha', 'a number in (0, 0.5)', alpha);
  const { mean, sd } = sampleMeanAndSd(gains, api, 'gains');
  const R = gains.length;
  const halfWidth = jStat.studentt.inv(1 - alpha, R - 1) * (sd / Math.sqrt(R));
  const lower = mean - halfWidth;
  const upper = mean + halfWidth;
  return { mean, sd, lower, upper, exceeds: lower > margin, fallsShort: upper < margin };
}
