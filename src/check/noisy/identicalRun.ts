/**
 * The longest run of identical consecutive outputs of one call whose every coordinate has the
 * same input. With noise at every coordinate the outputs are independent draws, and a long run of
 * equal ones is improbable; coordinates that get no noise (a noise buffer of fixed size, noise
 * for the first coordinates only) all return the noise-free aggregate, one long run.
 */
import { REPEAT_FALSE_ALARM, valueCounts } from './repeatedWindow.ts';

/** Added to the estimated probability of the commonest output, to bound it from above (20 standard errors at 100,003 outputs). */
const FREQUENCY_SLACK = 0.02;

export interface IdenticalRun {
  /** The run length that chance reaches with probability at most REPEAT_FALSE_ALARM, or undefined when the outputs are too concentrated for any length. */
  readonly limit: number | undefined;
  /** The longest run: its start and length. */
  readonly longest: { readonly start: number; readonly length: number };
}

/**
 * A run of L equal outputs starting at a given coordinate has probability Σ_v p_v^L ≤ p^(L − 1),
 * p the probability of the commonest output (its frequency in the outputs plus FREQUENCY_SLACK);
 * over fewer than n starts, a run of `limit` or more has probability at most
 * n·p^(limit − 1) ≤ REPEAT_FALSE_ALARM. (The chance q = Σ_v p_v² that two outputs are equal, which
 * bounds a repeated window, does not bound a run: for votes with P(+1) = 0.95, q^(L − 1) is far
 * below 0.95^L.)
 */
export function longestIdenticalRun(values: Float64Array): IdenticalRun {
  const n = values.length;
  let longest = { start: 0, length: n === 0 ? 0 : 1 };
  for (let start = 0, j = 1; j <= n; j++) {
    if (j < n && Object.is(values[j], values[start])) continue;
    if (j - start > longest.length) longest = { start, length: j - start };
    start = j;
  }
  let commonest = 0;
  for (const count of valueCounts(values)) commonest = Math.max(commonest, count);
  const bound = commonest / n + FREQUENCY_SLACK;
  if (n === 0 || bound >= 1) return { limit: undefined, longest };
  const limit = 1 + Math.ceil(Math.log(REPEAT_FALSE_ALARM / n) / Math.log(bound));
  return { limit: limit > n ? undefined : limit, longest };
}
