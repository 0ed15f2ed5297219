// The KS test of each noise family's sampler (a statistical test of `npm test`; see StatisticalCheck.ts).
// Direct imports, not the src/index.ts barrel: the calibration fingerprints each check's own
// module, so a check's row is voided only by changes to the code it runs.
import { deriveStream } from '../../rng/RandomStream.ts';
import { getNoiseFamily, noiseFamilies } from '../../distributions/noiseFamilies.ts';
import { ksCriticalValue, ksStatistic } from '../../estimators/ksStatistic.ts';
import type { Outcome, StatisticalCheck } from '../StatisticalCheck.ts';

const KS_DRAWS = 20_000;
const KS_ALPHA = 1e-4;

function samplerKs(familyName: string, sampledName: string, seed: number, key: string): Outcome {
  const family = getNoiseFamily(familyName);
  const sampled = getNoiseFamily(sampledName);
  const statistic = ksStatistic(
    sampled.sample(deriveStream(seed, key, familyName), new Float64Array(KS_DRAWS)),
    family.cdf,
  );
  const critical = ksCriticalValue(KS_ALPHA, KS_DRAWS);
  return {
    passed: statistic < critical,
    detail: `KS statistic ${statistic} vs critical ${critical} (n = ${KS_DRAWS}, α = ${KS_ALPHA})`,
  };
}

/** The KS test of each family's sampler against its own CDF; control: another family's draws. */
export const samplerChecks: StatisticalCheck[] = noiseFamilies.map((family) => {
  const other = family.name === 'gaussian' ? 'uniform' : 'gaussian';
  return {
    id: `sampler-ks-${family.name}`,
    description: `sampler KS test (${family.name}, n = ${KS_DRAWS}); control: ${other} draws`,
    alpha: KS_ALPHA,
    alphaNote: 'KS at 1e-4',
    holds: async (seed) => samplerKs(family.name, family.name, seed, 'ks'),
    control: async (seed) => samplerKs(family.name, other, seed, 'ks-power'),
  };
});
