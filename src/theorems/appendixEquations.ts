// Every numbered equation of the appendix, (13)–(94): its section, what kind of statement it is,
// the claim that checks it, and either the claim's checks that bear on it or why it has no number
// to check. reports/proof-steps.md is this table joined with the proof steps the claims measured.
import type { ClaimId } from './claimRegistry.ts';

export type EquationKind = 'definition' | 'assumption' | 'identity' | 'inequality' | 'asymptotic statement' | 'algebra step';

export interface AppendixEquation {
  readonly equation: string;
  readonly section: 'A' | 'B' | 'C' | 'D' | 'E.1' | 'E.2' | 'F' | 'G' | 'H';
  readonly kind: EquationKind;
  readonly claim: ClaimId;
  readonly statement: string;
  /** Checks of `claim` (by name prefix) whose verdicts bear on this equation, with how they check it. */
  readonly checkedBy?: ReadonlyArray<{ readonly check: string; readonly method: 'exact arithmetic' | 'quadrature' | 'property over generated instances' | 'Monte Carlo' }>;
  /** Why the equation has nothing numeric to check (definitions). */
  readonly notNumeric?: string;
}

const def = (equation: string, section: AppendixEquation['section'], claim: ClaimId, statement: string, why: string): AppendixEquation => ({
  equation,
  section,
  kind: 'definition',
  claim,
  statement,
  notNumeric: why,
});

