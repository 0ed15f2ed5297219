/**
 * Fewest and most samples in a piece between cuts; between, 4 per unit of `scale` (the densities
 * the engine integrates bend on that scale; 8 per unit met the same bounds at the 24 mpmath
 * points of test/fixtures/asymmetry-distance.json with 16% more evaluations in noisyMedianMoments).
 */
const MIN_PIECE_SAMPLES = 8;
const MAX_PIECE_SAMPLES = 256;
const SAMPLES_PER_SCALE = 4;
/** The samples beside a piece's ends, as a fraction of its width. */
const END_INSET = 1e-9;
/** A tail is sampled from 2^FIRST_DOUBLING to 2^LAST_DOUBLING scales past its cut, 4 samples per doubling. */
const FIRST_DOUBLING = -3;
const LAST_DOUBLING = 12;
const SAMPLES_PER_DOUBLING = 4;
/**
 * Sign changes where |f| stays below this fraction of its largest sampled value are rounding noise
 * (a difference of two equal tails), and a bend there moves the integral by less than any tolerance.
 */
const NOISE = 1e-14;
/**
 * Bisection stops at a bracket this narrow, relative to `scale` (or to |x| far out): a bend that
 * close to a breakpoint moves the rule's result by about |f′|·width², far below any tolerance, and
 * an f that is itself an integral is slow to resolve right at its zero.
 */
const ROOT_WIDTH = 1e-10;

/** A point where f changes sign between x0 and x1 (either order), f(x0) = at0 of the opposite sign to f(x1). */
function bisect(f: (x: number) => number, x0: number, x1: number, at0: number, scale: number): number {
  let [near, far, atNear] = [x0, x1, at0];
  while (Math.abs(far - near) > ROOT_WIDTH * Math.max(scale, Math.abs(near))) {
    const middle = near + (far - near) / 2;
    if (middle === near || middle === far) break;
    const value = f(middle);
    if (value === 0) return middle;
    if (value < 0 === atNear < 0) [near, atNear] = [middle, value];
    else far = middle;
  }
  return near + (far - near) / 2;
}

/**
 * Sample points strictly inside (p, q): one just past each end (f's one-sided value there: a sign
 * change right beside a cut falls between the cut and a rule's first node, where no node sees it),
 * and Chebyshev-spaced points between, denser toward the ends.
 */
function insidePiece(p: number, q: number, scale: number): number[] {
  const count = Math.min(
    MAX_PIECE_SAMPLES,
    Math.max(MIN_PIECE_SAMPLES, Math.ceil((SAMPLES_PER_SCALE * (q - p)) / scale)),
  );
  const points = [p + (q - p) * END_INSET];
  for (let k = 0; k < count; k++) points.push(p + ((q - p) * (1 - Math.cos((Math.PI * (k + 0.5)) / count))) / 2);
  points.push(q - (q - p) * END_INSET);
  return points.filter((x) => x > p && x < q);
}

/**
 * Samples of a tail from `from` toward `direction`·∞, spaced in proportion to the distance, out to
 * 2^LAST_DOUBLING scales or until a whole doubling is rounding noise beside `largest` (so that an
 * f that is itself an integral is not evaluated far out, where it is 0 and slow to resolve).
 */
function sampleTail(
  f: (x: number) => number,
  from: number,
  direction: 1 | -1,
  scale: number,
  largest: number,
): { points: number[]; values: number[] } {
  const beside = from + direction * END_INSET * Math.max(scale, Math.abs(from));
  const [points, values] = [[beside], [f(beside)]];
  let most = Math.max(largest, Math.abs(values[0]));
  for (let j = FIRST_DOUBLING; j < LAST_DOUBLING; j++) {
    let doublingMost = 0;
    for (let k = 0; k < SAMPLES_PER_DOUBLING; k++) {
      const x = from + direction * scale * 2 ** j * (1 + k / SAMPLES_PER_DOUBLING);
      const value = f(x);
      points.push(x);
      values.push(value);
      if (Math.abs(value) > doublingMost) doublingMost = Math.abs(value);
    }
    most = Math.max(most, doublingMost);
    if (j >= 0 && doublingMost <= NOISE * most) break;
  }
  return { points, values };
}

/**
 * The points in (a, b) where f changes sign, found by sampling every piece between the cuts
 * (`breakpoints`, where f may jump) and each infinite tail (sampleTail), then bisecting each
 * bracket down to 1e-10 scales. A sign change across a cut is the cut's own, not returned; one
 * where |f| is rounding noise (below 1e-14 of its largest sample) is not either. Two
 * sign changes closer together than the samples are missed; the area between them is then at most
 * the spacing times |f| there.
 */
export function signChanges(
  f: (x: number) => number,
  a: number,
  b: number,
  breakpoints: readonly number[],
  scale: number,
): number[] {
  const cuts = [...new Set(breakpoints)].filter((p) => p > a && p < b).sort((p, q) => p - q);
  const ends = [...(Number.isFinite(a) ? [a] : []), ...cuts, ...(Number.isFinite(b) ? [b] : [])];
  if (ends.length === 0) ends.push(0);
  const pieces: number[][] = [];
  for (let k = 0; k + 1 < ends.length; k++) pieces.push(insidePiece(ends[k], ends[k + 1], scale));
  const values = pieces.map((samples) => samples.map(f));
  let largest = values.reduce((most, piece) => piece.reduce((m, v) => Math.max(m, Math.abs(v)), most), 0);
  for (const [end, direction] of [
    [a, -1],
    [b, 1],
  ] as const) {
    if (Number.isFinite(end)) continue;
    const tail = sampleTail(f, direction === -1 ? ends[0] : ends[ends.length - 1], direction, scale, largest);
    pieces.push(tail.points);
    values.push(tail.values);
    largest = tail.values.reduce((m, v) => Math.max(m, Math.abs(v)), largest);
  }
  const roots: number[] = [];
  for (const [p, samples] of pieces.entries()) {
    // Zeros (an underflowed tail) carry no sign: a bracket runs from one nonzero sample to the next.
    let last = -1;
    for (const [k, value] of values[p].entries()) {
      if (value === 0 || Number.isNaN(value)) continue;
      const before = last < 0 ? 0 : values[p][last];
      if (before !== 0 && value < 0 !== before < 0 && Math.max(Math.abs(value), Math.abs(before)) > NOISE * largest)
        roots.push(bisect(f, samples[last], samples[k], before, scale));
      last = k;
    }
  }
  return roots;
}
