// The even-M median's exact variance against Monte Carlo (a statistical test of `npm test`; see StatisticalCheck.ts).
import { evenMedianMoments } from '../../estimators/evenMedianMoments.ts';
import { evenMedianMonteCarloMoments } from '../../estimators/evenMedianMonteCarloMoments.ts';
import { deriveStream } from '../../rng/RandomStream.ts';
import type { Outcome, StatisticalCheck } from '../StatisticalCheck.ts';

const U = [-1, 0.25, 2, 4, 7, 7.5];
const B = 1.5;
const SAMPLES = 100_000;

let exact: ReturnType<typeof evenMedianMoments> | undefined;
/** The exact moments do not depend on the seed: computed once per process (about a second). */
const exactMoments = () => {
  exact ??= evenMedianMoments(U, B, 'student-t');
  return exact;
};

/** One z-test at 4.5 standard errors of the Monte Carlo variance against `claimed`. */
function varianceAgrees(seed: number, claimed: (moments: ReturnType<typeof evenMedianMoments>) => number): Outcome {
  const sampled = evenMedianMonteCarloMoments(U, B, 'student-t', SAMPLES, deriveStream(seed, 'even-median-variance'));
  const value = claimed(exactMoments());
  const z = Math.abs(value - sampled.variance) / sampled.varianceStandardError;
  return {
    passed: z < 4.5,
    detail: `claimed ${value} vs Monte Carlo ${sampled.variance} ± ${sampled.varianceStandardError} (z = ${z.toFixed(2)})`,
  };
}

export const evenMedianVarianceCheck: StatisticalCheck = {
  id: 'even-median-variance',
  description:
    "exact even-M median variance within 4.5 se of Monte Carlo (student-t, u = (-1, 0.25, 2, 4, 7, 7.5), b = 1.5, 1e5 draws); control: the variance without the middle order statistics' covariance",
  alpha: 7e-6,
  alphaNote: 'one z-test at 4.5',
  holds: async (seed) => varianceAgrees(seed, (moments) => moments.variance),
  control: async (seed) =>
    varianceAgrees(seed, (moments) => (moments.parts.lowerVariance + moments.parts.upperVariance) / 4),
};
