/**
 * A comparator network that leaves the median of M values (odd M) at index (M − 1)/2, as a flat
 * list of pairs (i, j), i < j: each pair puts the smaller value at i and the larger at j.
 *
 * Built from Batcher's odd–even merge sort on the next power of two. Lanes M and above would hold
 * +∞ padding: a min never moves +∞ below lane M, so those lanes keep +∞ and every comparator that
 * touches them is a no-op and is dropped. The rest is pruned backwards to the comparators the
 * middle lane depends on. By the 0–1 principle the network is correct if it is on every 0–1
 * input, which test/wasmKernels.test.ts checks exhaustively for small M.
 *
 * Reference: Knuth, TAOCP vol. 3, §5.3.4 (Batcher's merge exchange; the 0–1 principle).
 */
export function medianSelectionNetwork(M: number): Int32Array {
  if (!Number.isInteger(M) || M < 1 || M % 2 === 0)
    throw new RangeError(`medianSelectionNetwork: M must be an odd positive integer, got ${M}`);
  let lanes = 1;
  while (lanes < M) lanes *= 2;
  const sorting = oddEvenMergeSort(lanes).filter(([, j]) => j < M);
  const needed = new Uint8Array(M);
  needed[(M - 1) >> 1] = 1;
  const kept: number[] = [];
  for (let c = sorting.length - 1; c >= 0; c--) {
    const [i, j] = sorting[c];
    if (needed[i] === 1 || needed[j] === 1) {
      kept.push(j, i);
      needed[i] = 1;
      needed[j] = 1;
    }
  }
  return Int32Array.from(kept.reverse());
}

/** Batcher's odd–even merge sort for n = 2^k lanes, comparators in execution order. */
function oddEvenMergeSort(n: number): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let p = 1; p < n; p *= 2) {
    for (let k = p; k >= 1; k >>= 1) {
      for (let j = k % p; j + k < n; j += 2 * k) {
        for (let i = 0; i < k && i + j + k < n; i++) {
          if (Math.floor((i + j) / (2 * p)) === Math.floor((i + j + k) / (2 * p))) pairs.push([i + j, i + j + k]);
        }
      }
    }
  }
  return pairs;
}
