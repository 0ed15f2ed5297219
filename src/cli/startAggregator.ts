import { AggregatorSetupError, type AggregatorUnderTest } from '../check/AggregatorUnderTest.ts';
import { commandAggregator } from '../check/commandAggregator.ts';
import { moduleAggregator } from '../check/moduleAggregator.ts';
import { UsageError } from './UsageError.ts';

/** Where a check command's aggregator comes from: exactly one of a module path or --command. */
export interface AggregatorSource {
  readonly modulePath?: string;
  readonly command?: string;
}

/** The aggregator as the reports name it, and as the replay line passes it. */
export function describeSource(source: AggregatorSource): { target: string; replayArgument: string } {
  return source.modulePath !== undefined
    ? { target: source.modulePath, replayArgument: source.modulePath }
    : { target: `command: ${source.command}`, replayArgument: `--command ${JSON.stringify(source.command)}` };
}

/**
 * Starts the aggregator of `medmean check` or `check-noisy`: the module in a worker thread, or the
 * external command. Giving both or neither, or a path that is not a loadable module, is a usage
 * error (exit 2); a module that fails to load is not.
 */
export async function startAggregator(source: AggregatorSource, timeoutMs: number): Promise<AggregatorUnderTest> {
  if ((source.modulePath === undefined) === (source.command === undefined)) {
    throw new UsageError('give exactly one of <module> or --command "<program>".');
  }
  try {
    return source.modulePath !== undefined
      ? await moduleAggregator(source.modulePath, timeoutMs)
      : await commandAggregator(source.command!, timeoutMs);
  } catch (error) {
    if (error instanceof AggregatorSetupError && /not found|must be a/.test(error.message))
      throw new UsageError(error.message);
    throw error;
  }
}
