import {
  formatCounterexamples,
  formatJUnit,
  formatMarkdown,
  formatSummary,
  type CheckRun,
} from '../check/formatCheckResults.ts';
import type { CheckResult } from '../check/CheckResult.ts';
import { writeFileAtomically } from '../report/writeFileAtomically.ts';
import { ExitCode } from './ExitCode.ts';

/** The files a check command was asked for besides its summary on stdout. */
export interface CheckOutputs {
  readonly junit?: string;
  readonly report?: string;
  readonly counterexampleOut?: string;
}

/** Prints the run's summary and writes each requested file whole (never half-written). */
export function writeCheckRun(run: CheckRun, outputs: CheckOutputs): void {
  process.stdout.write(formatSummary(run));
  if (outputs.junit !== undefined) writeFileAtomically(outputs.junit, formatJUnit(run));
  if (outputs.report !== undefined) writeFileAtomically(outputs.report, formatMarkdown(run));
  if (outputs.counterexampleOut !== undefined)
    writeFileAtomically(outputs.counterexampleOut, formatCounterexamples(run));
}

/** A check run's exit code: 1 if a check failed, else 3 if one ran out of its time budget, else 0. */
export function checkRunExitCode(results: readonly CheckResult[]): ExitCode {
  if (results.some((result) => result.status === 'fail')) return ExitCode.checkFailed;
  if (results.some((result) => result.status === 'incomplete')) return ExitCode.incomplete;
  return ExitCode.ok;
}
