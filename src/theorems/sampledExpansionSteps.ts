// App. F's proof of Theorem F.1, step by step, on the sets A = {−1, 1}, {0, 2}, {3, 7} (u = (0, 1, 5),
// |S_A| = 8 configurations, integers so that sums over configurations are exact):
// (63) the conditional bias, (64) its average, (67) each configuration's density moved to ū and
// expanded, (68) the first-order term averaging out, (69) and (70) the two remainder masses.
import { gaussian } from '../distributions/gaussian.ts';
import { logistic } from '../distributions/logistic.ts';
import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { fitLogLogSlope } from '../estimators/fitLogLogSlope.ts';
import { iidMedianDensity, iidMedianDensityDerivatives } from '../estimators/iidMedianDensity.ts';
import { integrate } from '../estimators/integrate.ts';
import { noisyMedianMoments } from '../estimators/noisyMedianMoments.ts';
import { orderStatisticModel } from '../estimators/orderStatisticModel.ts';
import { cartesianProduct } from '../estimators/sampledNoisyMedian.ts';
import { lagrangeRemainder } from '../estimators/symmetryExpansion.ts';
import { formatNumber } from '../format/formatNumber.ts';
import type { Check, NegativeControl, Preset, ProofStep } from './Claim.ts';
import { judgedCheck, judgedControl } from './judged.ts';
import { judge } from '../verdict/judge.ts';
import { allOf, anyOfEach, atLeast, atMost } from '../verdict/criteria.ts';
import { EXPONENT_TOLERANCE } from './theorem4Sweep.ts';

const SETS = [
  [-1, 1],
  [0, 2],
  [3, 7],
];

export interface SampledExpansionSteps {
  readonly proofSteps: readonly ProofStep[];
  readonly check: Check;
  readonly controls: readonly NegativeControl[];
}

const mean = (values: readonly number[]) => values.reduce((total, v) => total + v, 0) / values.length;
const spread = (values: readonly number[]) => Math.max(...values) - Math.min(...values);

