import {
  formatCounterexamples,
  formatJUnit,
  formatMarkdown,
  formatSummary,
  type CheckRun,
} from '../check/formatCheckResults.ts';
import { writeFileAtomically } from '../report/writeFileAtomically.ts';

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
