/** What one call of a user's aggregator produced. */
export interface CallOutcome {
  /** The output, when it was an array of numbers. */
  readonly values?: Float64Array;
  /** Why the call failed: it threw, timed out, crashed, or returned something that is not numbers. */
  readonly error?: string;
  /** Set when the call changed the caller's vectors (module aggregators only). */
  readonly mutated?: string;
  readonly elapsedMs: number;
}

/** A user's aggregation code, behind one asynchronous call interface. */
export interface AggregatorUnderTest {
  /** How the user named it: a module path or a command. */
  readonly description: string;
  /** Whether the checker can see mutations of its input (in-process modules). */
  readonly observesMutation: boolean;
  call(vectors: readonly Float64Array[]): Promise<CallOutcome>;
  close(): Promise<void>;
}

/** The aggregator could not be started at all (missing file, module without an aggregate function). */
export class AggregatorSetupError extends Error {
  override readonly name = 'AggregatorSetupError';
}
