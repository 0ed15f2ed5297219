// Memory a caller of an aggregator still holds after the call: the input vectors, and the arrays
// earlier calls returned. Training code keeps both (the gradient buffers it zeroes and refills, the
// previous aggregate in momentum or error feedback), so an aggregator must not change them, nor
// return memory that a later change of them would change. Plain JavaScript: aggregatorWorker.mjs
// runs it in the worker that calls the user's module (inProcessAggregator.ts uses it as well).

/**
 * A copy of the caller's vectors (and weights) taken before the call; `change()` afterwards says,
 * in words, the first entry the call changed, or undefined. `copies`: arrays already holding those
 * values that nothing else changes (the caller's own, when the call gets copies of them), used
 * instead of new copies.
 * @param {ArrayLike<ArrayLike<number>>} vectors
 * @param {ArrayLike<number> | undefined} weights
 * @param {{ vectors: ArrayLike<ArrayLike<number>>, weights: ArrayLike<number> | undefined }} [copies]
 */
export function snapshotInput(vectors, weights, copies) {
  const vectorCopies = copies?.vectors ?? Array.from(vectors, (vector) => Float64Array.from(vector));
  const weightCopies = copies !== undefined ? copies.weights : weights === undefined ? undefined : Array.from(weights);
  return {
    /** @returns {string | undefined} */
    change() {
      for (let i = 0; i < vectorCopies.length; i++)
        for (let j = 0; j < vectorCopies[i].length; j++)
          if (!Object.is(vectors[i][j], vectorCopies[i][j]))
            return `mutated its input: vectors[${i}][${j}] changed from ${vectorCopies[i][j]} to ${vectors[i][j]}`;
      const k = weightCopies?.findIndex((w, i) => !Object.is(w, weights[i])) ?? -1;
      return k < 0 ? undefined : `mutated its input: weights[${k}] changed from ${weightCopies[k]} to ${weights[k]}`;
    },
  };
}

/**
 * The arguments of the previous call, kept so that the next call can pass the same arrays refilled
 * in place with new values (`refill`), as a caller that reuses its gradient buffers does: an
 * aggregator that remembers its last input by identity then returns a stale aggregate.
 */
export function reusedArguments() {
  /** @type {{ vectors: Array<Float64Array | Float32Array>, weights: number[] | undefined } | undefined} */
  let previous;
  return {
    /**
     * The arrays to pass: `vectors` and `weights` themselves, or with `refill` the previous call's
     * arrays holding their values (fresh ones when the shapes differ or there was no previous call).
     * @param {Array<Float64Array | Float32Array>} vectors
     * @param {number[] | undefined} weights
     * @param {boolean | undefined} refill
     * @returns {{ vectors: Array<Float64Array | Float32Array>, weights: number[] | undefined }}
     */
    arguments(vectors, weights, refill) {
      const fits =
        refill === true &&
        previous !== undefined &&
        previous.vectors.length === vectors.length &&
        previous.vectors.every(
          (vector, i) => vector.length === vectors[i].length && vector.constructor === vectors[i].constructor,
        ) &&
        (previous.weights?.length ?? -1) === (weights?.length ?? -1);
      if (fits) {
        for (let i = 0; i < vectors.length; i++) previous.vectors[i].set(vectors[i]);
        for (let i = 0; i < (weights?.length ?? 0); i++) previous.weights[i] = weights[i];
      } else previous = { vectors, weights };
      return previous;
    },
  };
}

/**
 * Whether `result` is one of the input vectors or a view of an input's memory, in words, or
 * undefined. (`if (M === 1) return vectors[0]` saves a copy, and zeroing the gradient then zeroes
 * the aggregate.)
 * @param {unknown} result
 * @param {ArrayLike<unknown>} vectors
 * @returns {string | undefined}
 */
export function sharesInputMemory(result, vectors) {
  for (let i = 0; i < vectors.length; i++) {
    if (result === vectors[i])
      return `returned vectors[${i}] itself, not an array of its own: changing that input afterwards changes the aggregate`;
    if (ArrayBuffer.isView(result) && ArrayBuffer.isView(vectors[i]) && result.buffer === vectors[i].buffer)
      return `returned a view of vectors[${i}]'s memory, not an array of its own: changing that input afterwards changes the aggregate`;
  }
  return undefined;
}

/** How many earlier results each call is checked against: double and triple buffering, and pools of up to 16 output arrays used in turn. */
export const KEPT_RESULTS = 16;

/**
 * Remembers the arrays the last KEPT_RESULTS calls returned, each with a copy of its values, and
 * tells whether a later call changed one of them (an output buffer, or a pool of them, reused
 * from call to call).
 * @returns {{ overwritten(result: ArrayLike<number>, values: ArrayLike<number>): { detail: string, callsBack: number } | undefined }}
 */
export function earlierResults() {
  /** @type {Array<{ result: ArrayLike<number>, values: ArrayLike<number> }>} most recent first */
  const kept = [];
  return {
    /** The change to the most recent earlier result that changed, in words with how many calls back, or undefined; then remembers `result` and `values` (a copy the caller no longer changes). */
    overwritten(result, values) {
      let change;
      for (let back = 0; back < kept.length && change === undefined; back++) {
        const detail = changeOf(kept[back].result, kept[back].values, back + 1);
        if (detail !== undefined) change = { detail, callsBack: back + 1 };
      }
      kept.unshift({ result, values });
      if (kept.length > KEPT_RESULTS) kept.pop();
      return change;
    },
  };
}

function changeOf(result, values, callsBack) {
  const which = callsBack === 1 ? 'the previous call' : `the call ${callsBack} calls before`;
  if (result.length !== values.length)
    return `overwrote the array it returned on ${which} (its length changed from ${values.length} to ${result.length}): a caller keeping that aggregate sees it change`;
  for (let j = 0; j < values.length; j++)
    if (!Object.is(result[j], values[j]))
      return `overwrote the array it returned on ${which} (index ${j} changed from ${values[j]} to ${result[j]}): a caller keeping that aggregate sees it change`;
  return undefined;
}
