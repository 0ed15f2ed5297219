// medmean check-noisy's verdicts on a corpus of noisy aggregator modules that state them in
// `// expect: pass|fail <flags>` lines: the test file and the calibration row that measure them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckResult } from '../check/CheckResult.ts';
import { moduleAggregator } from '../check/moduleAggregator.ts';
import { createNoisyRule } from '../check/noisy/noisyRules.ts';
import { noisyFalseFailure, runNoisyChecks } from '../check/noisy/runNoisyChecks.ts';
import { noisySpecFromArgs, startWithSeed } from '../cli/checkNoisyCommand.ts';
import type { StatisticalCheck } from './StatisticalCheck.ts';

export interface NoisyFixture {
  /** The file name and its flags. */
  readonly name: string;
  readonly file: string;
  readonly args: readonly string[];
  readonly verdict: 'pass' | 'fail';
}

/** Every stated verdict of the modules in `directory`/correct and `directory`/buggy. */
export function noisyFixtures(directory: string, verdict: 'pass' | 'fail'): NoisyFixture[] {
  return (['correct', 'buggy'] as const).flatMap((kind) =>
    readdirSync(path.join(directory, kind))
      .filter((file) => file.endsWith('.mjs'))
      .sort()
      .flatMap((name) => {
        const file = path.join(directory, kind, name);
        return [...readFileSync(file, 'utf8').matchAll(/^\/\/ expect: (pass|fail) (.+)$/gm)]
          .filter((match) => match[1] === verdict)
          .map((match) => {
            const args = match[2].trim().split(/\s+/);
            return { name: `${name} ${args.join(' ')}`, file, args, verdict };
          });
      }),
  );
}

/** medmean check-noisy on one fixture, with the aggregator's generator seeded from `seed`. */
export async function checkNoisyFixture(fixture: NoisyFixture, seed: number): Promise<CheckResult[]> {
  const spec = noisySpecFromArgs(fixture.args);
  const rule = createNoisyRule(spec.rule, spec.noise, spec.scale);
  const target = await startWithSeed(seed, () => moduleAggregator(fixture.file, 20_000));
  try {
    return await runNoisyChecks(target, rule);
  } finally {
    await target.close();
  }
}

const failed = (results: readonly CheckResult[]) => results.filter((result) => result.status === 'fail');

export function noisyFixturesCheck(directory: string): StatisticalCheck {
  const correct = noisyFixtures(directory, 'pass');
  const wrong = noisyFixtures(directory, 'fail');
  const alpha = correct.reduce((sum, fixture) => {
    const spec = noisySpecFromArgs(fixture.args);
    return sum + noisyFalseFailure(createNoisyRule(spec.rule, spec.noise, spec.scale));
  }, 0);
  return {
    id: 'check-noisy-fixtures',
    description: `medmean check-noisy on the noisy aggregator fixtures: each of ${correct.length} correct (module, flags) pairs passes (its generator seeded from the seed); control: each of ${wrong.length} wrong ones (buggy modules, correct modules under a wrong scale or noise) fails`,
    alpha,
    alphaNote: 'the z-tests at 4.5 standard errors (6.8e-6 each) of every correct pair',
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
        if (failed(await checkNoisyFixture(fixture, seed)).length === 0) missed.push(fixture.name);
      return {
        passed: missed.length > 0,
        detail: missed.length === 0 ? 'every wrong pair failed' : `not caught: ${missed.join(', ')}`,
      };
    },
  };
}