export function sampledExpansionSteps(preset: Preset): SampledExpansionSteps {
  const families: NoiseFamily[] = preset === 'quick' ? [gaussian] : [gaussian, logistic];
  const bs = preset === 'quick' ? [16, 64, 256, 1024] : [16, 32, 64, 128, 256, 512, 1024];
  const configurations = cartesianProduct(SETS);
  const M = SETS.length;
  const n = (M - 1) / 2;
  // Integer sums: exact in floating point.
  const setSums = SETS.map((set) => set.reduce((total, v) => total + v, 0));
  const uBar = mean(SETS.map((set, i) => setSums[i] / set.length));
  const shifts = configurations.map((s) => mean(s) - uBar);

  // (68): Σ_s (s̄ − ū) = 0 in exact arithmetic: Σ_s Σ_i s_i = |S_A| Σ_i u_i.
  const configurationSum = configurations.reduce((total, s) => total + s.reduce((a, v) => a + v, 0), 0);
  const expectedSum = SETS.reduce((total, set, i) => total + (configurations.length / set.length) * setSums[i], 0);
  const firstOrderVanishes = configurationSum === expectedSum;
  // The control: one configuration counted twice (q_i no longer uniform) leaves a first-order term.
  const skewedFirstOrder =
    (configurationSum + configurations[configurations.length - 1].reduce((a, v) => a + v, 0)) /
      (configurations.length + 1) /
      M -
    uBar;

  const perFamily = families.map((family) => {
    const g = iidMedianDensity(family, n);
    const { slope: g1, curvature: g2 } = iidMedianDensityDerivatives(family, n);
    const curvatureMass = integrate((x) => Math.abs(g2(x)), -Infinity, Infinity, { relTol: 1e-11 }).value;
    const rows = bs.map((b) => {
      const conditional = configurations.map((s) => noisyMedianMoments(s, b, family, { relTol: 1e-12 }));
      const conditionalBias = conditional.map((m) => m.bias);
      const unconditionalBias = mean(conditional.map((m) => m.mean)) - uBar;
      // (63)'s constant: b·|bias_s| / max|s_i − s_i′|².
      const constant63 = Math.max(
        ...conditional.map((m, k) => (b * Math.abs(m.bias)) / spread(configurations[k]) ** 2),
      );
      // (69): mean_s ∫|(1/b)v_s| and the mass of their mixture, ∫|r_b(ū + z) − mean_s (1/b)g((z − Δ_s)/b)|dz.
      const separateMass = mean(conditional.map((m) => m.distanceToIid));
      const models = configurations.map((s) => orderStatisticModel(Float64Array.from(s), b, family, n + 1));
      const breakpoints = shifts.map((shift) => shift / b);
      // The integrand runs thousands of times: a plain loop, no array per evaluation.
      const mixedRemainder = integrate(
        (x) => {
          let total = 0;
          for (let k = 0; k < models.length; k++)
            total += models[k].density(x - breakpoints[k]) - g(x - breakpoints[k]);
          return Math.abs(total / models.length);
        },
        -Infinity,
        Infinity,
        { relTol: 1e-10, breakpoints },
      ).value;
      // (70): ∫|g(x − δ) − g(x) + g′(x)δ| dx against (δ²/2)∫|g″|, δ = Δ_s/b, for each configuration.
      const shiftTerms = shifts.map((shift) => {
        const delta = shift / b;
        if (delta === 0) return { mass: 0, bound: 0 };
        const mass = integrate((x) => Math.abs(g(x - delta) - g(x) + g1(x) * delta), -Infinity, Infinity, {
          relTol: 1e-10,
          breakpoints: [0, delta],
        }).value;
        return { mass, bound: ((delta * delta) / 2) * curvatureMass };
      });
      return {
        b,
        conditionalBias,
        unconditionalBias,
        constant63,
        separateMass,
        mixedRemainder,
        shiftTerms,
        shiftMass: mean(shiftTerms.map((t) => t.mass)),
      };
    });

    // (67): as printed the configuration density is read at (z + s̄ − ū)/b; moving (53) from s̄ to ū gives (z − (s̄ − ū))/b.
    let printed67 = 0;
    let taylor67 = { slack: Infinity, at: '' };
    let taylorPoints = 0;
    for (const b of [1, 4]) {
      const models = configurations.map((s) => orderStatisticModel(Float64Array.from(s), b, family, n + 1));
      for (const [k, shift] of shifts.entries()) {
        if (shift === 0) continue;
        for (const z of [-1, 0.5, 2].map((t) => t * b)) {
          const density = models[k].density((z - shift) / b) / b;
          printed67 = Math.max(printed67, Math.abs(models[k].density((z + shift) / b) / b - density) / density);
          // The expansion of g at z/b with step Δ/b (as printed) and its Lagrange point z1/b.
          const step = shift / b;
          const { slack } = lagrangeRemainder(
            g(z / b + step),
            g(z / b) + g1(z / b) * step,
            step,
            g2,
            z / b,
            z / b + step,
          );
          taylorPoints++;
          if (slack < taylor67.slack)
            taylor67 = { slack, at: `${family.name}, b = ${b}, z = ${z}, s̄ − ū = ${formatNumber(shift, 3)}` };
        }
      }
    }

    const positive = (rowsWith: Array<{ b: number; value: number }>) => rowsWith.filter((r) => r.value > 0);
    const exponent = (values: Array<{ b: number; value: number }>) => {
      const usable = positive(values);
      return usable.length >= 3
        ? fitLogLogSlope(
            usable.map((r) => r.b),
            usable.map((r) => r.value),
          ).slope
        : Number.NaN;
    };
    return {
      family,
      rows,
      printed67,
      taylor67,
      taylorPoints,
      conditionalExponent: exponent(rows.map((r) => ({ b: r.b, value: Math.max(...r.conditionalBias.map(Math.abs)) }))),
      unconditionalExponent: exponent(rows.map((r) => ({ b: r.b, value: Math.abs(r.unconditionalBias) }))),
      separateExponent: exponent(rows.map((r) => ({ b: r.b, value: r.separateMass }))),
      shiftExponent: exponent(rows.map((r) => ({ b: r.b, value: r.shiftMass }))),
    };
  });

  const all = perFamily.flatMap((f) => f.rows);
  const worst = <T>(values: T[], key: (v: T) => number) => Math.max(...values.map(key));
  const conditionalExponent = worst(perFamily, (f) => f.conditionalExponent);
  const unconditionalExponent = worst(perFamily, (f) => f.unconditionalExponent);
  const separateExponent = worst(perFamily, (f) => f.separateExponent);
  const shiftExponent = worst(perFamily, (f) => f.shiftExponent);
  const constant63 = worst(all, (r) => r.constant63);
  // |mean_s bias_s| ≤ mean_s |bias_s|, and the mixture's remainder ≤ the mean of the separate ones.
  const averagingRatio = worst(all, (r) => Math.abs(r.unconditionalBias) / mean(r.conditionalBias.map(Math.abs)));
  const triangleRatio = worst(all, (r) => r.mixedRemainder / r.separateMass);
  const shiftRatio = worst(
    all.flatMap((r) => r.shiftTerms.filter((t) => t.bound > 0)),
    (t) => t.mass / t.bound,
  );
  const printed67 = worst(perFamily, (f) => f.printed67);
  const taylor67 = perFamily.reduce((best, f) => (f.taylor67.slack < best.slack ? f.taylor67 : best), {
    slack: Infinity,
    at: '',
  });
  const taylorPoints = perFamily.reduce((total, f) => total + f.taylorPoints, 0);
  const names = families.map((family) => family.name).join(', ');
  const exponents = (key: 'conditionalExponent' | 'unconditionalExponent' | 'separateExponent' | 'shiftExponent') =>
    perFamily.map((f) => formatNumber(f[key], 4)).join(', ');

  // The ratios are of quadratures (relative 1e-10 or better): 1e-9 allows their rounding (boundRatio.ts).
  const criteria = {
    '(63)': atMost(conditionalExponent, -1, EXPONENT_TOLERANCE),
    '(64)': allOf({
      'Σ_s(s̄ − ū) = 0 exactly': atMost(Math.abs(configurationSum - expectedSum), 0),
      'unconditional exponent': atMost(unconditionalExponent, -1, EXPONENT_TOLERANCE),
      'averaging ratio': atMost(averagingRatio, 1, 1e-9),
    }),
    '(67)': atLeast(taylor67.slack, 0),
    '(69)': allOf({
      exponent: atMost(separateExponent, -2, EXPONENT_TOLERANCE),
      'triangle ratio': atMost(triangleRatio, 1, 1e-9),
    }),
    '(70)': allOf({
      exponent: atMost(shiftExponent, -2, EXPONENT_TOLERANCE),
      'shift ratio': atMost(shiftRatio, 1, 1e-9),
    }),
  };
  const holds63 = judge(criteria['(63)']).passed;
  const holds64 = judge(criteria['(64)']).passed;
  const holds67 = judge(criteria['(67)']).passed;
  const holds69 = judge(criteria['(69)']).passed;
  const holds70 = judge(criteria['(70)']).passed;
  const instances = configurations.length * bs.length * families.length;
  const setsLabel = `A = {−1, 1}, {0, 2}, {3, 7}; ${names}; b = ${bs.join(', ')}`;

  const proofSteps: ProofStep[] = [
    {
      equation: '(63)',
      method: 'quadrature',
      instances,
      instance: setsLabel,
      verdict: holds63 ? 'holds' : 'violated',
      note: `E[median | q = s] − s̄ from the exact engine for each of the ${configurations.length} configurations: largest |bias| over s falls with exponent ${exponents('conditionalExponent')} over b (claimed ≤ −1 + ${EXPONENT_TOLERANCE}; Theorem 4(a) gives −2 for symmetric noise); b·|bias|/max|s_i − s_i′|² ≤ ${formatNumber(constant63, 3)}`,
    },
    {
      equation: '(64)',
      method: 'exact arithmetic',
      instances,
      instance: setsLabel,
      verdict: holds64 ? 'holds' : 'violated',
      note: `Σ_s s̄ = |S_A|·ū exactly (${firstOrderVanishes ? 'equal' : 'NOT equal'}), so averaging (63) over the uniform configurations gives the bias about ū: exponent ${exponents('unconditionalExponent')} (≤ −1 + ${EXPONENT_TOLERANCE}), and |mean_s bias_s| ≤ mean_s |bias_s| (largest ratio ${formatNumber(averagingRatio, 3)})`,
    },
    {
      equation: '(67)',
      method: 'quadrature',
      instances: taylorPoints,
      measure: 'slack',
      worst: taylor67.slack,
      instance: taylor67.at,
      verdict: !holds67 ? 'violated' : printed67 > 1e-6 ? 'typo' : 'holds',
      note: `moving (53) from s̄ to ū reads the configuration's density at (z − (s̄ − ū))/b; as printed, (z + s̄ − ū)/b, it is a different density (relative difference up to ${formatNumber(printed67, 3)}), which (68) averages the same way: the first-order term still vanishes and the remainders are bounded in absolute value. The Taylor expansion of g with its Lagrange point z1 holds at every point (slack shown)`,
    },
    {
      equation: '(68)',
      method: 'exact arithmetic',
      instances: configurations.length,
      instance: setsLabel,
      verdict: firstOrderVanishes ? 'holds' : 'violated',
      note: `the first-order term mean_s g′(z/b)(s̄ − ū)/b vanishes because Σ_s (s̄ − ū) = 0 (integer sums, exact); with one configuration counted twice it is ${formatNumber(skewedFirstOrder, 3)}·g′(z/b)/b`,
    },
    {
      equation: '(69)',
      method: 'quadrature',
      instances,
      measure: 'ratio',
      worst: triangleRatio,
      instance: setsLabel,
      verdict: holds69 ? 'holds' : 'violated',
      note: `mean_s ∫|(1/b)v_s| falls with exponent ${exponents('separateExponent')} (≤ −2 + ${EXPONENT_TOLERANCE}); the mixture's remainder is at most that mean (largest ratio shown)`,
    },
    {
      equation: '(70)',
      method: 'quadrature',
      instances,
      measure: 'ratio',
      worst: shiftRatio,
      instance: setsLabel,
      verdict: holds70 ? 'holds' : 'violated',
      note: `∫|g(x − δ) − g(x) + g′(x)δ|dx ≤ (δ²/2)∫|g″| for δ = (s̄ − ū)/b (the (55)–(56) procedure; largest ratio shown); the mean over s falls with exponent ${exponents('shiftExponent')} (≤ −2 + ${EXPONENT_TOLERANCE})`,
    },
  ];

  return {
    proofSteps,
    check: judgedCheck(
      'F steps (63), (64), (67)–(70) as the proof uses them',
      allOf(criteria),
      `${setsLabel}: conditional bias exponent ${exponents('conditionalExponent')}, unconditional ${exponents('unconditionalExponent')} (≤ −1 + ${EXPONENT_TOLERANCE}); Σ_s(s̄ − ū) = 0 exactly; Lagrange points of (67) at ${taylorPoints} points (smallest slack ${formatNumber(taylor67.slack, 3)}); remainder exponents (69) ${exponents('separateExponent')}, (70) ${exponents('shiftExponent')} (≤ −2 + ${EXPONENT_TOLERANCE}); mixture/mean ratio ${formatNumber(triangleRatio, 4)}, shift term/bound ratio ${formatNumber(shiftRatio, 4)} (≤ 1)`,
    ),
    controls: [
      judgedControl(
        {
          name: 'broken hypothesis: (68) with non-uniform sampling',
          description:
            'One configuration counted twice: the configurations no longer average to ū, and the first-order term of (68) survives.',
          detail: `mean over the weighted configurations − ū = ${formatNumber(skewedFirstOrder, 3)}`,
        },
        atMost(Math.abs(skewedFirstOrder), 0),
      ),
      judgedControl(
        {
          name: 'wrong variant: (70) as O((s̄ − ū)²/b³)',
          description:
            'The shift term is exactly second order in (s̄ − ū)/b: a claimed exponent of −3 must be refuted for every family.',
          detail: `fitted exponents ${exponents('shiftExponent')}`,
        },
        anyOfEach(
          perFamily,
          (f) => f.family.name,
          (f) => atMost(f.shiftExponent, -3, EXPONENT_TOLERANCE),
        ),
      ),
    ],
  };
}
