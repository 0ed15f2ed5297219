import type { AggregationRequest, AggregatorUnderTest, CallOutcome } from './AggregatorUnderTest.ts';

/**
 * An aggregation function of this process behind the checker's call interface: how medmean runs
 * its own aggregators through the same laws as a user's (properties/). No isolation (a hang is a
 * hang), but mutations of the input are seen.
 */
export function inProcessAggregator(
  description: string,
  aggregate: (request: AggregationRequest) => ArrayLike<number>,
): AggregatorUnderTest {
  return {
    description,
    observesMutation: true,
    async call(request): Promise<CallOutcome> {
      const copies = request.vectors.map((vector) => Float64Array.from(vector));
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
      for (let i = 0; i < copies.length; i++) {
        const j = copies[i].findIndex((x, k) => !Object.is(x, request.vectors[i][k]));
        if (j >= 0)
          return {
            kind: 'mutated',
            mutated: `vectors[${i}][${j}] changed from ${copies[i][j]} to ${request.vectors[i][j]}`,
            values,
            elapsedMs,
          };
      }
      return { kind: 'values', values, elapsedMs };
    },
    close: async () => undefined,
  };
}
