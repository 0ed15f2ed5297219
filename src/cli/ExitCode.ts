/** medmean's exit codes (docs/cli.md). */
export const ExitCode = {
  /** Everything checked passed (or the command did its work). */
  ok: 0,
  /** A check failed: a claim did not hold, or medmean check found a bug or could not load the aggregator. */
  checkFailed: 1,
  /** Bad flags or values: the message names the flag and the value. */
  usage: 2,
  /** medmean check: a property found no failure but its time budget ran out before its cases were done. */
  incomplete: 3,
  /** A bug in medmean itself (the message carries the stack): not a verdict on anything checked. */
  internalError: 4,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
