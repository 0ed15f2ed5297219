/**
 * 'incomplete': a property found no failure but ran out of its time budget before its cases were
 * done, so it has not shown what a pass shows; medmean check exits 3 on it.
 */
export type CheckStatus = 'pass' | 'fail' | 'incomplete' | 'info' | 'skip';

/** The verdict of one check, as data: the formatters render it. */
export interface CheckResult {
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
  /** The shrunk, minimal counterexample (JSON of the vectors, or of {vectors, weights}), on failure. */
  readonly counterexample?: string;
  /** For a counterexample tightened further (large M): no worker could be dropped; false when the time budget stopped it. */
  readonly counterexampleMinimal?: boolean;
  /** The counterexample's workers and coordinates were shrunk, its values left as generated. */
  readonly valuesAsGenerated?: boolean;
  readonly runs?: number;
}
