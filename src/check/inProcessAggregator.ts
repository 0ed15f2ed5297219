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
  // The previous call's result and a copy of its values: a later call must leave them equal.
  let earlier: { result: ArrayLike<number>; values: Float64Array } | undefined;
  const overwroteEarlier = () => {
    if (earlier === undefined) return undefined;
    const { result, values } = earlier;
    const j = values.findIndex((x, k) => !Object.is(x, result[k]));
    if (result.length === values.length && j < 0) return undefined;
    const change = j < 0 ? 'its length changed' : `index ${j} changed from ${values[j]} to ${result[j]}`;
    return `overwrote the array it returned on the previous call (${change}): a caller keeping the previous aggregate sees it change`;
  };
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
      const overwrote = overwroteEarlier();
      earlier = { result, values: values.slice() };
      for (let i = 0; i < copies.length; i++) {
        const j = copies[i].findIndex((x, k) => !Object.is(x, request.vectors[i][k]));
        if (j >= 0)
          return {
            kind: 'mutated',
            mutated: `mutated its input: vectors[${i}][${j}] changed from ${copies[i][j]} to ${request.vectors[i][j]}`,
            values,
            elapsedMs,
            overwroteEarlier: overwrote,
          };
      }
      return { kind: 'values', values, elapsedMs, overwroteEarlier: overwrote };
    },
    close: async () => undefined,
  };
}
