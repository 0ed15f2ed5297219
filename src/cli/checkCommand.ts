import { Command, Option } from 'commander';
import type { CheckSpec } from '../check/CheckSpec.ts';
import { dtypeNames, getDtype, type DtypeName } from '../check/dtype.ts';
import { ruleNames, type RuleName } from '../check/ruleNames.ts';
import { weightKinds, type WeightKind } from '../check/weightConvention.ts';
import type { EvenMedianRule } from '../aggregators/median.ts';
import { parseIntegerFlag, parsePositiveFlag } from './parseFlags.ts';
import { UsageError } from './UsageError.ts';
import { describeSource, startAggregator } from './startAggregator.ts';
import { checkRunExitCode, writeCheckRun } from './writeCheckRun.ts';

interface CheckFlags {
  rule: RuleName;
  even: EvenMedianRule;
  dtype: DtypeName;
  maxAbs?: number;
  trim?: number;
  trimCount?: number;
  signZero?: '0' | '1' | '+1';
  tie?: '0' | '1' | '+1';
  oneBit?: boolean;
  weights: WeightKind;
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
    .description(
      "check your aggregation code (a .js/.mjs/.ts module or an external command) against the reference and the paper's claims; exit 0 pass, 1 fail, 2 usage, 3 incomplete (a time budget ran out before a property's cases were done, with no failure)",
    )
    .argument(
      '[module]',
      'module whose default export (or `aggregate`) is (vectors, weights?) => ArrayLike<number> (or a Promise of one); vectors are Float64Arrays (Float32Arrays under --dtype float32)',
    )
    .addOption(
      new Option('--rule <rule>', 'the rule your code implements').choices([...ruleNames]).makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--even <convention>',
        'median only: the median of an even count is the average of the two middle values, the lower, or the upper',
      )
        .choices(['average', 'lower', 'upper'])
        .default('average'),
    )
    .option(
      '--trim <beta>',
      'trimmed-mean only: remove k = ⌊β·M⌋ values per side (rounded down, as scipy.stats.trim_mean), β in [0, 0.5)',
      parseTrimFraction,
    )
    .option(
      '--trim-count <k>',
      'trimmed-mean only: remove k values per side (generated inputs have M ≥ 2k + 1)',
      parseIntegerFlag('--trim-count', 0, 10_000),
    )
    .addOption(
      new Option('--sign-zero <vote>', 'sign-vote only: the vote of a zero entry, 0 (abstains; default) or +1').choices(
        ['0', '+1', '1'],
      ),
    )
    .addOption(
      new Option('--tie <vote>', 'sign-vote only: the result of a tied vote, 0 (default) or +1').choices([
        '0',
        '+1',
        '1',
      ]),
    )
    .option(
      '--one-bit',
      "sign-vote only: the 1-bit convention of signSGD's reference code, --sign-zero +1 --tie +1 (every output is ±1)",
    )
    .addOption(
      new Option(
        '--weights <kind>',
        'weighted-mean only: what your code receives as weights: positive reals (fractions, importances or counts), positive integers (example counts), or reals summing to 1 (your code may skip dividing by their sum)',
      )
        .choices([...weightKinds])
        .default('real'),
    )
    .addOption(
      new Option(
        '--dtype <dtype>',
        'the format your code computes in: generated values are representable in it, the reference follows its rounding and tolerances are in its ulps',
      )
        .choices([...dtypeNames])
        .default('float64'),
    )
    .option(
      '--max-abs <x>',
      'the largest magnitude your code must handle (default: the largest finite value of the dtype); values at ±x are among the fixed edge cases',
      parsePositiveFlag('--max-abs'),
    )
    .option(
      '--command <cmd>',
      'an external program speaking newline-delimited JSON on stdin/stdout ({"id","vectors"[,"weights"]} -> {"id","result"} or {"id","error"})',
    )
    .option(
      '--seed <n>',
      'seed of the generated cases (a failure replays with the same seed)',
      parseIntegerFlag('--seed', 0),
      DEFAULT_CHECK_SEED,
    )
    .option('--runs <n>', 'generated cases per property', parseIntegerFlag('--runs', 1, 1_000_000), 200)
    .option(
      '--timeout <ms>',
      'time limit per call, in milliseconds, plus 0.02 ms per input value (10 s more for the large-d call)',
      parseIntegerFlag('--timeout', 1, 3_600_000),
      10_000,
    )
    .option(
      '--budget <ms>',
      'time budget per property, shrinking included, in milliseconds',
      parseIntegerFlag('--budget', 100, 86_400_000),
      120_000,
    )
    .option('--junit <file>', 'also write JUnit XML to this file')
    .option('--report <file>', 'also write a markdown report to this file')
    .option('--counterexample-out <file>', "write every failing check's counterexample, whole, as JSON to this file")
    .option('--bail', 'stop after the first failing check (it fails as in a full run: every check has its own seed)')
    .action(async (modulePath: string | undefined, flags: CheckFlags, command: Command) => {
      const source = { modulePath, command: flags.command };
      const spec = checkSpec(flags, given(command));
      const target = await startAggregator(source, flags.timeout);
      const showProgress = process.stderr.isTTY === true;
      const { runChecks } = await import('../check/runChecks.ts');
      const { createRule } = await import('../check/rules.ts');
      const rule = createRule(spec);
      let results: Awaited<ReturnType<typeof runChecks>>;
      try {
        results = await runChecks(target, rule, {
          seed: flags.seed,
          runs: flags.runs,
          budgetMs: flags.budget,
          bail: flags.bail === true,
          onProgress: showProgress ? (name) => process.stderr.write(`  … ${name}\n`) : undefined,
        });
      } finally {
        await target.close();
      }
      const { target: targetName, replayArgument } = describeSource(source);
      writeCheckRun(
        {
          command: 'check',
          target: targetName,
          rule: flags.rule,
          conventions: rule.conventions,
          seed: flags.seed,
          // Only the flags that apply to the rule; --seed, --runs and --timeout always (a timeout is part of what failed).
          replay: `medmean check --rule ${flags.rule}${rule.flags} --seed ${flags.seed} --runs ${flags.runs} --timeout ${flags.timeout}${flags.bail === true ? ' --bail' : ''} ${replayArgument}`,
          results,
        },
        flags,
      );
      process.exitCode = checkRunExitCode(results);
    });
}

