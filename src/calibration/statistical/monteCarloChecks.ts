// The exact engine against Monte Carlo medians (a statistical test of `npm test`; see StatisticalCheck.ts).
// Direct imports, not the src/index.ts barrel: the calibration fingerprints each check's own
// module, so a check's row is voided only by changes to the code it runs.
import { deriveStream } from '../../rng/RandomStream.ts';
import { noisyMedianMoments } from '../../estimators/noisyMedianMoments.ts';
import { monteCarloMedianMoments } from '../../estimators/monteCarloMedianMoments.ts';
import type { Outcome, StatisticalCheck } from '../StatisticalCheck.ts';

const MC_Z = 4.42;
const MC_DRAWS = 100_000;
/** Cases where the exact engine is compared with a Monte Carlo of 1e5 medians. */
export const monteCarloCases = [
  ['gaussian', [0, 1, 5], 0.5],
  ['laplace', [0, 1, 5], 2],
  ['uniform', [-1, 0.25, 2, 4, 7], 1.5],
  ['student-t', [0, 1, 5], 3],
  ['centred-exponential', [0, 1, 5], 2],
] as const;

/** The exact mean and variance inside mean ± 4.42 se of the Monte Carlo (two z-tests, 2e-5). */
function exactInsideMonteCarlo(noise: string, u: readonly number[], b: number, seed: number, shift: number): Outcome {
  const exact = noisyMedianMoments(u, b, noise);
  const mc = monteCarloMedianMoments(
    u.map((v) => v + shift),
    b,
    noise,
    MC_DRAWS,
    deriveStream(seed, 'mc-vs-exact', noise),
  );
  const meanOk = Math.abs(exact.mean - mc.mean) <= MC_Z * mc.meanStandardError;
  const varianceOk = Math.abs(exact.variance - mc.variance) <= MC_Z * mc.varianceStandardError;
  return {
    passed: meanOk && varianceOk,
    detail: `mean ${exact.mean} vs MC ${mc.mean} ± ${mc.meanStandardError}; variance ${exact.variance} vs MC ${mc.variance} ± ${mc.varianceStandardError} (z = ${MC_Z})`,
  };
}

export const monteCarloChecks: StatisticalCheck[] = monteCarloCases.map(([noise, u, b]) => ({
  id: `exact-vs-mc-${noise}`,
  description: `exact moments inside Monte Carlo intervals (${noise}, u = (${u.join(', ')}), b = ${b}, 1e5 draws); control: u shifted by 0.05·b`,
  alpha: 2e-5,
  alphaNote: 'two z-tests at 4.42',
  holds: async (seed) => exactInsideMonteCarlo(noise, u, b, seed, 0),
  control: async (seed) => exactInsideMonteCarlo(noise, u, b, seed, 0.05 * b),
}));