export const appendixEquations: readonly AppendixEquation[] = [
  // A: Proposition 1.
  { equation: '(13)', section: 'A', kind: 'identity', claim: 'prop1', statement: 'sign(Σ_k sign(a_k)) = sign(median(a)) for odd M, a_k ≠ 0', checkedBy: [{ check: 'property: odd M, nonzero entries', method: 'property over generated instances' }, { check: 'exhaustive: every sign pattern', method: 'exact arithmetic' }] },
  { equation: '(14)', section: 'A', kind: 'identity', claim: 'prop1', statement: 'median(a) = b_{(M+1)/2} for the sorted b', checkedBy: [{ check: 'property: odd M, nonzero entries', method: 'property over generated instances' }] },
  { equation: '(15)', section: 'A', kind: 'algebra step', claim: 'prop1', statement: 'the sign sum split at the middle order statistic', checkedBy: [{ check: 'exhaustive: every sign pattern', method: 'exact arithmetic' }] },
  { equation: '(16)', section: 'A', kind: 'identity', claim: 'prop1', statement: 'Σ_{k>(M+1)/2} sign(b_k) = (M − 1)/2 when b_{(M+1)/2} > 0', checkedBy: [{ check: 'exhaustive: every sign pattern', method: 'exact arithmetic' }] },
  { equation: '(17)', section: 'A', kind: 'inequality', claim: 'prop1', statement: 'the split sum is ≥ 1 when the median is positive', checkedBy: [{ check: 'exhaustive: every sign pattern', method: 'exact arithmetic' }] },
  { equation: '(18)', section: 'A', kind: 'identity', claim: 'prop1', statement: 'the vote is +1 when median > 0', checkedBy: [{ check: 'exhaustive: every sign pattern', method: 'exact arithmetic' }] },
  { equation: '(19)', section: 'A', kind: 'identity', claim: 'prop1', statement: 'the vote is −1 when median < 0', checkedBy: [{ check: 'exhaustive: every sign pattern', method: 'exact arithmetic' }] },
  { equation: '(20)', section: 'A', kind: 'identity', claim: 'prop1', statement: 'the vote is sign(median) when median ≠ 0', checkedBy: [{ check: 'property: odd M, nonzero entries', method: 'property over generated instances' }] },
  // B: Theorem 1.
  def('(21)', 'B', 'thm1', 'median({g_t}) ≜ median({g_{t,i}})', 'notation for the coordinate-wise median of the stochastic gradients'),
  def('(22)', 'B', 'thm1', 'median({∇f_t}) ≜ median({∇f_i(x_t)})', 'notation for the median of the true local gradients'),
  { equation: '(23)', section: 'B', kind: 'inequality', claim: 'thm1', statement: 'descent lemma f(x_{t+1}) ≤ f(x_t) + ⟨∇f, x_{t+1} − x_t⟩ + (L/2)‖x_{t+1} − x_t‖² (A3)' },
  { equation: '(24)', section: 'B', kind: 'inequality', claim: 'thm1', statement: 'the SIGNSGD step substituted into (23), split into median, gap and sign-error terms' },
  { equation: '(25)', section: 'B', kind: 'inequality', claim: 'thm1', statement: '(24) in expectation, with P[sign(median_j) ≠ sign(E median_j)]' },
  def('(26)', 'B', 'thm1', 'P[sign(median({g_t})_j) ≠ sign(E[median({g_t})_j])]', 'names the error probability bounded in (27)'),
  { equation: '(27)', section: 'B', kind: 'inequality', claim: 'thm1', statement: 'P[sign error] ≤ σ_m/|E[median_j]| (Markov and Jensen)' },
  { equation: '(28)', section: 'B', kind: 'inequality', claim: 'thm1', statement: '(27) substituted into (25): δE‖E median‖₁ ≤ E f(x_t) − E f(x_{t+1}) + δ·gap + 2δdσ_m + Lδ²d/2' },
  { equation: '(29)', section: 'B', kind: 'inequality', claim: 'thm1', statement: '(28) summed over t and divided by Tδ' },
  { equation: '(30)', section: 'B', kind: 'inequality', claim: 'thm1', statement: '(29) with δ = √D_f/√(LdT)', checkedBy: [{ check: 'bound (30)', method: 'property over generated instances' }] },
  { equation: '(31)', section: 'B', kind: 'inequality', claim: 'thm1', statement: '(30) and the triangle inequality: the bound on (1/T)Σ E‖∇f(x_t)‖₁', checkedBy: [{ check: 'bound (31)', method: 'property over generated instances' }, { check: 'stochastic gradients', method: 'Monte Carlo' }] },
  // C: Theorem 2.
  { equation: '(32)', section: 'C', kind: 'inequality', claim: 'thm2', statement: 'descent lemma for MEDIANSGD with the polarisation identity, δ ≤ 1/(2L)' },
  { equation: '(33)', section: 'C', kind: 'inequality', claim: 'thm2', statement: '(32) telescoped with δ = min(1/√(Td), 1/(2L)): (2√d/√T)D_f + gap + (2L√d/√T)σ_m²', checkedBy: [{ check: 'proof form', method: 'property over generated instances' }, { check: 'stochastic gradients', method: 'Monte Carlo' }] },
  // D: Theorem 3.
  def('(34)', 'D', 'thm3', 'the gap term (1/T)Σ E‖E[median] − ∇f(x_t)‖₁', 'names the term shown to be non-zero'),
  def('(35)', 'D', 'thm3', 'f(x) = (1/3)Σ ½(x − a_i)², a_1 < a_2 < a_3', 'the counterexample problem'),
  { equation: '(36)', section: 'D', kind: 'identity', claim: 'thm3', statement: '∇f(a_2) = ((a_2 − a_3) + (a_2 − a_1))/3', checkedBy: [{ check: 'SIGNSGD: |∇f(x_T)| = gap', method: 'exact arithmetic' }] },
  { equation: '(37)', section: 'D', kind: 'identity', claim: 'thm3', statement: '‖median − ∇f(x_t)‖₁ = |(2a_2 − a_1 − a_3)/3| at every x_t', checkedBy: [{ check: 'gap term equals', method: 'exact arithmetic' }] },
  { equation: '(38)', section: 'D', kind: 'identity', claim: 'thm3', statement: '‖∇f(a_2)‖₁ = the gap term = |(2a_2 − a_1 − a_3)/3| (= 1 for a = (0, 1, 5))', checkedBy: [{ check: 'SIGNSGD stalls at a2', method: 'exact arithmetic' }, { check: 'property over random a1 < a2 < a3', method: 'property over generated instances' }] },
  def('(39)', 'D', 'thm3', 'the same problem for MEDIANSGD', 'restates (35)'),
  { equation: '(40)', section: 'D', kind: 'identity', claim: 'thm3', statement: '∇f(a_2) for MEDIANSGD, as (36)', checkedBy: [{ check: 'MEDIANSGD converges to a2', method: 'exact arithmetic' }] },
  { equation: '(41)', section: 'D', kind: 'identity', claim: 'thm3', statement: '‖median − ∇f(x_t)‖² = |(2a_2 − a_1 − a_3)/3|²', checkedBy: [{ check: 'gap term equals', method: 'exact arithmetic' }] },
  { equation: '(42)', section: 'D', kind: 'identity', claim: 'thm3', statement: '‖∇f(a_2)‖² = the squared gap (= 1 for a = (0, 1, 5))', checkedBy: [{ check: 'MEDIANSGD: ‖∇f(x_T)‖² = gap²', method: 'exact arithmetic' }] },
  // E.1: Theorem 4(a).
  { equation: '(43)', section: 'E.1', kind: 'identity', claim: 'thm4a-bias', statement: 'the density of the median of u_i + bξ_i as a sum over order-statistic configurations', checkedBy: [{ check: 'engine accuracy against mpmath', method: 'quadrature' }, { check: 'exact values inside Monte Carlo intervals', method: 'Monte Carlo' }] },
  { equation: '(44)', section: 'E.1', kind: 'identity', claim: 'thm4a-bias', statement: '(43) in the compact {J, K} form', checkedBy: [{ check: 'engine: density route and CDF route agree', method: 'quadrature' }] },
  // E.2: Theorem 4(b).
  { equation: '(45)', section: 'E.2', kind: 'identity', claim: 'thm4b-symmetry', statement: 'h(ū + z) with every argument shifted by (ū − u_i)/b' },
  { equation: '(46)', section: 'E.2', kind: 'identity', claim: 'thm4b-symmetry', statement: 'second-order Taylor expansion of h0 with Lagrange remainder' },
  { equation: '(47)', section: 'E.2', kind: 'identity', claim: 'thm4b-symmetry', statement: 'second-order Taylor expansion of H0' },
  { equation: '(48)', section: 'E.2', kind: 'identity', claim: 'thm4b-symmetry', statement: 'second-order Taylor expansion of 1 − H0' },
  { equation: '(49)', section: 'E.2', kind: 'identity', claim: 'thm4b-symmetry', statement: 'the zeroth-order term is the iid-median density g' },
  { equation: '(50)', section: 'E.2', kind: 'identity', claim: 'thm4b-symmetry', statement: 'the first-order h0′ terms cancel (Σ(ū − u_i) = 0)' },
  { equation: '(51)', section: 'E.2', kind: 'identity', claim: 'thm4b-symmetry', statement: 'the first-order H0 terms cancel' },
  { equation: '(52)', section: 'E.2', kind: 'identity', claim: 'thm4b-symmetry', statement: 'the first-order 1 − H0 terms cancel' },
  { equation: '(53)', section: 'E.2', kind: 'identity', claim: 'thm4b-symmetry', statement: 'h(ū + z) = (1/b)g(z/b) + (1/b)v(z/b), v the remainder', checkedBy: [{ check: 'asymmetric mass exponent', method: 'quadrature' }, { check: 'remainder mass', method: 'quadrature' }] },
  def('(54)', 'E.2', 'thm4b-symmetry', 'g, the density of the median of 2n+1 iid draws from h0', 'defines g (its symmetry is checked with the engine)'),
  { equation: '(55)', section: 'E.2', kind: 'inequality', claim: 'thm4b-symmetry', statement: 'the remainder mass bounded by the integral of |h0″|' },
  { equation: '(56)', section: 'E.2', kind: 'identity', claim: 'thm4b-symmetry', statement: '∫∫|h0″(t)|(t − x) dt dx = (δ²/2)∫|h0″|', checkedBy: [{ check: 'E.2 remainder identity (56)', method: 'quadrature' }] },
  { equation: '(57)', section: 'E.2', kind: 'asymptotic statement', claim: 'thm4b-symmetry', statement: '∫|(1/b)v(z/b)|dz = O(max_i|ū − u_i|²/b²)', checkedBy: [{ check: 'remainder mass ∫|v| exponent ≤ −2 (57)', method: 'quadrature' }] },
  // F: Theorem F.1.
  { equation: '(58)', section: 'F', kind: 'asymptotic statement', claim: 'thmF1', statement: 'E[median(q̂)] = ū + O(max|a − a′|²/b)', checkedBy: [{ check: '(58) bias exponent', method: 'quadrature' }] },
  { equation: '(59)', section: 'F', kind: 'asymptotic statement', claim: 'thmF1', statement: 'Var(median(q̂)) = O(b²) (the proof yields O(b²) + O(1))', checkedBy: [{ check: '(59) Var exponent', method: 'quadrature' }] },
  { equation: '(60)', section: 'F', kind: 'identity', claim: 'thmF1', statement: 'the density splits into a symmetric and an asymmetric part', checkedBy: [{ check: '(62) remainder mass exponent', method: 'quadrature' }] },
  def('(61)', 'F', 'thmF1', 'g for the sampled case', 'restates (54)'),
  { equation: '(62)', section: 'F', kind: 'asymptotic statement', claim: 'thmF1', statement: 'asymmetric mass O(E_s max|s_i − s̄|²/b²) + O(max_s (s̄ − ū)²/b²)', checkedBy: [{ check: '(62) remainder mass exponent', method: 'quadrature' }] },
  { equation: '(63)', section: 'F', kind: 'asymptotic statement', claim: 'thmF1', statement: 'conditional bias O(max|q̃_i − q̃_i′|²/b)' },
  { equation: '(64)', section: 'F', kind: 'asymptotic statement', claim: 'thmF1', statement: 'unconditional bias O(max|a − a′|²/b)' },
  { equation: '(65)', section: 'F', kind: 'inequality', claim: 'thmF1', statement: 'Var ≤ O(b²) + O(1)', checkedBy: [{ check: '(65) the O(1) term', method: 'quadrature' }] },
  def('(66)', 'F', 'thmF1', 'r_b(z), the mixture over sample configurations', 'defines the mixture density'),
  { equation: '(67)', section: 'F', kind: 'identity', claim: 'thmF1', statement: 'each configuration density as (1/b)g + (1/b)v shifted by s̄ − ū' },
  { equation: '(68)', section: 'F', kind: 'identity', claim: 'thmF1', statement: 'the mixture of (67)' },
  { equation: '(69)', section: 'F', kind: 'asymptotic statement', claim: 'thmF1', statement: 'the mixture remainder O(E_s max|s_i − s̄|²/b²)' },
  { equation: '(70)', section: 'F', kind: 'asymptotic statement', claim: 'thmF1', statement: 'the shift term O(E_s (s̄ − ū)²/b²)' },
  // G: Theorem 5.
  def('(71)', 'G', 'thm5', 'median({g_t}) ≜ median({g_{t,i}})', 'notation, as (21)'),
  def('(72)', 'G', 'thm5', 'median({∇f_t}) ≜ median({∇f_i(x_t)})', 'notation, as (22)'),
  def('(73)', 'G', 'thm5', 'g_{t,i} = ∇f_i(x_t) + bξ_{t,i} + ζ_{t,i}', 'the gradient model'),
  { equation: '(74)', section: 'G', kind: 'inequality', claim: 'thm5', statement: 'the descent lemma with the sign agreement indicators' },
  { equation: '(75)', section: 'G', kind: 'inequality', claim: 'thm5', statement: '(74) in expectation' },
  def('(76)', 'G', 'thm5', 'P[sign agrees] − P[sign disagrees]', 'names the quantity analysed next'),
  def('(77)', 'G', 'thm5', 'median({g_t}) = ∇f(x_t) + ξ_t', 'reparameterisation'),
  { equation: '(78)', section: 'G', kind: 'identity', claim: 'thm5', statement: 'P[sign disagrees] = ∫_{−∞}^{−∇f_j} h_{t,j}' },
  { equation: '(79)', section: 'G', kind: 'identity', claim: 'thm5', statement: 'P[sign agrees] = ∫_{−∇f_j}^{∞} h_{t,j}' },
  def('(80)', 'G', 'thm5', 'h_{t,j} = h^s_{t,j} + h^u_{t,j}', 'splits the density into symmetric and asymmetric parts'),
  { equation: '(81)', section: 'G', kind: 'identity', claim: 'thm5', statement: 'the probability difference in terms of h^s and h^u' },
  { equation: '(82)', section: 'G', kind: 'identity', claim: 'thm5', statement: '∫_{−∇f_j}^{∇f_j} h^s = P[|z_{t,j}| ≤ |∇f_j|]' },
  { equation: '(83)', section: 'G', kind: 'inequality', claim: 'thm5', statement: 'the asymmetric part bounded via Theorem F.1' },
  { equation: '(84)', section: 'G', kind: 'asymptotic statement', claim: 'thm5', statement: 'the asymmetric part is O(1/b²)', checkedBy: [{ check: 'the sign bias vanishes', method: 'quadrature' }] },
  def('(85)', 'G', 'thm5', 'W_{t,j} = |∇f(x_t)_j|/(bσ_mid)', 'defines W'),
  def('(86)', 'G', 'thm5', 'σ_mid², the variance of g', 'defines σ_mid (computed by the engine)'),
  { equation: '(87)', section: 'G', kind: 'inequality', claim: 'thm5', statement: "Gauss's inequality: P[|z| ≤ |∇f_j|] ≥ 1/3 if W ≥ 2/√3, else W/√3", checkedBy: [{ check: "Gauss's inequality step (87)", method: 'quadrature' }] },
  { equation: '(88)', section: 'G', kind: 'inequality', claim: 'thm5', statement: '(87) substituted into (75)' },
  { equation: '(89)', section: 'G', kind: 'inequality', claim: 'thm5', statement: '(88) summed over t' },
  { equation: '(90)', section: 'G', kind: 'inequality', claim: 'thm5', statement: 'the bound of Theorem 5' },
  // H: Theorem 6.
  { equation: '(91)', section: 'H', kind: 'inequality', claim: 'thm6', statement: '(32) for Noisy MEDIANSGD' },
  { equation: '(92)', section: 'H', kind: 'inequality', claim: 'thm6', statement: '2D_f/(Tδ) + gap + 2Ldδσ_m²' },
  { equation: '(93)', section: 'H', kind: 'asymptotic statement', claim: 'thm6', statement: '‖∇f − E[median | x_t]‖ = O(√d/b)', checkedBy: [{ check: 'the median–mean gap closes as b grows (93)', method: 'quadrature' }] },
  { equation: '(94)', section: 'H', kind: 'asymptotic statement', claim: 'thm6', statement: 'every term O(d^{2/3}/T^{1/3}) with b = (Td)^{1/6}, δ = (Td)^{−2/3}', checkedBy: [{ check: 'rate in T under the paper', method: 'Monte Carlo' }] },
];
