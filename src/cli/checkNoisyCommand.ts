import { Command, Option } from 'commander';
import type { AggregatorUnderTest } from '../check/AggregatorUnderTest.ts';
import {
  noisyEvenConventions,
  noisyRuleNames,
  type NoisyConventions,
  type NoisyEvenConvention,
  type NoisyRuleName,
} from '../check/noisy/noisyRules.ts';
import { noiseFamilyNames } from '../distributions/noiseFamilies.ts';
import { DEFAULT_CHECK_SEED } from './checkCommand.ts';
import { parseIntegerFlag, parsePositiveFlag } from './parseFlags.ts';
import { describeSource, startAggregator } from './startAggregator.ts';
import { UsageError } from './UsageError.ts';
import { checkRunExitCode, writeCheckRun } from './writeCheckRun.ts';

interface CheckNoisyFlags {
  rule: NoisyRuleName;
  scale: number;
  noise: string;
  even?: NoisyEvenConvention;
  tie?: '0' | '+1' | '1';
  command?: string;
  seed: number;
  timeout: number;
  bail?: boolean;
  junit?: string;
  report?: string;
}

/** What a noisy aggregator is checked against: its rule, its noise scale b, the family of ξ and its even-M conventions. */
export interface NoisySpec {
  readonly rule: NoisyRuleName;
  readonly scale: number;
  readonly noise: string;
  readonly conventions: NoisyConventions;
}

/** The conventions from the flags; one that does not apply to the rule is a usage error naming it. */
function noisyConventions(flags: CheckNoisyFlags): NoisyConventions {
  if (flags.even !== undefined && flags.rule !== 'noisy-median')
    throw new UsageError(`--even applies to --rule noisy-median only (this check is --rule ${flags.rule}).`);
  if (flags.tie !== undefined && flags.rule !== 'noisy-sign-vote')
    throw new UsageError(`--tie applies to --rule noisy-sign-vote only (this check is --rule ${flags.rule}).`);
  return { even: flags.even, tie: flags.tie === '+1' || flags.tie === '1' ? 1 : 0 };
}

/** The convention flags as given, for the replay line. */
const conventionFlags = (flags: CheckNoisyFlags) =>
  `${flags.even === undefined ? '' : ` --even ${flags.even}`}${flags.tie === undefined ? '' : ` --tie ${flags.tie}`}`;

/** The environment variable that carries --seed to the aggregator, for one whose generator takes a seed. */
export const NOISY_SEED_VARIABLE = 'MEDMEAN_SEED';

/**
 * Starts an aggregator with ${NOISY_SEED_VARIABLE} set to `seed`: the module's worker thread and
 * the command's process copy the environment when they start, and this process's is restored.
 */
export async function startWithSeed(
  seed: number,
  start: () => Promise<AggregatorUnderTest>,
): Promise<AggregatorUnderTest> {
  const previous = process.env[NOISY_SEED_VARIABLE];
  process.env[NOISY_SEED_VARIABLE] = String(seed);
  try {
    return await start();
  } finally {
    if (previous === undefined) delete process.env[NOISY_SEED_VARIABLE];
    else process.env[NOISY_SEED_VARIABLE] = previous;
  }
}

export function checkNoisyCommand(): Command {
  return new Command('check-noisy')
    .description(
      "check an aggregator that adds its own noise b·ξ (Noisy SIGNSGD's vote, the noisy median of Noisy MEDIANSGD) against the exact distribution of its output; exit 0 pass, 1 fail, 2 usage",
    )
    .argument(
      '[module]',
      'module whose default export (or `aggregate`) is (vectors) => ArrayLike<number> (or a Promise of one)',
    )
    .addOption(
      new Option('--rule <rule>', 'what the aggregator computes from the noisy values')
        .choices([...noisyRuleNames])
        .makeOptionMandatory(),
    )
    .requiredOption('--scale <b>', 'the noise scale b it adds to every value', parsePositiveFlag('--scale'))
    .addOption(
      new Option('--noise <family>', 'the distribution of ξ').choices([...noiseFamilyNames]).default('gaussian'),
    )
    .addOption(
      new Option(
        '--even <convention>',
        'noisy-median only: the median of an even count of noisy values is the average of the two middle values (default), the lower, or the upper',
      ).choices([...noisyEvenConventions]),
    )
    .addOption(
      new Option(
        '--tie <vote>',
        'noisy-sign-vote only: the vote when as many noisy values are above 0 as below (even M), 0 (default) or +1',
      ).choices(['0', '+1', '1']),
    )
    .option('--command <cmd>', 'an external program speaking newline-delimited JSON, as for `medmean check`')
    .option(
      '--seed <n>',
      `passed to the aggregator as the environment variable ${NOISY_SEED_VARIABLE}, for one whose generator takes a seed`,
      parseIntegerFlag('--seed', 0),
      DEFAULT_CHECK_SEED,
    )
    .option(
      '--timeout <ms>',
      'time limit per call, in milliseconds, plus 0.02 ms per input value',
      parseIntegerFlag('--timeout', 1, 3_600_000),
      10_000,
    )
    .option(
      '--bail',
      "stop after the first failing check (each setting's checks are then made right after its call; what fails, fails as in a full run)",
    )
    .option('--junit <file>', 'also write JUnit XML to this file')
    .option('--report <file>', 'also write a markdown report to this file')
    .action(async (modulePath: string | undefined, flags: CheckNoisyFlags) => {
      const source = { modulePath, command: flags.command };
      const { createNoisyRule } = await import('../check/noisy/noisyRules.ts');
      const { runNoisyChecks, noisyFalseFailure, NOISY_Z_LIMIT } = await import('../check/noisy/runNoisyChecks.ts');
      const rule = createNoisyRule(flags.rule, flags.noise, flags.scale, noisyConventions(flags));
      const target = await startWithSeed(flags.seed, () => startAggregator(source, flags.timeout));
      let results: Awaited<ReturnType<typeof runNoisyChecks>>;
      try {
        results = await runNoisyChecks(target, rule, { bail: flags.bail === true });
      } finally {
        await target.close();
      }
      const { target: targetName, replayArgument } = describeSource(source);
      writeCheckRun(
        {
          command: 'check-noisy',
          target: targetName,
          rule: flags.rule,
          conventions: [
            ...rule.conventions,
            `false failure of a correct aggregator ≤ ${noisyFalseFailure(rule).toExponential(1)} (z-tests at ${NOISY_Z_LIMIT} standard errors, law tests and tail counts at the same level)`,
          ],
          seed: flags.seed,
          replay: `medmean check-noisy --rule ${flags.rule} --scale ${flags.scale} --noise ${flags.noise}${conventionFlags(flags)} --seed ${flags.seed} --timeout ${flags.timeout}${flags.bail === true ? ' --bail' : ''} ${replayArgument}`,
          results,
        },
        flags,
      );
      process.exitCode = checkRunExitCode(results);
    });
}

/** What `medmean check-noisy <args>` would check, validated as the command validates it (the fixtures state their flags this way). */
export function noisySpecFromArgs(args: readonly string[]): NoisySpec {
  let spec: NoisySpec | undefined;
  const command = checkNoisyCommand()
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined })
    .action((_module: string | undefined, flags: CheckNoisyFlags) => {
      spec = { rule: flags.rule, scale: flags.scale, noise: flags.noise, conventions: noisyConventions(flags) };
    });
  command.parse([...args, 'module.mjs'], { from: 'user' });
  return spec!;
}
