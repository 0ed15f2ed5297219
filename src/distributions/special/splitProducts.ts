/**
 * Error-free splitting for the tails of the noise densities: e^(−x·k) and e^(−x²) lose about
 * x·k ulps when the exponent is rounded (500 ulps at the Gaussian's 30σ); splitting the exponent
 * into an exactly computed part and a small remainder keeps them within a few ulps.
 *
 * ## References
 * Dekker (1971), "A floating-point technique for extending the available precision" (Veltkamp's
 * split); the same device as fdlibm's erfc (exp(−z²)·exp((z − x)(z + x)) with z a truncated x).
 */

/** 2^27 + 1: Veltkamp's constant for binary64. */
const SPLITTER = 134217729;

/** x = hi + lo exactly, hi with at most 26 significant bits (so products of two hi are exact); |x| < 1e300. */
export function split(x: number): readonly [number, number] {
  const c = SPLITTER * x;
  const hi = c - (c - x);
  return [hi, x - hi];
}

/** A constant k as hi + lo: hi with 26 bits, lo its correction (from k² = square exactly, k > 0). */
export function splitSquareRoot(square: number): readonly [number, number] {
  const [hi] = split(Math.sqrt(square));
  // hi² is exact (52 bits) and square − hi² is exact (Sterbenz); one rounding in the division.
  return [hi, (square - hi * hi) / (2 * hi)];
}

/** e^(−scale·x²) for a power-of-two scale, to a few ulps. */
export function expMinusScaledSquare(x: number, scale: number): number {
  const a = Math.abs(x);
  // Beyond 1e150 the result underflows to 0 anyway (and the split would overflow).
  if (!(a < 1e150)) return Math.exp(-scale * a * a);
  const [hi, lo] = split(a);
  // x² = hi² + lo·(x + hi): hi² is exact, and so is its product with a power of two.
  return underflowSafeProduct(Math.exp(-scale * (hi * hi)), -scale * (lo * (a + hi)));
}

/** e^(−x·k) for x ≥ 0 and k = kHi + kLo (kHi with 26 bits, as from splitSquareRoot), to a few ulps. */
export function expMinusProduct(x: number, [kHi, kLo]: readonly [number, number]): number {
  if (!(x < 1e150)) return Math.exp(-x * (kHi + kLo));
  const [hi, lo] = split(x);
  return underflowSafeProduct(Math.exp(-(hi * kHi)), -(hi * kLo + lo * (kHi + kLo)));
}

/**
 * main·e^{remainder}: the remainder is at most 2⁻²⁶ of the exponent, but can still overflow e^· when
 * the exponent is huge (0·∞ would be NaN); when main has underflowed, so has the product.
 */
function underflowSafeProduct(main: number, remainder: number): number {
  return main === 0 ? 0 : main * Math.exp(remainder);
}
