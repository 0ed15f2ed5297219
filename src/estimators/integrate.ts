import { MedmeanError } from '../errors/MedmeanError.ts';
import { requireInteger } from '../errors/validate.ts';

export interface IntegrateOptions {
  /** Relative tolerance on the total (default 1e-12). */
  readonly relTol?: number;
  /** Absolute tolerance on the total (default 1e-300). */
  readonly absTol?: number;
  /** Points inside (a, b) where the integrand is not smooth; the range is split there. */
  readonly breakpoints?: readonly number[];
  /** Length scale of the integrand, used to map infinite tails (default 1). */
  readonly scale?: number;
  /** Maximum number of subintervals (default 5000). */
  readonly maxIntervals?: number;
}

export interface Integral {
  readonly value: number;
  /** Estimated absolute error: the sum of |G7 − K15| over the final subintervals. */
  readonly errorEstimate: number;
  readonly evaluations: number;
  /** False when the tolerance was not reached within maxIntervals. */
  readonly converged: boolean;
}

// Gauss–Kronrod 7–15 nodes and weights on [−1, 1] (QUADPACK's qk15), quoted to QUADPACK's 33 digits;
// each literal is the double nearest to it.
// biome-ignore-start lint/correctness/noPrecisionLoss: the published digits, rounded by the parser
const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
];
const WGK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
const WG = [
  0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975,
  0.417959183673469387755102040816327,
];
// biome-ignore-end lint/correctness/noPrecisionLoss: the published digits, rounded by the parser

interface Piece {
  readonly a: number;
  readonly b: number;
  readonly value: number;
  readonly error: number;
  /** False for a piece that cannot be refined: too narrow for the rule's nodes (see kronrod), or out of reach. */
  readonly resolved: boolean;
  readonly evaluations: number;
}

/**
 * ∫_a^b f(x) dx by globally adaptive Gauss–Kronrod (7–15) quadrature, with an error estimate.
 *
 * ## Method
 * The range is split at the breakpoints; an infinite end is mapped to a finite one by
 * x = c ± s/u, u ∈ (0, 1], with infinity at u = 0, where doubles are dense, so the rule reaches
 * x ≈ 10⁷⁷·s (on t = 1 − u its last node was at x ≈ s/ε, and the mass past it, 2e-8 for x^−1.5
 * from 1, was lost while the estimate read 2e-12); the mass past that reach is estimated from the
 * tail's decay and counted in the error estimate. Within one scale of a finite end, x is used
 * directly, so an integrable singularity there stays resolvable. The
 * subinterval with the largest |K15 − G7| is bisected until the summed estimate is below
 * max(absTol, relTol·|value|). The estimate |K15 − G7| is conservative for smooth integrands (K15
 * is far more accurate than G7). A subinterval too narrow for 15 distinct nodes (an endpoint
 * singularity away from 0, such as (1 − x)^−1/2 at 1, needs one narrower than the spacing of the
 * doubles there) cannot be refined: the result is then not converged, its value the sum of what
 * could be resolved and its estimate counting the unresolved piece in full, never a Kronrod value
 * from nodes that collapsed onto the endpoint. Like every adaptive rule it only sees the
 * integrand at its nodes: a peak much narrower than a finite range (exp(−x²) on [−10⁶, 10⁶]) can
 * fall between them and read as 0. Give such a peak as a breakpoint, or integrate over an infinite
 * range with `scale` set to its width. An integrand that returns NaN is an error naming `f`.
 *
 * ## References
 * Piessens et al., QUADPACK (1983), routines qk15 and qags (without extrapolation).
 */
