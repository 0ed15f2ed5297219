// medmean check's Theorem 4 behaviour test on a correct median (a statistical test of `npm test`).
// Direct imports, not the src/index.ts barrel: the calibration fingerprints each check's own
// module, so a check's row is voided only by changes to the code it runs.
import { mean } from '../../aggregators/mean.ts';
import { median } from '../../aggregators/median.ts';
import { inProcessAggregator } from '../../check/inProcessAggregator.ts';
import { createRule } from '../../check/rules.ts';
import { runChecks } from '../../check/runChecks.ts';
import type { Outcome, StatisticalCheck } from '../StatisticalCheck.ts';

async function theorem4Behaviour(
  aggregate: (vectors: readonly Float64Array[]) => Float64Array,
  seed: number,
): Promise<Outcome> {
  const results = await runChecks(
    inProcessAggregator('in-process', ({ vectors }) => aggregate(vectors as Float64Array[])),
    createRule('median'),
    { seed, runs: 1, budgetMs: 10_000 },
  );
  const result = results.find((r) => r.name.startsWith('Theorem 4'));
  if (result === undefined) throw new Error('medmean check no longer reports a Theorem 4 check');
  return { passed: result.status === 'pass', detail: result.detail };
}

export const checkTheorem4Check: StatisticalCheck = {
  id: 'check-theorem4',
  description: "medmean check's Theorem 4 behaviour test on a correct median; control: the mean submitted as a median",
  alpha: 2e-5,
  alphaNote: 'z-tests at 4.5 at three b',
  holds: (seed) => theorem4Behaviour((v) => median(v), seed),
  control: (seed) => theorem4Behaviour((v) => mean(v), seed),
};
