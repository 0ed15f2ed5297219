import { MedmeanError } from '../errors/MedmeanError.ts';
import { compensatedAverage } from './compensatedAverage.ts';
import { validateVectors, type Vectors } from './validateVectors.ts';

/** How many values a trimmed mean removes from each end: a fixed count, or ⌊fraction·M⌋. */
export type TrimOptions = { readonly count: number } | { readonly fraction: number };

/**
 * The number of values trimmed from each end for M values: `count`, or ⌊β·M⌋ for a fraction β in
 * [0, 0.5). At least one value must remain (2k < M).
 */
export function trimCount(options: TrimOptions, M: number, api = 'trimCount'): number {
  if (typeof M !== 'number' || !Number.isSafeInteger(M) || M < 1)
    throw new MedmeanError(api, 'M', 'a positive integer (the number of vectors)', M);
  if (options === null || typeof options !== 'object' || 'count' in options === 'fraction' in options) {
    throw new MedmeanError(api, 'options', 'exactly one of { count } or { fraction }', options);
  }
  if ('count' in options && !(Number.isInteger(options.count) && options.count >= 0)) {
    throw new MedmeanError(api, 'options.count', 'a non-negative integer', options.count);
  }
  if (
    'fraction' in options &&
    !(typeof options.fraction === 'number' && options.fraction >= 0 && options.fraction < 0.5)
  ) {
    throw new MedmeanError(api, 'options.fraction', 'a number in [0, 0.5)', options.fraction);
  }
  const k = 'count' in options ? options.count : Math.floor(options.fraction * M);
  if (2 * k >= M) throw new MedmeanError(api, 'options.count', `less than half the number of vectors (M = ${M})`, k);
  return k;
}

/**
 * The coordinate-wise trimmed mean (Yin et al. 2018): per coordinate, the k smallest and the k
 * largest of the M values are removed and the remaining M − 2k averaged.
 *
 * Conventions: `{ count: k }` removes k per side; `{ fraction: β }` removes ⌊β·M⌋ per side (as
 * scipy.stats.trim_mean does), β in [0, 0.5). At least one value must remain (2k < M). k = 0 is
 * the mean; k = (M − 1)/2 for odd M is the median. The kept values are averaged as by `mean`
 * (compensated, and finite whenever the inputs are). O(d·M log M); the input is
 * not mutated.
 *
 * @example trimmedMean([[1], [2], [3], [100]], { count: 1 }) // Float64Array [2.5]
 */
export function trimmedMean(vectors: Vectors, options: TrimOptions): Float64Array {
  const { M, d } = validateVectors('trimmedMean', vectors);
  const k = trimCount(options, M, 'trimmedMean');
  const kept = M - 2 * k;
  const column = new Float64Array(M);
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < M; i++) column[i] = vectors[i][j];
    column.sort();
    out[j] = compensatedAverage(kept, (i) => column[k + i]);
  }
  return out;
}
