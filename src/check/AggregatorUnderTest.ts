/**
 * What one call of a user's aggregator produced: its output; a failure (it threw, crashed, or
 * returned something that is not an array of numbers); a timeout; or an output obtained by
 * breaking the caller's vectors (`mutated` says how, as a phrase: it changed them, or returned
 * memory it shares with them). `overwroteEarlier`: the call changed an array one of the calls
 * before it returned (`callsBack` of them: 1 for the call just before). Both are seen for in-process and module aggregators only (src/check/callerMemory.mjs).
 */
export type CallOutcome =
  | {
      readonly kind: 'values';
      readonly values: Float64Array;
      readonly elapsedMs: number;
      readonly overwroteEarlier?: OverwroteEarlier;
    }
  | {
      readonly kind: 'mutated';
      readonly mutated: string;
      readonly values?: Float64Array;
      readonly elapsedMs: number;
      readonly overwroteEarlier?: OverwroteEarlier;
    }
  | { readonly kind: 'error'; readonly error: string; readonly elapsedMs: number }
  | { readonly kind: 'timeout'; readonly error: string; readonly elapsedMs: number };

/** A change a call made to an array an earlier call returned: in words, and how many calls back that call was. */
export interface OverwroteEarlier {
  readonly detail: string;
  readonly callsBack: number;
}

/** One aggregation request: M vectors of one length (of the checked dtype), and FedAvg's weights when the rule has them. */
export interface AggregationRequest {
  readonly vectors: readonly (Float64Array | Float32Array)[];
  readonly weights?: readonly number[];
  /**
   * Pass these values in the arrays of the previous call, refilled in place (the same outer array,
   * vectors and weights array), as training code that reuses its gradient buffers does. Only
   * observable where `observesMutation` holds; an external command receives copies either way.
   */
  readonly refill?: boolean;
}

/** A user's aggregation code, behind one asynchronous call interface. */
export interface AggregatorUnderTest {
  /** How the user named it: a module path or a command. */
  readonly description: string;
  /** Whether the checker can see mutations of its input (in-process modules). */
  readonly observesMutation: boolean;
  call(request: AggregationRequest): Promise<CallOutcome>;
  /**
   * The calls made at once, as `Promise.all` over them makes them: each starts before any is
   * awaited, so an async aggregator has all of them in flight together. Absent for an external
   * command, which answers one request at a time.
   */
  callTogether?(requests: readonly AggregationRequest[]): Promise<CallOutcome[]>;
  close(): Promise<void>;
}

/** The aggregator could not be started at all (missing file, module without an aggregate function). */
export class AggregatorSetupError extends Error {
  override readonly name = 'AggregatorSetupError';
}
