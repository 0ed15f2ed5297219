import { Command, CommanderError } from 'commander';
import { AggregatorSetupError } from '../check/AggregatorUnderTest.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { packageVersion } from '../report/reproducibility.ts';
import { benchCommand } from './benchCommand.ts';
import { checkCommand } from './checkCommand.ts';
import { checkNoisyCommand } from './checkNoisyCommand.ts';
import { mergeCommand } from './mergeCommand.ts';
import { momentsCommand } from './momentsCommand.ts';
import { reportCommand } from './reportCommand.ts';
import { simulateCommand } from './simulateCommand.ts';
import { UsageError } from './UsageError.ts';
import { MissingOptionalDependencyError } from '../package/optionalDependency.ts';
import { ExitCode } from './ExitCode.ts';

export function buildProgram(): Command {
  const program = new Command('medmean')
    .description(
      'Verify the median/mean bridging theorems (Chen et al., NeurIPS 2020) and check gradient aggregators against them.',
    )
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride();
  program.addCommand(reportCommand());
  program.addCommand(momentsCommand());
  program.addCommand(checkCommand());
  program.addCommand(checkNoisyCommand());
  program.addCommand(simulateCommand());
  program.addCommand(benchCommand());
  program.addCommand(mergeCommand());
  for (const command of program.commands) command.exitOverride().showHelpAfterError();
  return program;
}

/** Runs the CLI on argv (as process.argv) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return ExitCode.ok;
      return ExitCode.usage;
    }
    if (error instanceof AggregatorSetupError) {
      process.stderr.write(`medmean: ${error.message}\n`);
      return ExitCode.checkFailed;
    }
    if (
      error instanceof UsageError ||
      error instanceof MedmeanError ||
      error instanceof MissingOptionalDependencyError
    ) {
      process.stderr.write(`medmean: ${error.message}\n`);
      return ExitCode.usage;
    }
    process.stderr.write(
      `medmean: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return ExitCode.internalError;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv);
}
