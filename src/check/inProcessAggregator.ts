import type { AggregationRequest, AggregatorUnderTest, CallOutcome } from './AggregatorUnderTest.ts';
import { earlierResults, reusedArguments, sharesInputMemory, snapshotInput } from './callerMemory.mjs';

/**
 * An aggregation function of this process behind the checker's call interface: how medmean runs
 * its own aggregators through the same laws as a user's (properties/). No isolation (a hang is a
 * hang), but mutations of the input, results that share its memory and results a later call
 * overwrites are seen, as for a module.
 */
export function inProcessAggregator(
  description: string,
  aggregate: (request: AggregationRequest) => ArrayLike<number>,
): AggregatorUnderTest {
  const results = earlierResults();
  const callerArrays = reusedArguments();
  const aggregator: AggregatorUnderTest = {
    description,
    observesMutation: true,
    // The function is synchronous: each call runs to its end as it starts.
    callTogether: (requests) => Promise.all(requests.map((request) => aggregator.call(request))),
    async call(requested): Promise<CallOutcome> {
      // Copies, which the next call may refill: the requested arrays belong to the check.
      const request = callerArrays.arguments(
        copyLayout(requested.vectors),
        requested.weights?.slice(),
        requested.refill,
      );
      // The check's own arrays hold the values before the call, and the call cannot reach them.
      const input = snapshotInput(request.vectors, request.weights, {
        vectors: requested.vectors,
        weights: requested.weights,
      });
      const started = performance.now();
      let result: ArrayLike<number>;
      try {
        result = aggregate(request);
      } catch (error) {
        return {
          kind: 'error',
          error: `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
          elapsedMs: performance.now() - started,
        };
      }
      const elapsedMs = performance.now() - started;
      const values = Float64Array.from(result);
      const overwroteEarlier = results.overwritten(result, values.slice());
      const mutated = input.change() ?? sharesInputMemory(result, request.vectors);
      return mutated === undefined
        ? { kind: 'values', values, elapsedMs, overwroteEarlier }
        : { kind: 'mutated', mutated, values, elapsedMs, overwroteEarlier };
    },
    close: async () => undefined,
  };
  return aggregator;
}

/**
 * Copies of the vectors in the same memory layout: views into one buffer stay views into one
 * (copied) buffer at the same offsets, as a module's worker receives them.
 */
function copyLayout(vectors: AggregationRequest['vectors']): Array<Float64Array | Float32Array> {
  const buffer = vectors[0]?.buffer;
  if (buffer === undefined || !vectors.every((vector) => vector.buffer === buffer))
    return vectors.map((vector) => vector.slice());
  const copy = buffer.slice(0);
  return vectors.map((vector) =>
    vector instanceof Float32Array
      ? new Float32Array(copy, vector.byteOffset, vector.length)
      : new Float64Array(copy, vector.byteOffset, vector.length),
  );
}
