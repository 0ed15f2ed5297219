import { Command, Option } from 'commander';
import { AggregatorSetupError, type AggregatorUnderTest } from '../check/AggregatorUnderTest.ts';
import { commandAggregator } from '../check/commandAggregator.ts';
import { formatCounterexamples, formatJUnit, formatMarkdown, formatSummary, type CheckRun } from '../check/formatCheckResults.ts';
import { moduleAggregator } from '../check/moduleAggregator.ts';
import { ruleNames, type RuleName } from '../check/ruleNames.ts';
import type { EvenMedianRule } from '../aggregators/median.ts';
import { writeFileAtomically } from '../report/writeFileAtomically.ts';
import { parseIntegerFlag } from './parseFlags.ts';
import { UsageError } from './UsageError.ts';
import { ExitCode } from './ExitCode.ts';

interface CheckFlags {
  rule: RuleName;
  even: EvenMedianRule;
  command?: string;
  seed: number;
  runs: number;
  timeout: number;
  budget: number;
  junit?: string;
  report?: string;
  bail?: boolean;
  counterexampleOut?: string;
}

export const DEFAULT_CHECK_SEED = 20200601;

export function checkCommand(): Command {
  return new Command('check')
    .description('check your aggregation code (a .js/.mjs/.ts module or an external command) against the reference and the paper\'s claims; exit 0 pass, 1 fail, 2 usage, 3 incomplete (a time budget ran out before a property\'s cases were done, with no failure)')
    .argument('[module]', 'module whose default export (or `aggregate`) is (vectors: readonly Float64Array[]) => ArrayLike<number>')
    .addOption(new Option('--rule <rule>', 'the rule your code implements').choices([...ruleNames]).makeOptionMandatory())
    .addOption(new Option('--even <convention>', 'median of an even count: average of the two middle values, the lower, or the upper').choices(['average', 'lower', 'upper']).default('average'))
    .option('--command <cmd>', 'an external program speaking newline-delimited JSON on stdin/stdout ({"id","vectors"} -> {"id","result"})')
    .option('--seed <n>', 'seed of the generated cases (a failure replays with the same seed)', parseIntegerFlag('--seed', 0), DEFAULT_CHECK_SEED)
    .option('--runs <n>', 'generated cases per property', parseIntegerFlag('--runs', 1, 1_000_000), 200)
    .option('--timeout <ms>', 'time limit per call, in milliseconds', parseIntegerFlag('--timeout', 1, 3_600_000), 10_000)
    .option('--budget <ms>', 'time budget per property, shrinking included, in milliseconds', parseIntegerFlag('--budget', 100, 86_400_000), 120_000)
    .option('--junit <file>', 'also write JUnit XML to this file')
    .option('--report <file>', 'also write a markdown report to this file')
    .option('--counterexample-out <file>', 'write every failing check\'s counterexample, whole, as JSON to this file')
    .option('--bail', 'stop after the first failing check (it fails as in a full run: every check has its own seed)')
    .action(async (modulePath: string | undefined, flags: CheckFlags) => {
      if ((modulePath === undefined) === (flags.command === undefined)) {
        throw new UsageError('give exactly one of <module> or --command "<program>".');
      }
      let target: AggregatorUnderTest;
      try {
        target = modulePath !== undefined ? await moduleAggregator(modulePath, flags.timeout) : await commandAggregator(flags.command!, flags.timeout);
      } catch (error) {
        if (error instanceof AggregatorSetupError && /not found|must be a/.test(error.message)) throw new UsageError(error.message);
        throw error;
      }
      const showProgress = process.stderr.isTTY === true;
      const { runChecks } = await import('../check/runChecks.ts');
      const { createRule } = await import('../check/rules.ts');
      let results;
      try {
        results = await runChecks(target, createRule(flags.rule, flags.even), {
          seed: flags.seed,
          runs: flags.runs,
          budgetMs: flags.budget,
          bail: flags.bail === true,
          onProgress: showProgress ? (name) => process.stderr.write(`  … ${name}\n`) : undefined,
        });
      } finally {
        await target.close();
      }
      const source = modulePath !== undefined ? modulePath : `--command ${JSON.stringify(flags.command)}`;
      const run: CheckRun = {
        target: modulePath ?? `command: ${flags.command}`,
        rule: flags.rule,
        even: flags.rule === 'median' ? flags.even : undefined,
        seed: flags.seed,
        // Only the flags that apply to the rule; --seed, --runs and --timeout always (a timeout is part of what failed).
        replay: `medmean check --rule ${flags.rule}${flags.rule === 'median' ? ` --even ${flags.even}` : ''} --seed ${flags.seed} --runs ${flags.runs} --timeout ${flags.timeout}${flags.bail === true ? ' --bail' : ''} ${source}`,
        results,
      };
      process.stdout.write(formatSummary(run));
      if (flags.junit !== undefined) writeFileAtomically(flags.junit, formatJUnit(run));
      if (flags.report !== undefined) writeFileAtomically(flags.report, formatMarkdown(run));
      if (flags.counterexampleOut !== undefined) writeFileAtomically(flags.counterexampleOut, formatCounterexamples(run));
      process.exitCode = results.some((result) => result.status === 'fail') ? ExitCode.checkFailed : results.some((result) => result.status === 'incomplete') ? ExitCode.incomplete : ExitCode.ok;
    });
}
