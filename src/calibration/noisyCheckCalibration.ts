// medmean check-noisy's verdicts on a corpus of noisy aggregator modules that state them in
// `// expect: pass|fail <flags>` lines: the test file and the calibration row that measure them.
import type { CheckResult } from '../check/CheckResult.ts';
import { moduleAggregator } from '../check/moduleAggregator.ts';
import { createNoisyRule } from '../check/noisy/noisyRules.ts';
import { NEIGHBOUR_FALSE_ALARM } from '../check/noisy/neighbourConcordance.ts';
import { REPEAT_FALSE_ALARM } from '../check/noisy/repeatedWindow.ts';
import {
  NOISY_Z_LIMIT,
  noisyFalseFailure,
  runNoisyChecks,
  TWO_SIDED_TAIL,
  type NoisyCheckOptions,
} from '../check/noisy/runNoisyChecks.ts';
import { noisySpecFromArgs, startWithSeed, type NoisySpec } from '../cli/checkNoisyCommand.ts';
import { annotatedModules, type AnnotatedModule } from './annotatedAggregators.ts';
import type { StatisticalCheck } from './StatisticalCheck.ts';

/** A verdict of `medmean check-noisy`: every noisy fixture states its flags. */
export type NoisyFixture = AnnotatedModule<NoisySpec>;

/** Every stated verdict of the modules in `directory`/correct and `directory`/buggy. */
export const noisyFixtures = (directory: string, verdict: 'pass' | 'fail'): NoisyFixture[] =>
  annotatedModules(directory, verdict, noisySpecFromArgs);

/**
 * medmean check-noisy on one fixture, with the aggregator's generator seeded from `seed`; under
 * `bail` (for the wrong pairs, as `--bail` does) only up to the first failing check.
 */
export async function checkNoisyFixture(
  fixture: NoisyFixture,
  seed: number,
  options: NoisyCheckOptions = {},
): Promise<CheckResult[]> {
  const { rule: name, noise, scale, conventions } = fixture.spec;
  const rule = createNoisyRule(name, noise, scale, conventions);
  const target = await startWithSeed(seed, () => moduleAggregator(fixture.file, 20_000));
  try {
    return await runNoisyChecks(target, rule, options);
  } finally {
    await target.close();
  }
}

const failed = (results: readonly CheckResult[]) => results.filter((result) => result.status === 'fail');

export function noisyFixturesCheck(directory: string): StatisticalCheck {
  const correct = noisyFixtures(directory, 'pass');
  const wrong = noisyFixtures(directory, 'fail');
  const alpha = correct.reduce(
    (sum, { spec }) => sum + noisyFalseFailure(createNoisyRule(spec.rule, spec.noise, spec.scale, spec.conventions)),
    0,
  );
  return {
    id: 'check-noisy-fixtures',
    description: `medmean check-noisy on the noisy aggregator fixtures: each of ${correct.length} correct (module, flags) pairs passes (its generator seeded from the seed); control: each of ${wrong.length} wrong ones (buggy modules, correct modules under a wrong scale or noise) fails`,
    alpha,
    alphaNote: `the z-tests at ${NOISY_Z_LIMIT} standard errors, the law tests and the tail counts (${TWO_SIDED_TAIL.toExponential(1)} each), the repeat searches (${REPEAT_FALSE_ALARM} each) and the neighbour concordance tests (${NEIGHBOUR_FALSE_ALARM} each) of every correct pair`,
    holds: async (seed) => {
      const failing: string[] = [];
      for (const fixture of correct) {
        const failures = failed(await checkNoisyFixture(fixture, seed));
        if (failures.length > 0) failing.push(`${fixture.name}: ${failures.map((r) => r.name).join(', ')}`);
      }
      return {
        passed: failing.length === 0,
        detail: failing.length === 0 ? 'every correct pair passed' : failing.join('; '),
      };
    },
    control: async (seed) => {
      const missed: string[] = [];
      for (const fixture of wrong)
        if (failed(await checkNoisyFixture(fixture, seed, { bail: true })).length === 0) missed.push(fixture.name);
      return {
        passed: missed.length > 0,
        detail: missed.length === 0 ? 'every wrong pair failed' : `not caught: ${missed.join(', ')}`,
      };
    },
  };
}
