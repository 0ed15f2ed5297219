// The proofs of Theorems 1 and 2 (App. B, (23)–(31); App. C, (32)–(33)) replayed step by step on
// one trajectory with full local gradients, where every expectation is exact: E[median({g_t})] is
// the median m_t of the local gradients and σ_m = 0. Every inequality of a chain is evaluated on
// the same iterates, so a failure names the first step that breaks.
import { median } from '../aggregators/median.ts';
import type { Problem } from '../problems/Problem.ts';

/**
 * How tight one inequality P ≤ Q came out over a trajectory. `ratio`: P/Q, for steps whose sides
 * are ≥ 0 by construction (the largest over t is reported); `slack`: (Q − P)/(|P| + |Q|), for steps
 * whose sides may have either sign (the smallest is reported); `relative error`: P = |a − b|/|b|
 * for an identity a = b, held to Q (rounding). Values are read only where the sides stand well
 * clear of the rounding floor; the verdict (`holds`) is checked everywhere.
 */
export interface StepOutcome {
  readonly equation: string;
  readonly measure: 'ratio' | 'slack' | 'relative error';
  /** The tightest value over the trajectory; undefined when every instance sat below the rounding floor. */
  readonly worst?: number;
  /** The step t (1-based) that attains it; 0 for a bound on the whole trajectory. */
  readonly atStep: number;
  readonly holds: boolean;
}

/**
 * Relative rounding allowance: P ≤ Q + STEP_TOLERANCE·scale, where scale is the sum of the
 * magnitudes of the terms computed (f(x_t) values included: a difference of two f values carries
 * their rounding, which can dwarf a tiny remainder near convergence).
 */
export const STEP_TOLERANCE = 1e-12;

class StepTracker {
  private readonly steps = new Map<
    string,
    { measure: StepOutcome['measure']; worst?: number; atStep: number; holds: boolean }
  >();

  /**
   * Records P ≤ Q at step t (0 for a whole-trajectory bound). `scale` bounds the rounding of P and
   * Q relatively; `absoluteError` adds what a relative bound misses (the rounding of the iterate
   * itself, see positionRounding).
   */
  record(
    equation: string,
    measure: StepOutcome['measure'],
    P: number,
    Q: number,
    t: number,
    scale = Math.abs(P) + Math.abs(Q),
    absoluteError = 0,
  ): void {
    const floor = STEP_TOLERANCE * scale + absoluteError;
    const holds = P <= Q + floor;
    let value: number | undefined;
    // A ratio is read only where Q stands well clear of the rounding floor (ratio error ≤ 1e-6).
    if (measure === 'ratio') value = Q > 1e6 * floor ? P / Q : undefined;
    else if (measure === 'slack')
      value = Math.abs(P) + Math.abs(Q) > 1e6 * floor ? (Q - P) / (Math.abs(P) + Math.abs(Q)) : undefined;
    else value = Math.abs(P);
    const previous = this.steps.get(equation) ?? { measure, worst: undefined, atStep: t, holds: true };
    const tighter =
      value !== undefined &&
      (previous.worst === undefined || (measure === 'slack' ? value < previous.worst : value > previous.worst));
    this.steps.set(equation, {
      measure,
      worst: tighter ? value : previous.worst,
      atStep: tighter ? t : previous.atStep,
      holds: previous.holds && holds,
    });
  }

  outcomes(): StepOutcome[] {
    return [...this.steps].map(([equation, s]) => ({ equation, ...s }));
  }
}

const norm1 = (v: ArrayLike<number>) => {
  let total = 0;
  for (let j = 0; j < v.length; j++) total += Math.abs(v[j]);
  return total;
};
const norm2Sq = (v: ArrayLike<number>) => {
  let total = 0;
  for (let j = 0; j < v.length; j++) total += v[j] * v[j];
  return total;
};
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let total = 0;
  for (let j = 0; j < a.length; j++) total += a[j] * b[j];
  return total;
};
const minus = (a: ArrayLike<number>, b: ArrayLike<number>) => Float64Array.from(a, (v, j) => v - b[j]);

/**
 * The rounding of one step through first-order terms: x_{t+1} = x_t − δ·s is stored to within
 * ε·|x_{t+1}| per coordinate, so f(x_{t+1}) moves by up to about Σ_j |∇f_j|·ε·|x_j| from its exact
 * value. Near a minimiser away from 0 this dwarfs the second-order quantities the steps compare
 * (calibration seed 108 of thm2: a remainder of 2e-15 off by 5e-24), so it is allowed for, 16-fold.
 */
