// The block Monte Carlo against the exact engine (a statistical test of `npm test`; see StatisticalCheck.ts).
// Direct imports, not the src/index.ts barrel: the calibration fingerprints each check's own
// module, so a check's row is voided only by changes to the code it runs.
import { noisyMedianMoments } from '../../estimators/noisyMedianMoments.ts';
import { parallelMonteCarlo } from '../../estimators/parallelMonteCarlo.ts';
import type { Outcome, StatisticalCheck } from '../StatisticalCheck.ts';

/** parallelMonteCarlo's mean against the exact engine: one z-test at 4.5 (7e-6). */
async function parallelAgreesWithExact(seed: number, shift: number): Promise<Outcome> {
  const u = [0, 1, 5];
  const estimate = await parallelMonteCarlo({ u: u.map((v) => v + shift), b: 2, samples: 200_000, seed, workers: 1 });
  const exact = noisyMedianMoments(u, 2, 'gaussian');
  return {
    passed: Math.abs(estimate.mean - exact.mean) < 4.5 * estimate.meanStandardError,
    detail: `exact ${exact.mean} vs Monte Carlo ${estimate.mean} ± ${estimate.meanStandardError}`,
  };
}

export const parallelMonteCarloCheck: StatisticalCheck = {
  id: 'parallel-mc-vs-exact',
  description:
    'block Monte Carlo (parallelMonteCarlo) mean within 4.5 se of the exact engine (gaussian, u = (0, 1, 5), b = 2, 2e5 draws); control: u shifted by 0.05',
  alpha: 7e-6,
  alphaNote: 'one z-test at 4.5',
  holds: (seed) => parallelAgreesWithExact(seed, 0),
  control: (seed) => parallelAgreesWithExact(seed, 0.05),
};
