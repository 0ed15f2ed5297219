// medmean check's verdicts on a corpus of annotated aggregator modules (annotatedAggregators.ts):
// the settings the check-correct and check-buggy tests use, what counts as caught, and the
// calibration row that measures both over many seeds.
import { moduleAggregator } from '../check/moduleAggregator.ts';
import { createRule } from '../check/rules.ts';
import { runChecks, type CheckResult } from '../check/runChecks.ts';
import { annotatedChecks, type AnnotatedCheck } from './annotatedAggregators.ts';
import type { StatisticalCheck } from './StatisticalCheck.ts';

/** How test/tool/check-correct.test.ts and test/tool/check-buggy.test.ts run medmean check on a fixture module. */
// The budgets are hang guards, not speed limits: a starved calibration worker (calibration found
// laws running out of 20 s at nice 19 beside two other calibrations) must not turn a verdict into
// 'incomplete'. A buggy module stops at its first failure, so a large budget costs it nothing.
export const FIXTURE_SETTINGS = {
  pass: { timeoutMs: 5000, runs: 40, budgetMs: 120_000, bail: false },
  // A buggy module is caught by its first failing check; the rest would only cost time.
  fail: { timeoutMs: 2000, runs: 40, budgetMs: 120_000, bail: true },
} as const;

export async function checkFixture(
  fixture: AnnotatedCheck,
  seed: number,
  overrides: { bail?: boolean; budgetMs?: number } = {},
): Promise<CheckResult[]> {
  const settings = { ...FIXTURE_SETTINGS[fixture.verdict], ...overrides };
  const target = await moduleAggregator(fixture.file, settings.timeoutMs);
  try {
    return await runChecks(target, createRule(fixture.spec), {
      seed,
      runs: settings.runs,
      budgetMs: settings.budgetMs,
      bail: settings.bail,
    });
  } finally {
    await target.close();
  }
}

/**
 * A buggy fixture counts as caught when its first failing check gives a counterexample. How far
 * it was shrunk depends on the time budget, and so on the machine's load: the tests check that
 * separately, with a budget time never reaches (test/tool/check-buggy.test.ts).
 */
export function isCaught(results: readonly CheckResult[]): boolean {
  const first = results.find((r) => r.status === 'fail');
  return first?.counterexample !== undefined;
}

/**
 * medmean check's verdicts on the annotated modules of `directory`, as the check-correct and check-buggy tests
 * give them: every correct module passes every check (each runs the Theorem 4 z-tests, 2e-5; the
 * other checks are properties of correct code and cannot fail), and every buggy one is caught.
 * Not in `statisticalChecks` (those two test files run it, on the share of the corpus their seed
 * selects: test/helpers/corpusShare.ts); calibrated as its own group, on every fixture.
 */
export function checkFixturesCheck(directory: string): StatisticalCheck {
  const correct = annotatedChecks(directory, 'pass');
  const buggy = annotatedChecks(directory, 'fail');
  return {
    id: 'check-fixtures',
    description: `medmean check on the fixture aggregators: each of ${correct.length} correct (module, flags) pairs passes every check; control: each of ${buggy.length} buggy ones is caught with a counterexample`,
    alpha: correct.length * 2e-5,
    alphaNote: 'the Theorem 4 z-tests (2e-5) on each correct module',
    holds: async (seed) => {
      const failing: string[] = [];
      for (const fixture of correct) {
        // Incomplete (a time budget ran out) fails too: medmean check exits 3 on it.
        const failed = (await checkFixture(fixture, seed)).filter(
          (r) => r.status === 'fail' || r.status === 'incomplete',
        );
        if (failed.length > 0) failing.push(`${fixture.name}: ${failed.map((r) => r.name).join(', ')}`);
      }
      return {
        passed: failing.length === 0,
        detail: failing.length === 0 ? 'every correct module passed' : failing.join('; '),
      };
    },
    control: async (seed) => {
      const missed: string[] = [];
      for (const fixture of buggy) if (!isCaught(await checkFixture(fixture, seed))) missed.push(fixture.name);
      return {
        passed: missed.length > 0,
        detail: missed.length === 0 ? 'every buggy module was caught' : `not caught: ${missed.join(', ')}`,
      };
    },
  };
}
