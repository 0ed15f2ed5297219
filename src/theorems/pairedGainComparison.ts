// The network experiments' measure and judgement: late test accuracy per run, and the paired gain
// of one algorithm over another against a margin.
import { formatNumber } from '../format/formatNumber.ts';
import { pairedMarginTest, type PairedMarginTest } from '../estimators/pairedMarginTest.ts';
import type { Criterion } from '../verdict/Criterion.ts';

/** One evaluation of a training run. */
export interface CurvePoint {
  readonly step: number;
  readonly trainLoss: number;
  readonly testAccuracy: number;
}

export const meanOf = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Mean test accuracy over the evaluations in the second half of training: steadier than the last one alone. */
export function lateTestAccuracy(curve: readonly CurvePoint[]): number {
  const last = curve.at(-1)!.step;
  return meanOf(curve.filter((point) => point.step > last / 2).map((point) => point.testAccuracy));
}

/** The mean curve over runs, evaluation by evaluation (a run that diverged stops early and drops out). */
export function meanCurve(curves: ReadonlyArray<readonly CurvePoint[]>): CurvePoint[] {
  return curves[0].map((_, index) => {
    const points = curves.map((curve) => curve[index]).filter((point) => point !== undefined);
    return {
      step: points[0].step,
      trainLoss: meanOf(points.map((point) => point.trainLoss)),
      testAccuracy: meanOf(points.map((point) => point.testAccuracy)),
    };
  });
}

export interface PairedGainComparison {
  /** Per run: the better-expected algorithm's value minus the other's. */
  readonly gainsPerRun: readonly number[];
  readonly test: PairedMarginTest;
  readonly criterion: Criterion;
  /** The mean gain, the gains per run and the bounds against the margin, in words. */
  readonly detail: string;
}

/** Paired runs (index r of both arrays shares initialisation and data): is the mean gain above `margin`? */
export function comparePairedGains(
  better: readonly number[],
  worse: readonly number[],
  margin: number,
  alpha: number,
): PairedGainComparison {
  const gainsPerRun = better.map((value, run) => value - worse[run]);
  const test = pairedMarginTest(gainsPerRun, margin, alpha);
  const { mean, lower, upper } = test;
  return {
    gainsPerRun,
    test,
    criterion: { kind: 'exceeds-margin', mean, lower, upper, margin, runs: gainsPerRun.length, alpha },
    detail: `mean gain ${formatNumber(mean, 3)} (per run: ${gainsPerRun.map((gain) => formatNumber(gain, 3)).join(', ')}); one-sided ${100 * (1 - alpha)}% bounds [${formatNumber(lower, 3)}, ${formatNumber(upper, 3)}] against the margin ${margin}`,
  };
}