function parseTrimFraction(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !(value >= 0 && value < 0.5)) {
    throw new UsageError(
      `--trim must be a number in [0, 0.5): k = ⌊β·M⌋ values are removed from each side and at least one must remain. Value: \`${raw}\`.`,
    );
  }
  return value;
}

/**
 * The CheckSpec that `medmean check <args>` would check, validated as the command validates it
 * (the fixtures state their flags this way).
 */
export function checkSpecFromArgs(args: readonly string[]): CheckSpec {
  let spec: CheckSpec | undefined;
  const command = checkCommand()
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined })
    .action((_module: string | undefined, flags: CheckFlags, parsed: Command) => {
      spec = checkSpec(flags, given(parsed));
    });
  command.parse([...args, 'module.mjs'], { from: 'user' });
  return spec!;
}

/** Which of the flags with a default were given on the command line. */
const given = (command: Command) => ({
  even: command.getOptionValueSource('even') === 'cli',
  weights: command.getOptionValueSource('weights') === 'cli',
});

/** The checked claim from the flags; a flag that does not apply to the rule, or a missing or contradictory one, is a usage error naming it. */
function checkSpec(flags: CheckFlags, defaultsGiven: ReturnType<typeof given>): CheckSpec {
  const only = (given: boolean, flag: string, rule: RuleName) => {
    if (given && flags.rule !== rule)
      throw new UsageError(`${flag} applies to --rule ${rule} only (this check is --rule ${flags.rule}).`);
  };
  only(defaultsGiven.even, '--even', 'median');
  only(defaultsGiven.weights, '--weights', 'weighted-mean');
  only(flags.trim !== undefined, '--trim', 'trimmed-mean');
  only(flags.trimCount !== undefined, '--trim-count', 'trimmed-mean');
  only(flags.signZero !== undefined, '--sign-zero', 'sign-vote');
  only(flags.tie !== undefined, '--tie', 'sign-vote');
  only(flags.oneBit === true, '--one-bit', 'sign-vote');
  if (flags.rule === 'trimmed-mean' && (flags.trim === undefined) === (flags.trimCount === undefined)) {
    throw new UsageError('--rule trimmed-mean needs exactly one of --trim β (k = ⌊β·M⌋ per side) or --trim-count k.');
  }
  if (flags.oneBit === true && (flags.signZero !== undefined || flags.tie !== undefined)) {
    throw new UsageError('--one-bit already sets --sign-zero +1 --tie +1: give either --one-bit or those two.');
  }
  const dtype = getDtype(flags.dtype);
  if (flags.maxAbs !== undefined && flags.maxAbs > dtype.max) {
    throw new UsageError(
      `--max-abs must be at most the largest ${dtype.name} (${dtype.max}). Value: \`${flags.maxAbs}\`.`,
    );
  }
  const vote = (value: string | undefined) => (flags.oneBit === true || value === '+1' || value === '1' ? 1 : 0);
  return {
    rule: flags.rule,
    even: flags.even,
    trim:
      flags.trimCount !== undefined
        ? { count: flags.trimCount }
        : flags.trim !== undefined
          ? { fraction: flags.trim }
          : undefined,
    signOfZero: vote(flags.signZero),
    tie: vote(flags.tie),
    weights: flags.weights,
    dtype: flags.dtype,
    maxAbs: flags.maxAbs,
  };
}