function positionRounding(
  g: ArrayLike<number>,
  m: ArrayLike<number>,
  x: ArrayLike<number>,
  next: ArrayLike<number>,
): number {
  let total = 0;
  for (let j = 0; j < x.length; j++) total += (Math.abs(g[j]) + Math.abs(m[j])) * (Math.abs(x[j]) + Math.abs(next[j]));
  return 16 * Number.EPSILON * total;
}

/** The gradients of one iterate: ∇f(x) and the median of the local gradients. */
function gradients(problem: Problem, x: Float64Array) {
  return { g: problem.gradient(x), m: median(problem.localGradients(x)) };
}

/**
 * SIGNSGD as the proof analyses it, x_{t+1} = x_t − δ·sign(median({∇f_i(x_t)})) (the majority vote by
 * Proposition 1 when no local gradient is 0), from x_1 for T steps with the step of (30),
 * δ = √(D_f/(LdT)), D_f = f(x_1) − min f.
 * Returns the outcome of (23), (24), (28), (29), the algebra from (29) to (30), (30) and (31).
 * Undefined when D_f = 0 (δ would be 0).
 */
export function signSgdChain(
  problem: Problem,
  x1: ArrayLike<number>,
  T: number,
  rightSideFactor = 1,
): StepOutcome[] | undefined {
  const { L, d } = problem;
  let x = Float64Array.from(x1);
  const Df = problem.f(x) - problem.minValue;
  if (!(Df > 0)) return undefined;
  const delta = Math.sqrt(Df / (L * d * T));
  const tracker = new StepTracker();
  let sumMedian = 0;
  let sumGap = 0;
  let sumGradient = 0;
  for (let t = 1; t <= T; t++) {
    const { g, m } = gradients(problem, x);
    const next = Float64Array.from(x, (v, j) => v - delta * Math.sign(m[j]));
    const step = minus(next, x);
    const fNow = problem.f(x);
    const fNext = problem.f(next);
    // (23), the descent lemma: its second-order remainder against (L/2)‖Δ‖².
    const firstOrder = dot(g, step);
    const rounding = positionRounding(g, m, x, next);
    if (norm2Sq(step) > 0)
      tracker.record(
        '(23)',
        'ratio',
        fNext - fNow - firstOrder,
        (L / 2) * norm2Sq(step),
        t,
        fNext + fNow + Math.abs(firstOrder) + (L / 2) * norm2Sq(step),
        rounding,
      );
    // (24): f(x_{t+1}) ≤ f(x_t) − δ‖E m‖₁ + δ‖E m − ∇f‖₁ + 2δΣ_j|E m_j|·I[sign m_j ≠ sign E m_j] + Lδ²d/2,
    // with E m = m (the indicator is 0).
    const gap = norm1(minus(m, g));
    const right24 = fNow - delta * norm1(m) + delta * gap + (L / 2) * delta * delta * d;
    const scale24 = fNext + fNow + delta * (norm1(m) + gap) + (L / 2) * delta * delta * d;
    tracker.record('(24)', 'slack', fNext, right24, t, scale24, rounding);
    // (25): δ‖E m‖₁ ≤ f(x_t) − f(x_{t+1}) + δ‖E m − ∇f‖₁ + 2δΣ_j|E m_j|·P[sign error] + Lδ²d/2; the
    // probability is 0 with full gradients. (28): the same with 2δdσ_m for the probability term (σ_m = 0).
    const right28 = fNow - fNext + delta * gap + (L / 2) * delta * delta * d;
    tracker.record('(25)', 'slack', delta * norm1(m), right28, t, scale24, rounding);
    tracker.record('(28)', 'slack', delta * norm1(m), right28, t, scale24, rounding);
    sumMedian += norm1(m);
    sumGap += gap;
    sumGradient += norm1(g);
    x = next;
  }
  const meanMedian = sumMedian / T;
  const meanGap = sumGap / T;
  const meanGradient = sumGradient / T;
  const rate = (3 / 2) * Math.sqrt((d * L * Df) / T);
  // (29): the sum over t divided by Tδ, with D_f ≥ f(x_1) − f(x_{T+1}).
  tracker.record('(29)', 'ratio', meanMedian, rightSideFactor * (Df / (T * delta) + meanGap + (L / 2) * delta * d), 0);
  // (29) → (30): with δ = √D_f/√(LdT), D_f/(Tδ) + Lδd/2 = (3/2)√(dLD_f)/√T exactly (up to rounding).
  const algebra = Df / (T * delta) + (L / 2) * delta * d;
  tracker.record('(30) algebra', 'relative error', Math.abs(algebra - rate) / rate, 64 * Number.EPSILON, 0);
  tracker.record('(30)', 'ratio', meanMedian, rightSideFactor * (rate + meanGap), 0);
  // (31): the triangle inequality ‖∇f‖₁ ≤ ‖E m‖₁ + ‖E m − ∇f‖₁ added to (30).
  tracker.record('(31)', 'ratio', meanGradient, rightSideFactor * (rate + 2 * meanGap), 0);
  return tracker.outcomes();
}

