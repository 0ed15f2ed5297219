// Every statistical test of `npm test` outside the claims, each a function of the seed (see
// StatisticalCheck.ts), one module per family of tests: each calibration row fingerprints its own.
import type { StatisticalCheck } from './StatisticalCheck.ts';
import { checkTheorem4Check } from './statistical/checkTheorem4Check.ts';
import { densityCases, densityChecks } from './statistical/densityChecks.ts';
import { evenMedianVarianceCheck } from './statistical/evenMedianCheck.ts';
import { monteCarloCases, monteCarloChecks } from './statistical/monteCarloChecks.ts';
import { parallelMonteCarloCheck } from './statistical/parallelMonteCarloCheck.ts';
import { samplerChecks } from './statistical/samplerChecks.ts';
import { zigguratCheck } from './statistical/zigguratCheck.ts';

export {
  checkTheorem4Check,
  densityCases,
  densityChecks,
  evenMedianVarianceCheck,
  monteCarloCases,
  monteCarloChecks,
  parallelMonteCarloCheck,
  samplerChecks,
  zigguratCheck,
};

/** The module that declares each check, by check id: a calibration row's code is that module's closure. */
export const statisticalCheckSources: ReadonlyArray<readonly [string, readonly StatisticalCheck[]]> = [
  ['src/calibration/statistical/samplerChecks.ts', samplerChecks],
  ['src/calibration/statistical/zigguratCheck.ts', [zigguratCheck]],
  ['src/calibration/statistical/monteCarloChecks.ts', monteCarloChecks],
  ['src/calibration/statistical/parallelMonteCarloCheck.ts', [parallelMonteCarloCheck]],
  ['src/calibration/statistical/densityChecks.ts', densityChecks],
  ['src/calibration/statistical/checkTheorem4Check.ts', [checkTheorem4Check]],
  ['src/calibration/statistical/evenMedianCheck.ts', [evenMedianVarianceCheck]],
];

/** Every statistical test of `npm test` outside the claims (those are calibrated as whole claims). */
export const statisticalChecks: readonly StatisticalCheck[] = statisticalCheckSources.flatMap(([, checks]) => checks);
