/**
 * Solves cdf(x) = p by Newton's method safeguarded with bisection, starting from `guess`.
 * A numeric kernel: returns ±Infinity at p = 0, 1 and NaN for p outside [0, 1].
 */
export function invertCdf(cdf: (x: number) => number, pdf: (x: number) => number, p: number, guess: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  let lo = -1;
  let hi = 1;
  while (cdf(lo) > p) lo *= 2;
  while (cdf(hi) < p) hi *= 2;
  let x = Number.isFinite(guess) && guess > lo && guess < hi ? guess : (lo + hi) / 2;
  for (let iteration = 0; iteration < 200; iteration++) {
    const error = cdf(x) - p;
    if (error === 0) return x;
    if (error > 0) hi = x;
    else lo = x;
    const density = pdf(x);
    let next = density > 0 ? x - error / density : NaN;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(1, Math.abs(x))) return next;
    x = next;
  }
  return x;
}
