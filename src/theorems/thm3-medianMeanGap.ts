// Theorem 3 (App. D, equations (34)–(42)): with heterogeneous data the gap term of Theorems 1 and
// 2 is real. On f(x) = (1/3)·Σ ½(x − a_i)², a1 < a2 < a3, SIGNSGD and MEDIANSGD converge to x = a2,
// where |∇f(a2)| = |(2a2 − a1 − a3)/3| (1 for a = (0, 1, 5)), and the gap term equals that value.
import fc from 'fast-check';
import { runAlgorithm, type RunTrace } from '../algorithms/runAlgorithm.ts';
import type { AlgorithmName } from '../algorithms/algorithmNames.ts';
import { scalarProblem } from '../problems/scalarProblem.ts';
import { markdownTable } from '../format/markdownTable.ts';
import { formatNumber } from '../format/formatNumber.ts';
import { seriesPoints } from '../format/seriesPoints.ts';
import type { Claim, Evidence, Figure, VerifyContext } from './Claim.ts';
import { claimMetadata } from './claimRegistry.ts';
import { judgedCheck, judgedControl } from './judged.ts';
import { allOf, anyOfEach, atMost, below, within } from '../verdict/criteria.ts';
import { checkProperty, describeOutcome, propertyCriterion } from './propertyOutcome.ts';
import jstat from 'jstat';
import { centredExponential } from '../distributions/centredExponential.ts';
import { gaussian } from '../distributions/gaussian.ts';
import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { stationaryGaps } from '../estimators/stationaryGap.ts';

const { jStat } = jstat;

const A = [0, 1, 5] as const;
const X0 = 10;
/** MEDIANSGD: δ = 1/2 < 2/L = 2 contracts |x − a2| by 1/2 per step; 200 steps reach 2^-200. */
const MEDIAN_LR = 0.5;
const MEDIAN_STEPS = 200;
/** The paper's Figure-1 toy: a = (1, 2, 10), step 0.001, x_1 = 0.0005. */
const TOY = { a: [1, 2, 10] as const, lr: 0.001, x0: 0.0005, steps: 10_000, b: 4 };
/** Relative floating-point tolerance for the exact (deterministic) comparisons. */
const FLOAT_TOL = 1e-9;

/** The gap |(2a2 − a1 − a3)/3| of (37)/(41). */
export function theorem3Gap(a: readonly number[]): number {
  return Math.abs((2 * a[1] - a[0] - a[2]) / 3);
}

/** Noise scales of the exact stall gaps. */
const GAP_SCALES = [1, 4, 16];

/** The exact stall gaps |∇f(x*)| of both noisy algorithms on a = (0, 1, 5) at each of GAP_SCALES. */
function gapsAt(family: NoiseFamily) {
  return GAP_SCALES.map((b) => ({ b, ...stationaryGaps(A, b, family) }));
}

/** The gaps as a report reads them: b, then each algorithm's gap at every b. */
function describeGaps(gaps: ReturnType<typeof gapsAt>): string {
  const each = (gap: (g: (typeof gaps)[number]) => number) => gaps.map((g) => formatNumber(gap(g), 4)).join(', ');
  return `b = ${gaps.map((g) => g.b).join(', ')}: Noisy MEDIANSGD ${each((g) => g.medianSgd)}; Noisy SIGNSGD ${each((g) => g.signSgd)}`;
}

/** The noisy algorithms move toward the mean: every gap below 1, and smaller at every larger b. */
function gapsShrinkCriterion(gaps: ReturnType<typeof gapsAt>) {
  return allOf(
    Object.fromEntries(
      gaps.flatMap((g, i) => [
        [`Noisy MEDIANSGD below 1, b = ${g.b}`, below(g.medianSgd, 1)],
        [`Noisy SIGNSGD below 1, b = ${g.b}`, below(g.signSgd, 1)],
        ...(i === 0
          ? []
          : [
              [`Noisy MEDIANSGD decreasing, b = ${g.b}`, below(g.medianSgd, gaps[i - 1].medianSgd)],
              [`Noisy SIGNSGD decreasing, b = ${g.b}`, below(g.signSgd, gaps[i - 1].signSgd)],
            ]),
      ]),
    ),
  );
}

