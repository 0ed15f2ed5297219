// The ziggurat sampler's battery of tests (a statistical test of `npm test`; see StatisticalCheck.ts).
// Direct imports, not the src/index.ts barrel: the calibration fingerprints each check's own
// module, so a check's row is voided only by changes to the code it runs.
import { deriveStream } from '../../rng/RandomStream.ts';
import { gaussian } from '../../distributions/gaussian.ts';
import { fillStandardNormalZiggurat, ZIGGURAT_TAIL_START } from '../../distributions/ziggurat.ts';
import { ksCriticalValue, ksStatistic } from '../../estimators/ksStatistic.ts';
import type { Outcome, StatisticalCheck } from '../StatisticalCheck.ts';

const ZIGGURAT_DRAWS = 1_000_000;
const ZIGGURAT_Z = 4.5;
/** The tail beyond it comes from Marsaglia's tail method: its mass is tested on its own. */
const ZIGGURAT_R = ZIGGURAT_TAIL_START;

/**
 * Four moment z-tests (4.5 standard errors: two-sided 6.8e-6 each), the tail mass beyond R
 * (4.5 standard errors), KS at α = 1e-4 and 53-bit resolution (no ties in 1e6 draws); the
 * family-wise false-failure probability is below 5 × 6.8e-6 + 1e-4 + 1e6²/2^54 < 2e-4.
 * `scale` multiplies the draws (the control uses a variance of 1.04).
 */
function zigguratBattery(seed: number, scale: number): Outcome {
  const n = ZIGGURAT_DRAWS;
  const draws = fillStandardNormalZiggurat(deriveStream(seed, 'ziggurat'), new Float64Array(n));
  if (scale !== 1) for (let i = 0; i < n; i++) draws[i] *= scale;
  let m1 = 0,
    m2 = 0,
    m3 = 0,
    m4 = 0,
    tail = 0;
  for (const x of draws) {
    const x2 = x * x;
    m1 += x;
    m2 += x2;
    m3 += x2 * x;
    m4 += x2 * x2;
    if (Math.abs(x) > ZIGGURAT_R) tail++;
  }
  const pTail = 2 * gaussian.sf(ZIGGURAT_R);
  const failures: string[] = [];
  const zTest = (name: string, deviation: number, standardError: number) => {
    if (!(Math.abs(deviation) < ZIGGURAT_Z * standardError))
      failures.push(`${name}: deviation ${deviation} ≥ ${ZIGGURAT_Z} × ${standardError}`);
  };
  zTest('mean', m1 / n, 1 / Math.sqrt(n));
  zTest('variance', m2 / n - 1, Math.sqrt(2 / n));
  zTest('third moment', m3 / n, Math.sqrt(15 / n));
  zTest('fourth moment', m4 / n - 3, Math.sqrt(96 / n));
  zTest('tail mass beyond R', tail - n * pTail, Math.sqrt(n * pTail * (1 - pTail)));
  const sorted = Float64Array.from(draws).sort();
  const ks = ksStatistic(sorted, gaussian.cdf);
  if (!(ks < ksCriticalValue(1e-4, n))) failures.push(`KS ${ks} ≥ ${ksCriticalValue(1e-4, n)}`);
  let ties = 0;
  for (let i = 1; i < n; i++) if (sorted[i] === sorted[i - 1]) ties++;
  if (ties > 0) failures.push(`${ties} ties`);
  return {
    passed: failures.length === 0,
    detail: failures.length === 0 ? 'all seven tests passed' : failures.join('; '),
  };
}

export const zigguratCheck: StatisticalCheck = {
  id: 'ziggurat-battery',
  description: `ziggurat sampler: moments, tail mass beyond R, KS, no ties (n = 1e6); control: variance 1.04`,
  alpha: 2e-4,
  alphaNote: 'five z-tests at 4.5, KS at 1e-4, ties',
  holds: async (seed) => zigguratBattery(seed, 1),
  control: async (seed) => zigguratBattery(seed, Math.sqrt(1.04)),
};
