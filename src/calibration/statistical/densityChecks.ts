// χ² fits of sampled medians to the exact order-statistic density (a statistical test of `npm test`).
// Direct imports, not the src/index.ts barrel: the calibration fingerprints each check's own
// module, so a check's row is voided only by changes to the code it runs.
import jstat from 'jstat';
import { deriveStream } from '../../rng/RandomStream.ts';
import { getNoiseFamily } from '../../distributions/noiseFamilies.ts';
import { medianGoodnessOfFit } from '../../estimators/medianGoodnessOfFit.ts';
import type { Outcome, StatisticalCheck } from '../StatisticalCheck.ts';

const { jStat } = jstat;

const CHI2_ALPHA = 1e-4;
const CHI2_CRITICAL = jStat.chisquare.inv(1 - CHI2_ALPHA, 19);
export const densityCases = [
  ['gaussian', [0, 1, 5], 1],
  ['laplace', [-1, 0.25, 2, 4, 7], 0.5],
  ['uniform', [0, 1, 5], 2],
] as const;

/** χ² fit of 5e4 sampled medians to the exact density (43)/(44), 20 equiprobable bins (χ²(19)). */
function densityFit(noise: string, u: readonly number[], b: number, seed: number, shift: number): Outcome {
  const statistic = medianGoodnessOfFit(
    u,
    b,
    getNoiseFamily(noise),
    50_000,
    deriveStream(seed, 'gof', `${noise}-${b}`),
    20,
    shift,
  );
  return {
    passed: statistic < CHI2_CRITICAL,
    detail: `χ² = ${statistic}, critical ${CHI2_CRITICAL} (α = ${CHI2_ALPHA})`,
  };
}

export const densityChecks: StatisticalCheck[] = densityCases.map(([noise, u, b]) => ({
  id: `density-chi2-${noise}`,
  description: `order-statistic density χ² fit (${noise}, u = (${u.join(', ')}), b = ${b}, 5e4 medians); control: medians of u shifted by 0.1·b`,
  alpha: CHI2_ALPHA,
  alphaNote: 'χ²(19) at 1e-4',
  holds: async (seed) => densityFit(noise, u, b, seed, 0),
  control: async (seed) => densityFit(noise, u, b, seed, 0.1 * b),
}));