export function integrate(f: (x: number) => number, a: number, b: number, options: IntegrateOptions = {}): Integral {
  const api = 'integrate';
  if (typeof f !== 'function') throw new MedmeanError(api, 'f', 'a function of one number', f);
  // Types first: comparing a hostile object would run its valueOf/toString.
  if (typeof a !== 'number' || Number.isNaN(a)) throw new MedmeanError(api, 'a', 'a number (±Infinity allowed)', a);
  if (typeof b !== 'number' || Number.isNaN(b)) throw new MedmeanError(api, 'b', 'a number (±Infinity allowed)', b);
  if (!(a <= b)) throw new MedmeanError(api, 'a, b', 'an interval with a ≤ b', [a, b]);
  if (typeof options !== 'object' || options === null) throw new MedmeanError(api, 'options', 'an object', options);
  const relTol = options.relTol ?? 1e-12;
  const absTol = options.absTol ?? 1e-300;
  const scale = options.scale ?? 1;
  const maxIntervals = options.maxIntervals ?? 5000;
  if (typeof relTol !== 'number' || !(relTol >= 0 && relTol < 1))
    throw new MedmeanError(api, 'options.relTol', 'a number in [0, 1)', relTol);
  if (typeof absTol !== 'number' || !(absTol >= 0 && Number.isFinite(absTol)))
    throw new MedmeanError(api, 'options.absTol', 'a finite number ≥ 0', absTol);
  if (typeof scale !== 'number' || !(scale > 0 && Number.isFinite(scale)))
    throw new MedmeanError(api, 'options.scale', 'a positive finite number', scale);
  requireInteger(api, 'options.maxIntervals', maxIntervals, 1, 1e7);
  const breakpoints = options.breakpoints ?? [];
  if (!Array.isArray(breakpoints) || !breakpoints.every((p) => typeof p === 'number' && Number.isFinite(p))) {
    throw new MedmeanError(api, 'options.breakpoints', 'an array of finite numbers', breakpoints);
  }
  if (a === b) return { value: 0, errorEstimate: 0, evaluations: 0, converged: true };

  // Finite cut points: the breakpoints inside (a, b); if both ends are infinite and there are none, 0.
  const cuts = [...new Set(breakpoints)].filter((p) => p > a && p < b).sort((p, q) => p - q);
  if (cuts.length === 0 && !Number.isFinite(a) && !Number.isFinite(b)) cuts.push(0);
  const edges = [a, ...cuts, b];

  const pieces: Array<Piece & { g: (t: number) => number }> = [];
  let evaluations = 0;
  const rule = (g: (t: number) => number, lo: number, hi: number) => {
    const piece = kronrod(g, lo, hi);
    evaluations += piece.evaluations;
    if (Number.isNaN(piece.value)) {
      // Name a point where f gave NaN: a NaN total would otherwise leave the call as a silent NaN.
      const at = nodesOf(lo, hi).find((t) => Number.isNaN(g(t)));
      throw new MedmeanError(
        api,
        'f',
        'a function that returns a number at every point of [a, b] (NaN is not one)',
        at === undefined ? 'NaN' : `NaN at ${g === f ? 'x' : 'the mapped point u'} = ${at}`,
      );
    }
    return { g, ...piece };
  };
  // Each segment becomes one or more pieces on finite intervals.
  for (let k = 0; k + 1 < edges.length; k++) {
    const lo = edges[k];
    const hi = edges[k + 1];
    if (Number.isFinite(lo) && Number.isFinite(hi)) pieces.push(rule(f, lo, hi));
    else {
      const [x0, direction] = Number.isFinite(lo) ? [lo, 1 as const] : [hi, -1 as const];
      // Within one scale of the finite end, in x itself: a singularity there stays resolvable.
      const near = x0 + direction * scale;
      if (near !== x0 && Number.isFinite(near)) pieces.push(direction === 1 ? rule(f, x0, near) : rule(f, near, x0));
      const tail = towardInfinity(f, x0, scale, direction);
      pieces.push(rule(tail.g, tail.uMin, 1), tail.beyond);
    }
  }

  const total = () => pieces.reduce((sum, p) => sum + p.value, 0);
  const totalError = () => pieces.reduce((sum, p) => sum + p.error, 0);
  let converged = false;
  for (;;) {
    const value = total();
    if (!Number.isFinite(value)) break;
    const tolerance = Math.max(absTol, relTol * Math.abs(value));
    if (totalError() <= tolerance) {
      converged = true;
      break;
    }
    // Refinement reduces only the resolved pieces' error: once that is within the tolerance, the
    // rest is what no refinement can reduce.
    const resolvedError = pieces.reduce((sum, p) => sum + (p.resolved ? p.error : 0), 0);
    if (resolvedError <= tolerance || pieces.length >= maxIntervals) break;
    let worst = -1;
    for (let k = 0; k < pieces.length; k++)
      if (pieces[k].resolved && (worst < 0 || pieces[k].error > pieces[worst].error)) worst = k;
    if (worst < 0) break;
    const piece = pieces[worst];
    // Halves first: a + b overflows on ranges wider than the largest double.
    const middle = 0.5 * piece.a + 0.5 * piece.b;
    if (middle > piece.a && middle < piece.b)
      pieces.splice(worst, 1, rule(piece.g, piece.a, middle), rule(piece.g, middle, piece.b));
    else pieces[worst] = { ...piece, resolved: false };
  }
  return { value: total(), errorEstimate: totalError(), evaluations, converged };
}

