// The configurations that the proofs of App. E sum over: with M = 2n + 1 workers, worker i sits at
// the median, an n-subset S of the others lies below it and the remaining n above.
import { MedmeanError } from '../errors/MedmeanError.ts';

/** One configuration: the worker at the median and which of the others lie below it. */
export interface MedianConfiguration {
  /** The index of the worker at the median. */
  readonly median: number;
  /** below[k]: worker k is one of the n below the median (false for the median and the n above). */
  readonly below: readonly boolean[];
}

/**
 * Every configuration of M = 2n + 1 workers, by the worker at the median (0 … M − 1) and then its
 * n-subsets below in lexicographic order: M·C(2n, n) in all. The yielded object is reused, so read
 * it before the next step of the iteration.
 */
export function* medianConfigurations(M: number): Generator<MedianConfiguration> {
  if (!Number.isSafeInteger(M) || M < 1 || M % 2 !== 1)
    throw new MedmeanError('medianConfigurations', 'M', 'an odd positive integer', M);
  const n = (M - 1) / 2;
  const below: boolean[] = new Array(M).fill(false);
  const configuration = { median: 0, below };
  for (let median = 0; median < M; median++) {
    configuration.median = median;
    const others = Array.from({ length: M }, (_, k) => k).filter((k) => k !== median);
    // chosen[0 … n − 1]: positions in `others` of the workers below, increasing.
    const chosen = Array.from({ length: n }, (_, k) => k);
    while (true) {
      below.fill(false);
      for (const position of chosen) below[others[position]] = true;
      yield configuration;
      // The next n-subset in lexicographic order: advance the last position that can move.
      let k = n - 1;
      while (k >= 0 && chosen[k] === others.length - n + k) k--;
      if (k < 0) break;
      chosen[k]++;
      for (let next = k + 1; next < n; next++) chosen[next] = chosen[next - 1] + 1;
    }
  }
}