function run(
  algorithm: AlgorithmName,
  a: readonly number[],
  steps: number,
  lr: number,
  x0: number,
  extra: { b?: number; context?: VerifyContext; chain?: number; purpose?: string } = {},
): RunTrace {
  return runAlgorithm({
    algorithm,
    problem: scalarProblem(a),
    steps,
    lr,
    x0: [x0],
    b: extra.b,
    stream: extra.context?.stream(extra.purpose ?? 'chain', algorithm, extra.b ?? 0, extra.chain ?? 0),
  });
}

function maxDeviationOverTail(values: Float64Array, target: number): number {
  let worst = 0;
  for (let t = Math.floor(values.length / 2); t < values.length; t++)
    worst = Math.max(worst, Math.abs(values[t] - target));
  return worst;
}

function tailMean(values: Float64Array): number {
  const start = Math.floor(values.length / 2);
  let sum = 0;
  for (let t = start; t < values.length; t++) sum += values[t];
  return sum / (values.length - start);
}

/** Strictly increasing triples a1 < a2 < a3 in [−10, 10] and a start x0 in [−10, 10]. */
const problemArbitrary = fc
  .record({
    values: fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 3 }),
    x0: fc.integer({ min: -1000, max: 1000 }),
  })
  .map(({ values, x0 }) => ({ a: [...values].sort((p, q) => p - q).map((v) => v / 100), x0: x0 / 100 }));

