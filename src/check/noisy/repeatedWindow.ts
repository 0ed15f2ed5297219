/**
 * Repeats within one call of a noisy aggregator whose every coordinate has the same input. With
 * noise fresh for every worker and coordinate, the outputs are independent draws; code that cycles
 * through a noise table shorter than d returns the same run of outputs again one table length
 * later, which the z-tests of the mean cannot see (the mean stays right, only its spread is
 * understated).
 */

/** Total probability, per call, that independent outputs repeat a window by chance. */
export const REPEAT_FALSE_ALARM = 1e-9;
/** Added to the estimated collision probability of two outputs, to bound it from above (about 5 standard errors at 20,000 outputs). */
const COLLISION_SLACK = 0.02;

export interface RepeatedWindow {
  /** The window length tested, or undefined when the outputs are too concentrated for any length to have power. */
  readonly width: number | undefined;
  /** The first two starts of equal windows, first < second, when there are. */
  readonly repeat?: { readonly first: number; readonly second: number };
}

/**
 * Looks for two equal windows of W consecutive outputs that do not overlap. W is the shortest
 * length for which independent outputs repeat a window anywhere with probability at most
 * REPEAT_FALSE_ALARM: two disjoint windows are equal with probability q^W, q the chance that two
 * outputs are equal (bounded by its estimate from the outputs' value counts plus COLLISION_SLACK),
 * and there are fewer than R²/2 pairs. (Overlapping windows are left out: they are equal whenever
 * a run of identical outputs is long enough, far more often than q^W.) Outputs that cycle with any
 * period P are found when R ≥ ⌈W/P⌉·P + W, as for every P ≤ R − 2W.
 */
export function findRepeatedWindow(values: Float64Array): RepeatedWindow {
  const R = values.length;
  let collision = 0;
  for (const count of valueCounts(values)) collision += (count / R) ** 2;
  const bound = collision + COLLISION_SLACK;
  if (bound >= 1) return { width: undefined };
  const width = Math.max(1, Math.ceil(Math.log(REPEAT_FALSE_ALARM / ((R * R) / 2)) / Math.log(bound)));
  if (width > R / 2) return { width: undefined };
  const repeat = firstEqualWindows(values, width);
  return repeat === undefined ? { width } : { width, repeat };
}

/** How often each distinct value occurs (−0 counted with +0), from a sorted copy. */
export function valueCounts(values: Float64Array): number[] {
  const sorted = Float64Array.from(values).sort();
  const counts: number[] = [];
  for (let run = 0, j = 1; j <= sorted.length; j++) {
    if (j < sorted.length && sorted[j] === sorted[run]) continue;
    counts.push(j - run);
    run = j;
  }
  return counts;
}

/**
 * Starts of the first two equal disjoint windows of `width` values (compared with Object.is), by a
 * rolling hash whose matches are confirmed. The starts seen so far sit in a hash table of typed
 * arrays, chained by slot (`head`, `next`), most recent first.
 */
function firstEqualWindows(values: Float64Array, width: number): { first: number; second: number } | undefined {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  // One 32-bit symbol per value: both words of the double through MurmurHash3's finaliser, so
  // that values differing only in their high bits (±1) differ in every bit of the symbol.
  const symbols = new Int32Array(values.length);
  for (let j = 0; j < values.length; j++) {
    let h = words[2 * j] ^ Math.imul(words[2 * j + 1], 0x9e3779b1);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    symbols[j] = h ^ (h >>> 16);
  }
  const BASE = 0x01000193;
  let highest = 1;
  for (let k = 1; k < width; k++) highest = Math.imul(highest, BASE);
  const starts = values.length - width + 1;
  let slots = 1;
  while (slots < 2 * starts) slots *= 2;
  const head = new Int32Array(slots).fill(-1);
  const next = new Int32Array(Math.max(starts, 0));
  const hashes = new Int32Array(Math.max(starts, 0));
  let hash = 0;
  for (let k = 0; k < width; k++) hash = (Math.imul(hash, BASE) + symbols[k]) | 0;
  for (let start = 0; start < starts; start++) {
    if (start > 0) {
      hash = (hash - Math.imul(symbols[start - 1], highest)) | 0;
      hash = (Math.imul(hash, BASE) + symbols[start + width - 1]) | 0;
    }
    const slot = (Math.imul(hash, 0x9e3779b1) >>> 0) & (slots - 1);
    // Most recent first: the first candidate far enough back whose window is the same.
    let first = -1;
    for (let candidate = head[slot]; candidate >= 0; candidate = next[candidate])
      if (hashes[candidate] === hash && start - candidate >= width && sameWindow(values, candidate, start, width))
        first = candidate;
    if (first >= 0) return { first, second: start };
    hashes[start] = hash;
    next[start] = head[slot];
    head[slot] = start;
  }
  return undefined;
}

function sameWindow(values: Float64Array, a: number, b: number, width: number): boolean {
  for (let k = 0; k < width; k++) if (!Object.is(values[a + k], values[b + k])) return false;
  return true;
}
