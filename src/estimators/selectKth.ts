/**
 * The k-th smallest value (0-based) of `values`, by Hoare's quickselect with median-of-three
 * pivots. Reorders `values` in place (callers pass a scratch buffer). O(M) expected.
 */
export function selectKth(values: Float64Array, k: number): number {
  return selectKthInRange(values, 0, values.length - 1, k);
}

/**
 * The k-th smallest value of values[first…last] (k is an absolute index in that range), so a
 * caller can select within one replicate of a large buffer without copying it out.
 *
 * Values are compared with `<`, so equal values are interchangeable: where −0 and +0 tie at the
 * k-th place either may be returned (the Monte Carlo kernels need the value, not the sign of a
 * zero; the library's `median` orders −0 before +0).
 */
export function selectKthInRange(values: Float64Array, first: number, last: number, k: number): number {
  let lo = first;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // Median of three as pivot.
    const a = values[lo];
    const b = values[mid];
    const c = values[hi];
    // Comparisons, not Math.min/max: this is the hot loop of every median.
    // biome-ignore-start lint/complexity/useMathMinMax: see above
    const small = a < b ? a : b;
    const large = a < b ? b : a;
    const pivot = c < small ? small : c > large ? large : c;
    // biome-ignore-end lint/complexity/useMathMinMax: see above
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}