export const thm3: Claim = {
  ...claimMetadata('thm3'),
  statement:
    'Let $f(x) = \\frac13\\sum_{i=1}^{3}\\frac12(x-a_i)^2$ with $a_1 < a_2 < a_3$, one data point per node and full gradients. ' +
    'The median gradient is $x - a_2$, so SIGNSGD ($\\delta = O(1/\\sqrt T)$) and MEDIANSGD (any $\\delta < 2/L$) converge to $x = a_2$, where ' +
    '$\\|\\nabla f(a_2)\\| = |(2a_2 - a_1 - a_3)/3|$, and the gap term $\\|\\mathbb E[\\mathrm{median}(\\{g_t\\})] - \\nabla f(x_t)\\|$ equals the same value at every $x_t$ (squared for MEDIANSGD). ' +
    'With $a = (0, 1, 5)$ the gap is exactly 1.',
  hypotheses: [
    '$a_1 < a_2 < a_3$ (heterogeneous local minimisers)',
    'full (deterministic) local gradients',
    'SIGNSGD: constant $\\delta = 1/\\sqrt T$; MEDIANSGD: $\\delta < 2/L = 2$',
  ],
  verify(context): Evidence {
    const signSteps = { quick: 2000, default: 10000, full: 100000 }[context.preset];
    const signLr = 1 / Math.sqrt(signSteps);
    const propertyRuns = { quick: 50, default: 300, full: 3000 }[context.preset];
    const chains = { quick: 8, default: 16, full: 64 }[context.preset];
    const noisySteps = { quick: 1500, default: 4000, full: 20000 }[context.preset];
    const noisyLr = 0.02;
    const noiseScales = [1, 4];
    const gap = theorem3Gap(A);
    const mean = (A[0] + A[1] + A[2]) / 3;

    // 1. The construction a = (0, 1, 5).
    const sign = run('signsgd', A, signSteps, signLr, X0);
    const med = run('mediansgd', A, MEDIAN_STEPS, MEDIAN_LR, X0);
    const signStall = maxDeviationOverTail(sign.x1, A[1]);
    const signGradient = Math.abs(sign.gradNormL1[signSteps]);
    const medDistance = Math.abs(med.x1[MEDIAN_STEPS] - A[1]);
    const medGradientSq = med.gradNormL2Sq[MEDIAN_STEPS];
    const gapTermError = Math.max(
      maxDeviationOverTail(sign.medianGapL1, gap),
      maxDeviationOverTail(med.medianGapL1, gap),
    );

    // 2. The property over random a1 < a2 < a3.
    const propertySignSteps = 5000;
    const propertySignLr = 0.01;
    const stallsAtMedian = (predictedLimit: (a: number[]) => number, predictedGap: (a: number[]) => number) =>
      fc.property(problemArbitrary, ({ a, x0 }) => {
        const scale = 1 + Math.max(...a.map(Math.abs), Math.abs(x0));
        const m = run('mediansgd', a, MEDIAN_STEPS, MEDIAN_LR, x0);
        const s = run('signsgd', a, propertySignSteps, propertySignLr, x0);
        const limit = predictedLimit(a);
        const expectedGap = predictedGap(a);
        return (
          Math.abs(m.x1[MEDIAN_STEPS] - limit) <= FLOAT_TOL * scale &&
          Math.abs(Math.sqrt(m.gradNormL2Sq[MEDIAN_STEPS]) - expectedGap) <= FLOAT_TOL * scale &&
          Math.abs(s.x1[propertySignSteps] - limit) <= propertySignLr + FLOAT_TOL * scale &&
          Math.abs(s.gradNormL1[propertySignSteps] - expectedGap) <= propertySignLr + FLOAT_TOL * scale
        );
      });
    const property = checkProperty(
      stallsAtMedian((a) => a[1], theorem3Gap),
      context.fastCheckSeed('property'),
      propertyRuns,
    );
    const wrongGap = checkProperty(
      stallsAtMedian(
        (a) => a[1],
        (a) => Math.abs(a[2] - a[0]) / 3,
      ),
      context.fastCheckSeed('wrong-gap'),
      propertyRuns,
    );
    const wrongLimit = checkProperty(
      stallsAtMedian(
        (a) => (a[0] + a[1] + a[2]) / 3,
        () => 0,
      ),
      context.fastCheckSeed('wrong-limit'),
      propertyRuns,
    );

    // 3. Broken hypothesis: aggregate by the mean (distributed SGD) instead of the median.
    const sgd = run('sgd', A, MEDIAN_STEPS, MEDIAN_LR, X0);
    const sgdDistanceToA2 = Math.abs(sgd.x1[MEDIAN_STEPS] - A[1]);

    // 4. Noisy versions: the stall point moves toward the mean, 2.
    const noisyRows: Array<{
      algorithm: string;
      b: number;
      limit: number;
      standardError: number;
      exact: number;
      t: number;
    }> = [];
    const noisyCurves: Record<string, Float64Array> = {};
    for (const algorithm of ['noisy-signsgd', 'noisy-mediansgd'] as const) {
      for (const b of noiseScales) {
        const limits: number[] = [];
        const curve = new Float64Array(noisySteps + 1);
        for (let chain = 0; chain < chains; chain++) {
          const trace = run(algorithm, A, noisySteps, noisyLr, X0, { b, context, chain });
          limits.push(tailMean(trace.x1));
          for (let t = 0; t <= noisySteps; t++) curve[t] += trace.x1[t] / chains;
        }
        const limit = limits.reduce((s, v) => s + v, 0) / chains;
        const variance = limits.reduce((s, v) => s + (v - limit) ** 2, 0) / (chains - 1);
        const standardError = Math.sqrt(variance / chains);
        // The exact point where the expected step vanishes (engine; x* = ā − gap on this problem).
        const gaps = stationaryGaps(A, b, gaussian);
        const exact = mean - (algorithm === 'noisy-mediansgd' ? gaps.medianSgd : gaps.signSgd);
        noisyRows.push({ algorithm, b, limit, standardError, exact, t: Math.abs(limit - exact) / standardError });
        noisyCurves[`${algorithm} b=${b}`] = curve;
      }
    }
    // Deterministic: the exact stall gaps shrink below 1 and decrease with b. The control runs the
    // same criterion under asymmetric noise (centred exponential, median of ξ below its mean 0),
    // whose stall point moves away with b: the gaps come back above 1.
    const exactGaps = gapsAt(gaussian);
    const gapsShrink = gapsShrinkCriterion(exactGaps);
    const asymmetricGaps = gapsAt(centredExponential);
    // Stochastic: Noisy MEDIANSGD's expected step is linear in x (the median is shift-equivariant), so
    // the long-run mean of its iterates is exactly x*; the chains' average must agree within a
    // two-sided t-test at α = 1e-4 per cell (chains − 1 degrees of freedom, 2 cells: ≤ 2e-4).
    const tCritical = jStat.studentt.inv(1 - 1e-4 / 2, chains - 1);
    const medianRows = noisyRows.filter((row) => row.algorithm === 'noisy-mediansgd');
    const chainsAgree = allOf(
      Object.fromEntries(medianRows.map((row) => [`b = ${row.b}`, atMost(row.t, tCritical, 0, 1e-4)])),
    );

    // The Figure-1 toy: the four algorithms from x_1 = 0.0005 with δ = 0.001.
    const figure1Gap = theorem3Gap(TOY.a);
    const toyRuns = {
      SIGNSGD: run('signsgd', TOY.a, TOY.steps, TOY.lr, TOY.x0),
      MEDIANSGD: run('mediansgd', TOY.a, TOY.steps, TOY.lr, TOY.x0),
      [`Noisy SIGNSGD, b = ${TOY.b}`]: run('noisy-signsgd', TOY.a, TOY.steps, TOY.lr, TOY.x0, {
        b: TOY.b,
        context,
        purpose: 'figure-1 toy',
      }),
      [`Noisy MEDIANSGD, b = ${TOY.b}`]: run('noisy-mediansgd', TOY.a, TOY.steps, TOY.lr, TOY.x0, {
        b: TOY.b,
        context,
        purpose: 'figure-1 toy',
      }),
      'SGD (reference)': run('sgd', TOY.a, TOY.steps, TOY.lr, TOY.x0),
    };
    // MEDIANSGD contracts |x − a2| by (1 − δ) per step once past a1: after T steps it is within
    // (1 − δ)^T·|x_1 − a2| of a2, so |∇f(x_T)| is within that of the gap.
    const toyMedian = toyRuns.MEDIANSGD;
    const toyGradient = Math.abs(toyMedian.gradNormL1[TOY.steps]);
    const toyTolerance = (1 - TOY.lr) ** TOY.steps * Math.abs(TOY.x0 - TOY.a[1]) + FLOAT_TOL;

    const figures: Figure[] = [];
    const toyIterates = Object.entries(toyRuns).flatMap(([name, trace]) => seriesPoints(name, trace.x1, 300, 'x'));
    const toyGradients = Object.entries(toyRuns).flatMap(([name, trace]) =>
      seriesPoints(name, trace.gradNormL1, 300, 'grad'),
    );
    figures.push({
      file: 'thm3-figure1-toy.svg',
      title: 'The Figure-1 toy: a = (1, 2, 10), δ = 0.001, x_1 = 0.0005',
      caption: `Iterates x_t (left) and |∇f(x_t)| (right) of SIGNSGD, MEDIANSGD and their noisy versions (one run each, Gaussian ξ, b = ${TOY.b}), with SGD for reference, on f(x) = (1/3)Σ½(x − a_i)². SIGNSGD and MEDIANSGD stop at a2 = 2 with |∇f| = |(2a2 − a1 − a3)/3| = 7/3; SGD reaches mean(a) = 13/3; the noisy versions settle in between, nearer the mean.`,
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        hconcat: [
          {
            width: 300,
            height: 240,
            data: { values: toyIterates },
            mark: 'line',
            encoding: {
              x: { field: 't', type: 'quantitative', title: 'iteration t' },
              y: { field: 'x', type: 'quantitative', title: 'iterate x_t' },
              color: { field: 'series', type: 'nominal', title: 'algorithm' },
            },
          },
          {
            width: 300,
            height: 240,
            data: { values: toyGradients },
            mark: 'line',
            encoding: {
              x: { field: 't', type: 'quantitative', title: 'iteration t' },
              y: { field: 'grad', type: 'quantitative', title: '|∇f(x_t)|' },
              color: { field: 'series', type: 'nominal', title: 'algorithm' },
            },
          },
        ],
      },
    });
    for (const family of ['signsgd', 'mediansgd'] as const) {
      const baseTrace =
        family === 'signsgd'
          ? run('signsgd', A, noisySteps, noisyLr, X0)
          : run('mediansgd', A, noisySteps, noisyLr, X0);
      const rows = [
        ...seriesPoints(family === 'signsgd' ? 'SIGNSGD' : 'MEDIANSGD', baseTrace.x1, 300, 'x'),
        ...noiseScales.flatMap((b) =>
          seriesPoints(`noisy, b = ${b} (mean of ${chains} runs)`, noisyCurves[`noisy-${family} b=${b}`], 300, 'x'),
        ),
      ];
      figures.push({
        file: `thm3-${family}-iterates.svg`,
        title: `${family === 'signsgd' ? 'SIGNSGD' : 'MEDIANSGD'} stalls at a2 = 1; its noisy versions move toward the mean 2`,
        caption: `Iterates x_t on f(x) = (1/3)Σ½(x − a_i)², a = (0, 1, 5), δ = ${noisyLr}, x_1 = ${X0}, Gaussian noise. Dashed: a2 = 1 (the median's zero) and the minimiser mean(a) = 2.`,
        spec: {
          $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
          width: 520,
          height: 280,
          layer: [
            {
              data: { values: rows },
              mark: { type: 'line', clip: true },
              encoding: {
                x: { field: 't', type: 'quantitative', title: 'iteration t' },
                y: { field: 'x', type: 'quantitative', title: 'iterate x_t', scale: { domain: [0, 4] } },
                color: { field: 'series', type: 'nominal', title: 'algorithm' },
              },
            },
            {
              data: {
                values: [
                  { y: A[1], label: 'a2 = 1' },
                  { y: mean, label: 'mean(a) = 2' },
                ],
              },
              mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' },
              encoding: { y: { field: 'y', type: 'quantitative' } },
            },
          ],
        },
      });
    }
    const gradientRows = [
      ...seriesPoints('SIGNSGD', sign.gradNormL1, 300, 'grad'),
      ...seriesPoints('MEDIANSGD', med.gradNormL1, 300, 'grad'),
      ...seriesPoints('SGD (mean; control)', sgd.gradNormL1, 300, 'grad').map(
        (row): Record<string, number | string> => ({ ...row, grad: Math.max(Number(row.grad), 1e-16) }),
      ),
    ];
    figures.push({
      file: 'thm3-gradient-norm.svg',
      title: '|∇f(x_t)| stays at 1 for SIGNSGD and MEDIANSGD; SGD reaches 0',
      caption: `|∇f(x_t)| against t (log scales), a = (0, 1, 5), x_1 = ${X0}. SIGNSGD: δ = 1/√T = ${formatNumber(signLr)}, T = ${signSteps}; MEDIANSGD and SGD: δ = ${MEDIAN_LR}, T = ${MEDIAN_STEPS}. Values below 1e-16 are drawn at 1e-16.`,
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        width: 520,
        height: 280,
        data: { values: gradientRows.map((row) => ({ ...row, t: Number(row.t) + 1 })) },
        mark: 'line',
        encoding: {
          x: { field: 't', type: 'quantitative', title: 'iteration t', scale: { type: 'log' } },
          y: { field: 'grad', type: 'quantitative', title: '|∇f(x_t)|', scale: { type: 'log' } },
          color: { field: 'series', type: 'nominal', title: 'algorithm' },
        },
      },
    });

    return {
      checks: [
        judgedCheck(
          'the Figure-1 toy: MEDIANSGD stalls with |∇f(x_T)| = 7/3',
          within(toyGradient, figure1Gap, toyTolerance),
          `a = (1, 2, 10), δ = ${TOY.lr}, x_1 = ${TOY.x0}, T = ${TOY.steps}: |∇f(x_T)| = ${formatNumber(toyGradient, 8)}, gap |(2a2 − a1 − a3)/3| = ${formatNumber(figure1Gap, 8)}; tolerance (1 − δ)^T·|x_1 − a2| = ${formatNumber(toyTolerance, 3)} (MEDIANSGD's contraction)`,
        ),
        judgedCheck(
          'SIGNSGD stalls at a2',
          atMost(signStall, signLr, signLr * FLOAT_TOL),
          `max over t ≥ T/2 of |x_t − a2| = ${formatNumber(signStall)}; tolerance δ = ${formatNumber(signLr)} (SIGNSGD moves exactly δ per step)`,
        ),
        judgedCheck(
          'SIGNSGD: |∇f(x_T)| = gap',
          within(signGradient, gap, signLr * (1 + FLOAT_TOL)),
          `|∇f(x_T)| = ${formatNumber(signGradient, 8)}, predicted ${gap}, tolerance δ = ${formatNumber(signLr)}`,
        ),
        judgedCheck(
          'MEDIANSGD converges to a2',
          atMost(medDistance, 0, FLOAT_TOL),
          `|x_T − a2| = ${formatNumber(medDistance)} after T = ${MEDIAN_STEPS} steps of δ = ${MEDIAN_LR}; tolerance ${FLOAT_TOL}`,
        ),
        judgedCheck(
          'MEDIANSGD: ‖∇f(x_T)‖² = gap²',
          within(medGradientSq, gap * gap, FLOAT_TOL),
          `‖∇f(x_T)‖² = ${formatNumber(medGradientSq, 12)}, predicted ${gap * gap}; tolerance ${FLOAT_TOL}`,
        ),
        judgedCheck(
          'gap term equals |(2a2 − a1 − a3)/3| along the run',
          atMost(gapTermError, 0, FLOAT_TOL),
          `max deviation of ‖median(∇f_i(x_t)) − ∇f(x_t)‖₁ from ${gap} over both runs: ${formatNumber(gapTermError)}; tolerance ${FLOAT_TOL}`,
        ),
        judgedCheck(
          'property over random a1 < a2 < a3',
          propertyCriterion(property),
          property.failed
            ? `counterexample ${property.counterexample}`
            : `${property.numRuns} random problems (a_i, x_1 in [−10, 10], step 0.01): MEDIANSGD limit a2 and gap within ${FLOAT_TOL}·(1 + max|a|); SIGNSGD (δ = ${propertySignLr}, T = ${propertySignSteps}) within δ`,
        ),
        judgedCheck(
          'noisy versions move toward the mean (exact stall points)',
          gapsShrink,
          `|∇f(x*)| at the point where the expected step vanishes (exact engine), ${describeGaps(exactGaps)} (below 1 and decreasing)`,
        ),
        judgedCheck(
          'Noisy MEDIANSGD chains settle at the exact stall point',
          chainsAgree,
          `${chains} chains per b, average over t ≥ T/2: ${medianRows.map((row) => `b = ${row.b}: ${formatNumber(row.limit, 5)} ± ${formatNumber(row.standardError, 2)} vs exact ${formatNumber(row.exact, 5)} (t = ${formatNumber(row.t, 3)})`).join('; ')}; critical t = ${formatNumber(tCritical, 3)} (α = 1e-4, ${chains - 1} degrees of freedom)`,
        ),
      ],
      negativeControls: [
        judgedControl(
          {
            name: 'wrong variant: the noisy chains still stall at a2',
            description:
              'The chain test of Noisy MEDIANSGD with the stall point predicted at a2 = 1 (no effect of the noise).',
            detail: `t statistics against a2: ${medianRows.map((row) => formatNumber(Math.abs(row.limit - A[1]) / row.standardError, 3)).join(', ')} vs critical ${formatNumber(tCritical, 3)}`,
          },
          anyOfEach(
            medianRows,
            (row) => `b = ${row.b}`,
            (row) => atMost(Math.abs(row.limit - A[1]) / row.standardError, tCritical),
          ),
        ),
        judgedControl(
          {
            name: 'wrong variant: the limit is a stationary point',
            description:
              'The same property with the limit predicted at mean(a) and gap 0 (what mean-based SGD would give).',
            detail: describeOutcome(wrongLimit),
            counterexample: wrongLimit.counterexample,
          },
          propertyCriterion(wrongLimit),
        ),
        judgedControl(
          {
            name: 'wrong variant: gap |a3 − a1|/3',
            description: 'The same property with a wrong gap formula.',
            detail: describeOutcome(wrongGap),
            counterexample: wrongGap.counterexample,
          },
          propertyCriterion(wrongGap),
        ),
        judgedControl(
          {
            name: 'broken hypothesis: asymmetric noise (centred exponential)',
            description:
              'The exact stall gaps of the noisy algorithms with ξ ~ Exp(1) − 1, through the same "below 1 and decreasing in b" criterion: its median is not its mean, so the stall point moves away from the mean as b grows.',
            detail: describeGaps(asymmetricGaps),
          },
          gapsShrinkCriterion(asymmetricGaps),
        ),
        judgedControl(
          {
            name: 'broken hypothesis: mean aggregation',
            description: 'Distributed SGD (mean of the local gradients) run through the same "stalls at a2" check.',
            detail: `SGD ends at x_T = ${formatNumber(sgd.x1[MEDIAN_STEPS], 8)}: |x_T − a2| = ${formatNumber(sgdDistanceToA2)} against the tolerance ${FLOAT_TOL}, ‖∇f(x_T)‖ = ${formatNumber(sgd.gradNormL1[MEDIAN_STEPS])}`,
          },
          atMost(sgdDistanceToA2, 0, FLOAT_TOL),
        ),
      ],
      measurements: {
        gapPredicted: gap,
        figure1Gap,
        figure1MedianSgdGradNorm: toyGradient,
        figure1FinalX: Object.values(toyRuns).map((trace) => trace.x1[TOY.steps]),
        figure1Labels: Object.keys(toyRuns),
        signsgdFinalX: sign.x1[signSteps],
        signsgdGradNorm: signGradient,
        mediansgdFinalX: med.x1[MEDIAN_STEPS],
        mediansgdGradNormSq: medGradientSq,
        gapTermMaxError: gapTermError,
        propertyRuns: property.numRuns,
        noisyLimits: noisyRows.map((row) => row.limit),
        noisyLimitLabels: noisyRows.map((row) => `${row.algorithm} b=${row.b}`),
      },
      keyFigure: `MEDIANSGD ‖∇f(x_T)‖² = ${formatNumber(medGradientSq, 10)} (gap² = ${gap * gap} ± ${FLOAT_TOL}); SIGNSGD |∇f(x_T)| = ${formatNumber(signGradient, 6)} (gap ${gap} ± δ = ${formatNumber(signLr)})`,
      sections: [
        {
          title: 'Method',
          body: [
            `Full-gradient runs of the library's \`runAlgorithm\` on \`scalar:0,1,5\` from x_1 = ${X0}:`,
            `SIGNSGD with T = ${signSteps}, δ = 1/√T; MEDIANSGD with δ = ${MEDIAN_LR} (< 2/L = 2), T = ${MEDIAN_STEPS}. The gap term (37) is recorded at every iterate.`,
            `A fast-check property (${propertyRuns} runs, seed ${property.seed}) repeats the construction for random a1 < a2 < a3.`,
            `Noisy versions: the exact point x* where the expected step vanishes comes from the order-statistic engine (for Noisy SIGNSGD, P(median > 0) = 1/2; for Noisy MEDIANSGD, E[median] = 0). ${chains} independent chains per (algorithm, b), δ = ${noisyLr}, T = ${noisySteps}, Gaussian ξ, illustrate it; a chain's limit is its average over t ≥ T/2, with the standard error taken across chains. (Noisy SIGNSGD's chains average slightly off x* because its expected step is not linear in x; only Noisy MEDIANSGD's chains are tested.)`,
          ].join('\n'),
        },
        {
          title: 'Where the noisy algorithms settle',
          body: markdownTable(
            ['algorithm', 'b', 'limit (mean over chains)', 'standard error', 'exact stall point x*', '|limit − x*|/se'],
            noisyRows.map((row) => [
              row.algorithm,
              row.b,
              formatNumber(row.limit, 5),
              formatNumber(row.standardError, 3),
              formatNumber(row.exact, 6),
              formatNumber(row.t, 3),
            ]),
          ),
        },
      ],
      figures,
      sampleSizes: {
        signsgdSteps: signSteps,
        mediansgdSteps: MEDIAN_STEPS,
        propertyRuns,
        noisyChains: chains,
        noisySteps,
      },
    };
  },
};