/** How far the mapped rule reaches on an infinite range: 2^REACH_EXPONENT scales. */
const REACH_EXPONENT = 256;

/**
 * ∫ f from x0 + s toward ±∞ (direction ±1) as an integral over u ∈ [uMin, 1] with x = x0 ± s/u,
 * dx = s/u² du (infinity at u = 0, where doubles are dense), and `beyond`: the part past
 * X = x0 ± s·2²⁵⁶ (10⁷⁷ scales: far enough for any tail that decays like x^−1.5 or faster, near
 * enough that s⁴·f(s) does not overflow to ∞·0 = NaN there). It is not computed but estimated:
 * with p the decay exponent of |f| between X/2 and X, the mass of x^−p past X is X·|f(X)|/(p − 1),
 * counted as its error (infinite for p ≤ 1), so that a tail too slow for the tolerance (x^−1.01)
 * leaves the result not converged, with that mass in its estimate.
 */
function towardInfinity(f: (x: number) => number, x0: number, s: number, direction: 1 | -1) {
  let uMin = Math.max(s * 2 ** -REACH_EXPONENT, 2 ** -1022);
  while (!Number.isFinite(x0 + direction * (s / uMin))) uMin *= 2;
  const g = (u: number) => {
    const stretch = s / u;
    // (f·(s/u))/u: s/u² alone can overflow where the product is still finite.
    return (f(x0 + direction * stretch) * stretch) / u;
  };
  const far = s / uMin;
  const atFar = Math.abs(f(x0 + direction * far));
  const atHalf = Math.abs(f(x0 + direction * 0.5 * far));
  // The local decay exponent p of |f| between X/2 and X; the mass past X is then X·|f(X)|/(p − 1).
  const p = Math.log2(atHalf / atFar);
  const beyond: Piece & { g: (u: number) => number } = {
    g,
    a: 0,
    b: uMin,
    value: 0,
    error: atFar === 0 ? 0 : p > 1 ? (far * atFar) / (p - 1) : Infinity,
    resolved: false,
    evaluations: 2,
  };
  return { g, uMin, beyond };
}

/** The 15 Kronrod nodes on [a, b]. */
function nodesOf(a: number, b: number): number[] {
  const center = 0.5 * a + 0.5 * b;
  const half = 0.5 * b - 0.5 * a;
  return [center, ...XGK.slice(0, 7).flatMap((x) => [center - half * x, center + half * x])];
}

function kronrod(g: (t: number) => number, a: number, b: number): Piece {
  const center = 0.5 * a + 0.5 * b;
  const half = 0.5 * b - 0.5 * a;
  // The outermost nodes must lie strictly inside: on a piece narrower than that, rounding puts
  // them on the ends (where the integrand may be singular). Such a piece is not evaluated by the
  // rule; its midpoint value times its width stands for it, counted in full in the error.
  if (!(center - half * XGK[0] > a && center + half * XGK[0] < b)) {
    const inside = center > a && center < b ? g(center) * (b - a) : 0;
    return { a, b, value: inside, error: Math.abs(inside), resolved: false, evaluations: 1 };
  }
  const fc = g(center);
  let kronrodSum = WGK[7] * fc;
  let gaussSum = WG[3] * fc;
  for (let k = 0; k < 7; k++) {
    const dx = half * XGK[k];
    const pair = g(center - dx) + g(center + dx);
    kronrodSum += WGK[k] * pair;
    if (k % 2 === 1) gaussSum += WG[(k - 1) / 2] * pair;
  }
  const value = kronrodSum * half;
  return { a, b, value, error: Math.abs((kronrodSum - gaussSum) * half), resolved: true, evaluations: 15 };
}