/**
 * MEDIANSGD from x_1 for T steps with δ = min(1/√(Td), 1/(2L)). Returns the outcome of the first
 * inequality of C (the descent lemma with ‖m‖² ≤ 2‖m − E m‖² + 2‖E m‖²), of (32) per step, of the
 * proof's general bound 2D_f/(Tδ) + gap, and of (33) as printed (2√d/√T)·D_f + gap.
 */
export function medianSgdChain(problem: Problem, x1: ArrayLike<number>, T: number, rightSideFactor = 1): StepOutcome[] {
  const { L, d } = problem;
  let x = Float64Array.from(x1);
  const Df = problem.f(x) - problem.minValue;
  const delta = Math.min(1 / Math.sqrt(T * d), 1 / (2 * L));
  const tracker = new StepTracker();
  let sumGradient = 0;
  let sumGap = 0;
  for (let t = 1; t <= T; t++) {
    const { g, m } = gradients(problem, x);
    const next = Float64Array.from(x, (v, j) => v - delta * m[j]);
    const fNow = problem.f(x);
    const fNext = problem.f(next);
    // The first line of C: f(x_{t+1}) ≤ f(x_t) − δ⟨∇f, m⟩ + (L/2)δ²‖m‖² (a descent-lemma remainder ratio).
    const step = minus(next, x);
    const firstOrder = dot(g, step);
    const rounding = positionRounding(g, m, x, next);
    // (L/2)δ²‖m‖² on the step actually taken, ‖x_{t+1} − x_t‖² (equal in exact arithmetic).
    const remainderBound = (L / 2) * norm2Sq(step);
    if (norm2Sq(step) > 0)
      tracker.record(
        '(32) descent lemma',
        'ratio',
        fNext - fNow - firstOrder,
        remainderBound,
        t,
        fNext + fNow + Math.abs(firstOrder) + remainderBound,
        rounding,
      );
    // (32): E f(x_{t+1}) − E f(x_t) ≤ −(δ/2)‖∇f‖² − (δ/2 − Lδ²)‖E m‖² + (δ/2)‖∇f − E m‖² + Lδ²·E‖m − E m‖² (the last is 0 here).
    const gapSq = norm2Sq(minus(g, m));
    const right32 = -(delta / 2) * norm2Sq(g) - (delta / 2 - L * delta * delta) * norm2Sq(m) + (delta / 2) * gapSq;
    tracker.record(
      '(32)',
      'slack',
      fNext - fNow,
      right32,
      t,
      fNext + fNow + (delta / 2) * (norm2Sq(g) + norm2Sq(m) + gapSq),
      rounding,
    );
    sumGradient += norm2Sq(g);
    sumGap += gapSq;
    x = next;
  }
  const left = sumGradient / T;
  const meanGap = sumGap / T;
  // Telescoping (32) and dividing by Tδ/2: the bound the proof gives for any δ ≤ 1/(2L).
  tracker.record('(33) proof form', 'ratio', left, rightSideFactor * ((2 * Df) / (T * delta) + meanGap), 0);
  // (33) as printed: 2/(Tδ) replaced by 2√d/√T, which is the same only when δ = 1/√(Td).
  tracker.record('(33)', 'ratio', left, rightSideFactor * (((2 * Math.sqrt(d)) / Math.sqrt(T)) * Df + meanGap), 0);
  return tracker.outcomes();
}
