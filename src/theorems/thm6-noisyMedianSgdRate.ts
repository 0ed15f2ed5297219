// Theorem 6 (App. H, equations (91)–(94)): Noisy MEDIANSGD with δ ≤ 1/(2L) satisfies (92); with
// ‖∇f − E[median|x]‖ = O(√d/b) (93), σ_m² = O(b²), b = T^{1/6}d^{1/6} and δ = T^{−2/3}d^{−2/3},
// (1/T)Σ_t E‖∇f(x_t)‖² = O(d^{2/3}/T^{1/3}) (94).
import { centredExponential } from '../distributions/centredExponential.ts';
import { gaussian } from '../distributions/gaussian.ts';
import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { fitLogLogSlope, fitLogLogSlopeWeighted } from '../estimators/fitLogLogSlope.ts';
import { replicatedRuns } from '../estimators/replicatedRuns.ts';
import { stationaryGaps } from '../estimators/stationaryGap.ts';
import { heterogeneousQuadratic } from '../problems/heterogeneousQuadratic.ts';
import { heterogeneousLogistic } from '../problems/heterogeneousLogistic.ts';
import type { Problem } from '../problems/Problem.ts';
import { runAlgorithm } from '../algorithms/runAlgorithm.ts';
import { formatNumber } from '../format/formatNumber.ts';
import { markdownTable } from '../format/markdownTable.ts';
import { rateFigureSpec, type RateRow } from '../format/rateFigure.ts';
import type { Claim, Evidence, VerifyContext } from './Claim.ts';
import { claimMetadata } from './claimRegistry.ts';
import { judgedCheck, judgedControl } from './judged.ts';
import { judge } from '../verdict/judge.ts';
import { atMost, noCounterexample } from '../verdict/criteria.ts';
import { refutation, refutationCriterion } from './stallSearchInstance.ts';
import { EXPONENT_TOLERANCE, octaves } from './theorem4Sweep.ts';
import {
  BOUND92_ALPHA,
  bound92,
  describeBound92Instance,
  searchBound92,
  searchInstance,
  type Bound92Instance,
  type Bound92Variant,
} from './theorem6Bound.ts';

/** A heterogeneous quadratic with M = 5 nodes and d coordinates (minimisers and curvatures from the seed). */
function problemFor(context: VerifyContext, d: number) {
  const stream = context.stream('problem', d);
  const minimisers = Array.from({ length: 5 }, () =>
    Array.from({ length: d }, () => Math.round((stream.next() * 8 - 4) * 100) / 100),
  );
  const curvatures = Array.from({ length: 5 }, () =>
    Array.from({ length: d }, () => Math.round((0.5 + stream.next()) * 100) / 100),
  );
  return heterogeneousQuadratic(minimisers, curvatures, `quadratic M = 5, d = ${d}`);
}

/** (94)'s rate in T and (93)'s gap in b, each one constant for its check and the control that must fail it. */
const RATE_EXPONENT = -1 / 3;
const GAP_EXPONENT = -1;

/**
 * The d-family: the same five minimisers a_i·(1/√d) on every coordinate, curvature 1. D_f from the
 * stall point (½·gap² with gap the median–mean gap of a) and L = 1 do not change with d, so the
 * measured exponent in d can be held against the bound's d^{2/3}.
 */
const D_FAMILY = [-1.5, -0.2, 0, 0.7, 4];
function dFamilyProblem(d: number) {
  return heterogeneousQuadratic(
    D_FAMILY.map((a) => Array.from({ length: d }, () => a / Math.sqrt(d))),
    undefined,
    `a = (${D_FAMILY.join(', ')})/√d on each of d = ${d} coordinates`,
  );
}

/**
 * MEDIANSGD's stall point (median of the local gradients = 0), found by running MEDIANSGD with
 * δ = 1/(2L) to convergence. Starting there, plain MEDIANSGD stays at ‖∇f‖² = gap², so the noiseless
 * control cannot pass for a transient, and the noisy runs must leave the stall point to converge.
 */
function stallPoint(problem: Problem): Float64Array {
  return runAlgorithm({ algorithm: 'mediansgd', problem, steps: 4000, lr: 1 / (2 * problem.L) }).x;
}

interface Schedule {
  readonly name: string;
  readonly predicted: number;
  b(T: number, d: number): number;
  lr(T: number, d: number): number;
}

const paperSchedule: Schedule = {
  name: 'paper: b = (Td)^{1/6}, δ = (Td)^{−2/3}',
  predicted: -1 / 3,
  b: (T, d) => (T * d) ** (1 / 6),
  lr: (T, d) => (T * d) ** (-2 / 3),
};
/**
 * With the measured bias O(1/b²) (thm4a-bias), the gap term of (92) is O(d/b⁴) instead of O(d/b²).
 * Balancing D_f/(Tδ), d/b⁴ and dδb² gives b = (Td)^{1/10}, δ = (Td)^{−3/5} and the rate T^{−2/5}.
 */
const sharperSchedule: Schedule = {
  name: 'sharper: b = (Td)^{1/10}, δ = (Td)^{−3/5}',
  predicted: -2 / 5,
  b: (T, d) => (T * d) ** (1 / 10),
  lr: (T, d) => (T * d) ** (-3 / 5),
};

export const thm6: Claim = {
  ...claimMetadata('thm6'),
  statement:
    'For $\\delta \\le 1/(2L)$: $\\frac1T\\sum_t\\mathbb E\\|\\nabla f(x_t)\\|^2 \\le \\frac{2D_f}{T\\delta} + \\frac1T\\sum_t\\mathbb E\\|\\nabla f(x_t) - \\mathbb E[\\mathrm{median}(\\{g_t\\})|x_t]\\|^2 + 2Ld\\delta\\sigma_m^2$ (92), with $\\|\\nabla f - \\mathbb E[\\mathrm{median}|x]\\| = O(\\sqrt d/b)$ (93) and $\\sigma_m^2 = O(b^2)$. ' +
    'With $b = T^{1/6}d^{1/6}$ and $\\delta = T^{-2/3}d^{-2/3}$ every term is $O(d^{2/3}/T^{1/3})$ (94).',
  hypotheses: [
    '$f$ is $L$-smooth',
    '$\\delta \\le 1/(2L)$',
    '$\\xi$ symmetric, unimodal, variance 1 (Gaussian here)',
    '$M$ odd',
  ],
  async verify(context): Promise<Evidence> {
    const runs = { quick: 8, default: 16, full: 64 }[context.preset];
    // The rate verdict rests on the paper schedule's fit: more runs there, where power against the
    // wrong rate T^{−1/2} needs them (8 runs left a standard error of up to 0.04 at the quick preset).
    const rateRuns = { quick: 32, default: 32, full: 64 }[context.preset];
    const Ts = context.preset === 'quick' ? [10, 100, 1000, 10000] : [10, 32, 100, 316, 1000, 3162, 10000];
    const d = 4;
    const problem = problemFor(context, d);
    const x0 = stallPoint(problem);
    const Df = problem.f(x0) - problem.minValue;
    const lrCap = 1 / (2 * problem.L);

    const measure = (schedule: Schedule, T: number, dimension: number, prob = problem, start = x0, replicas = runs) =>
      replicatedRuns(
        {
          algorithm: 'noisy-mediansgd',
          problem: prob,
          steps: T,
          lr: Math.min(schedule.lr(T, dimension), lrCap),
          b: schedule.b(T, dimension),
          x0: start,
        },
        replicas,
        (r) => context.stream('run', schedule.name, T, dimension, r),
        (trace) => {
          let total = 0;
          for (let t = 0; t < T; t++) total += trace.gradNormL2Sq[t];
          return total / T;
        },
      );
    const rows: Array<{ schedule: Schedule; T: number; stat: ReturnType<typeof measure> }> = [];
    for (const schedule of [paperSchedule, sharperSchedule])
      for (const T of Ts)
        rows.push({
          schedule,
          T,
          stat: measure(schedule, T, d, problem, x0, schedule === paperSchedule ? rateRuns : runs),
        });
    // Where the bound's descent term 2D_f/(Tδ) alone exceeds ‖∇f(x_1)‖², the bound says nothing the
    // start does not, and the measured average is flat there (it cannot much exceed ‖∇f(x_1)‖²):
    // exponents are fitted over the T where the bound is informative, at least the three largest.
    const startGradient = problem.gradient(x0).reduce((total, g) => total + g * g, 0);
    const informativeTs = (schedule: Schedule) => {
      const informative = Ts.filter((T) => (2 * Df) / (T * Math.min(schedule.lr(T, d), lrCap)) <= startGradient);
      return informative.length >= 3 ? informative : Ts.slice(-3);
    };
    const fitFor = (schedule: Schedule, range = informativeTs(schedule)) => {
      const own = rows.filter((r) => r.schedule === schedule && range.includes(r.T));
      const weighted = fitLogLogSlopeWeighted(
        own.map((r) => r.T),
        own.map((r) => r.stat.mean),
        own.map((r) => r.stat.standardError),
      );
      return {
        ...weighted,
        range,
        ci95: [weighted.slope - 1.96 * weighted.standardError, weighted.slope + 1.96 * weighted.standardError] as const,
      };
    };
    // One-sided test at level 1e-3 (z = 3.09): an exponent is "above" a claimed value only if it
    // exceeds it by more than 3.09 standard errors (the errors come from the runs per point). The
    // tolerance allows for a finite range: (94) is asymptotic, and the measured T^{1/3}·average
    // rises over the first decades before it settles (the report lists it per T).
    const Z = 3.09;
    const paperFit = fitFor(paperSchedule);
    const sharperFit = fitFor(sharperSchedule);
    const paperRows = rows.filter((r) => r.schedule === paperSchedule);
    const paperFitAllT = fitFor(paperSchedule, Ts);
    const localExponents = paperRows
      .slice(1)
      .map((r, i) => Math.log(r.stat.mean / paperRows[i].stat.mean) / Math.log(r.T / paperRows[i].T));
    // The rate check's criterion without the allowance (a NaN slope passes neither).
    const passesWithoutTolerance = judge(atMost(paperFit.slope, RATE_EXPONENT, Z * paperFit.standardError)).passed;

    // Against d at fixed T (paper schedule), on a family whose D_f and L do not depend on d.
    const ds = context.preset === 'quick' ? [1, 4, 16] : [1, 2, 4, 8, 16, 32];
    const TforD = context.preset === 'quick' ? 300 : 3000;
    const dRows = ds.map((dimension) => {
      const prob = dFamilyProblem(dimension);
      const start = stallPoint(prob);
      return {
        d: dimension,
        Df: prob.f(start) - prob.minValue,
        L: prob.L,
        stat: measure(paperSchedule, TforD, dimension, prob, start),
      };
    });
    const dFit = fitLogLogSlopeWeighted(
      dRows.map((r) => r.d),
      dRows.map((r) => r.stat.mean),
      dRows.map((r) => r.stat.standardError),
    );

    // The same schedule on heterogeneous logistic regression (M = 5, d = 4, 50 examples per node), from 0:
    // reported, not judged, so the quick preset (npm test, calibration) leaves it out.
    const logistic = heterogeneousLogistic(5, d, 50, context.stream('logistic'));
    const logisticRows =
      context.preset === 'quick'
        ? []
        : Ts.map((T) => ({ T, stat: measure(paperSchedule, T, d, logistic, new Float64Array(d)) }));
    const logisticFit =
      logisticRows.length === 0
        ? undefined
        : fitLogLogSlopeWeighted(
            logisticRows.map((r) => r.T),
            logisticRows.map((r) => r.stat.mean),
            logisticRows.map((r) => r.stat.standardError),
          );

    // Broken hypothesis: no noise (MEDIANSGD, b → 0) stalls at the median–mean gap.
    const stall = Ts.map(
      (T) =>
        replicatedRuns(
          { algorithm: 'mediansgd', problem, steps: T, lr: Math.min(paperSchedule.lr(T, d), lrCap), x0 },
          1,
          () => context.stream('unused'),
          (trace) => {
            let total = 0;
            for (let t = 0; t < T; t++) total += trace.gradNormL2Sq[t];
            return total / T;
          },
        ).mean,
    );
    const stallFit = fitLogLogSlope(Ts, stall);

    // (93) and the closing of the gap: the stationary gap of Noisy MEDIANSGD on a = (0, 1, 5).
    const bs = octaves(-2, 10);
    // Each gap with its exponent over b ≥ 16; the control's centred exponential ξ has a median that
    // is not centred, so its gap grows like b.
    const gapsOf = (family: NoiseFamily) => {
      const values = bs.map((b) => stationaryGaps([0, 1, 5], b, family).medianSgd);
      const fit = fitLogLogSlope(
        bs.filter((b) => b >= 16),
        values.filter((_, i) => bs[i] >= 16),
      );
      return { values, fit };
    };
    const { values: gaps, fit: gapFit } = gapsOf(gaussian);
    const { values: skewedGaps, fit: skewedGapFit } = gapsOf(centredExponential);

    // (92) with every term exact, and (91) at every visited state: the family the proof makes tight
    // (MEDIANSGD's stall point, small b and δ) and a worst-case search over problems; each candidate
    // is confirmed on twice the runs with fresh streams.
    const sizes92 = {
      quick: { runs: 3, T: 12, starts: 1, evaluationsPerDimension: 5 },
      default: { runs: 6, T: 30, starts: 2, evaluationsPerDimension: 10 },
      full: { runs: 12, T: 60, starts: 4, evaluationsPerDimension: 20 },
    }[context.preset];
    const tightCorner = searchInstance([-2, -3, 0, 1], context.seed, sizes92.T);
    const confirm = (instance: Bound92Instance, variant: Bound92Variant) =>
      bound92(instance, 2 * sizes92.runs, context.seed, ['bound92', 'confirm', variant], variant);
    const search92 = await searchBound92(context.seed, sizes92);
    const candidates92 = [tightCorner, ...(search92.instance === undefined ? [] : [search92.instance])].map(
      (instance) => ({ instance, outcome: confirm(instance, 'claimed') }),
    );
    const worst92 = candidates92.reduce((best, candidate) =>
      candidate.outcome.largestRunRatio > best.outcome.largestRunRatio ? candidate : best,
    );
    const tightenedSearch = await searchBound92(context.seed, sizes92, 'tightened by 10%');
    const noGapSearch = await searchBound92(context.seed, sizes92, 'without the gap term');
    const tightenedRefutation = refutation(
      tightCorner,
      tightenedSearch.instance,
      (instance) => confirm(instance, 'tightened by 10%').violated,
    );
    const noGapRefutation = refutation(
      tightCorner,
      noGapSearch.instance,
      (instance) => confirm(instance, 'without the gap term').violated,
    );
    const tightenedRefuted = tightenedRefutation !== 'not refuted';
    const states91 = candidates92.reduce((total, c) => total + c.outcome.step91.states, 0);
    const slack91 = Math.min(...candidates92.map((c) => c.outcome.step91.smallestSlack));
    const violations91 = candidates92.reduce((total, c) => total + c.outcome.step91.violations, 0);
    // The same (91) check with the gap term dropped, on the tight family (at MEDIANSGD's stall point).
    const noGap91 = confirm(tightCorner, 'without the gap term').step91;
    const evaluations92 = search92.evaluations + candidates92.length;

    const figureRows: RateRow[] = [];
    for (const r of rows)
      figureRows.push({ panel: 'rate in T (d = 4)', b: r.T, value: r.stat.mean, series: r.schedule.name });
    for (const [i, T] of Ts.entries())
      figureRows.push({
        panel: 'rate in T (d = 4)',
        b: T,
        value: stall[i],
        series: 'MEDIANSGD without noise (control)',
      });

    return {
      checks: [
        judgedCheck(
          '(92) with every term exact: no trajectory breaks it, nor its expectation',
          noCounterexample(
            candidates92.length,
            candidates92.filter((c) => c.outcome.violated).length,
            candidates92.length * BOUND92_ALPHA,
          ),
          `E[median | x_t] and the median's variance exact at every step (σ_m² the largest met); on ${candidates92.length} instances (the tight family and the worst of a ${search92.evaluations}-evaluation search), ${2 * sizes92.runs} runs of T = ${sizes92.T} each: largest left/right of a trajectory ${formatNumber(worst92.outcome.largestRunRatio, 8)} with the conditional descent E[f(x_{t+1}) | x_t] (must be ≤ 1 on every run); printed form (realised f(x_{T+1})): left − right = ${formatNumber(worst92.outcome.difference, 4)} ± ${formatNumber(worst92.outcome.standardError, 2)}, fails if significantly positive (one-sided t-test, α = ${BOUND92_ALPHA} per instance)`,
        ),
        judgedCheck(
          '(91) as printed at every visited state',
          noCounterexample(states91, violations91),
          `${states91} states, both sides exact given x_t: smallest relative slack ${formatNumber(slack91, 4)}, ${violations91} violations`,
        ),
        judgedCheck(
          "rate in T under the paper's schedule: exponent ≤ −1/3",
          atMost(paperFit.slope, RATE_EXPONENT, EXPONENT_TOLERANCE + Z * paperFit.standardError, 1e-3),
          `(1/T)Σ E‖∇f(x_t)‖² over T = ${paperFit.range.join(', ')}, where the bound is informative (2D_f/(Tδ) ≤ ‖∇f(x_1)‖² = ${formatNumber(startGradient, 4)}; ${rateRuns} runs each, d = ${d}, M = 5): fitted exponent ${formatNumber(paperFit.slope, 4)} ± ${formatNumber(paperFit.standardError, 2)} (weighted by the Monte Carlo errors); fails if it exceeds −1/3 + ${EXPONENT_TOLERANCE} by more than ${Z} standard errors; ${passesWithoutTolerance ? `it passes without the ${EXPONENT_TOLERANCE} too` : `it passes only with the ${EXPONENT_TOLERANCE}`}`,
        ),
        judgedCheck(
          'dependence on d: exponent ≤ 2/3 at fixed D_f and L',
          atMost(dFit.slope, 2 / 3, Z * dFit.standardError, 1e-3),
          `(1/T)Σ E‖∇f‖² at T = ${TforD} for d = ${ds.join(', ')} (${runs} runs each) on the same problem on every coordinate, scaled so that D_f = ${formatNumber(dRows[0].Df, 4)} and L = ${formatNumber(dRows[0].L, 3)} for every d: fitted exponent ${formatNumber(dFit.slope, 4)} ± ${formatNumber(dFit.standardError, 2)}; fails if it exceeds 2/3 by more than ${Z} standard errors (no tolerance)`,
        ),
        judgedCheck(
          'the median–mean gap closes as b grows (93)',
          atMost(gapFit.slope, GAP_EXPONENT, EXPONENT_TOLERANCE),
          `exact stationary gap |x* − ā| of Noisy MEDIANSGD on a = (0, 1, 5), Gaussian ξ, b = 16 … 1024: exponent ${formatNumber(gapFit.slope, 4)} (claimed O(1/b), i.e. ≤ −1 + ${EXPONENT_TOLERANCE})`,
        ),
      ],
      negativeControls: [
        judgedControl(
          {
            name: 'wrong variant: (92) with its right-hand side tightened by 10%',
            description:
              'The same worst-case search and confirmation against 0.9 × the right-hand side of (92): the bound is tight, so the tightened one must fail.',
            detail: `search supremum of left/(0.9·right) ${formatNumber(tightenedSearch.supremum, 4)}: ${tightenedRefutation}`,
          },
          refutationCriterion(tightenedRefutation, tightenedSearch.instance),
        ),
        judgedControl(
          {
            name: 'wrong variant: (92) without its gap term',
            description:
              'The same search against 2D_f/(Tδ) + 2Ldδσ_m² alone: the median–mean gap is what the noise must close.',
            detail: `search supremum ${formatNumber(noGapSearch.supremum, 4)}${noGapSearch.instance === undefined ? '' : ` at ${describeBound92Instance(noGapSearch.instance)}`}: ${noGapRefutation}`,
          },
          refutationCriterion(noGapRefutation, noGapSearch.instance),
        ),
        judgedControl(
          {
            name: 'wrong variant: (91) without its gap term',
            description:
              "At MEDIANSGD's stall point the median is far from the mean: without (δ/2)‖∇f − E[median]‖² the step's right-hand side falls below E[f(x_{t+1}) | x_t] − f(x_t), so the same (91) check must find violations.",
            detail: `tight family: ${noGap91.violations} of ${noGap91.states} states violated, smallest relative slack ${formatNumber(noGap91.smallestSlack, 4)}`,
          },
          noCounterexample(noGap91.states, noGap91.violations),
        ),
        judgedControl(
          {
            name: 'broken hypothesis: no noise (plain MEDIANSGD)',
            description: 'The same rate check on MEDIANSGD with the same δ but b = 0: the gap term does not vanish.',
            detail: `exponent ${formatNumber(stallFit.slope, 4)}: started at its stall point it stays there, (1/T)Σ‖∇f‖² = ${formatNumber(stall[stall.length - 1], 4)} for every T`,
          },
          atMost(stallFit.slope, RATE_EXPONENT, EXPONENT_TOLERANCE),
        ),
        judgedControl(
          {
            name: 'broken hypothesis: asymmetric noise in (93)',
            description:
              'Centred exponential ξ: the median of the noise is not 0, so the stationary gap grows with b; the same gap check must fail.',
            detail: `exact stationary gap on a = (0, 1, 5): exponent over b ≥ 16 ${formatNumber(skewedGapFit.slope, 4)}, gap at b = ${bs[bs.length - 1]} ${formatNumber(skewedGaps[skewedGaps.length - 1], 4)}`,
          },
          atMost(skewedGapFit.slope, GAP_EXPONENT, EXPONENT_TOLERANCE),
        ),
        judgedControl(
          {
            name: 'wrong variant: no dependence on d',
            description: 'The same d check against a claimed exponent 0.',
            detail: `measured ${formatNumber(dFit.slope, 4)} ± ${formatNumber(dFit.standardError, 2)}, refuted when more than ${Z} standard errors above 0`,
          },
          atMost(dFit.slope, 0, Z * dFit.standardError, 1e-3),
        ),
        judgedControl(
          {
            name: 'wrong variant: rate T^{−1/2}',
            description: "The same check with a claimed exponent of −1/2 under the paper's schedule.",
            detail: `measured ${formatNumber(paperFit.slope, 4)} ± ${formatNumber(paperFit.standardError, 2)}, refuted when more than ${Z} standard errors above −1/2 + ${EXPONENT_TOLERANCE}`,
          },
          atMost(paperFit.slope, -1 / 2, EXPONENT_TOLERANCE + Z * paperFit.standardError, 1e-3),
        ),
      ],
      proofSteps: [
        {
          equation: '(91)',
          method: 'quadrature',
          instances: states91,
          measure: 'slack',
          worst: slack91,
          verdict: violations91 === 0 ? 'holds' : 'violated',
          note: "E[f(x_{t+1}) | x_t] − f(x_t) against the printed right-hand side at every state visited by the (92) runs; the printed coefficient −(δ² − Lδ/2) of ‖E[median | x_t]‖² is weaker than the descent lemma's −(δ/2 − Lδ²/2), so it holds with room",
        },
        {
          equation: '(92)',
          method: 'worst-case search',
          alpha: BOUND92_ALPHA,
          instances: evaluations92,
          measure: 'ratio',
          worst: worst92.outcome.largestRunRatio,
          instance: describeBound92Instance(worst92.instance),
          verdict: candidates92.some((c) => c.outcome.violated) ? 'violated' : 'holds',
          note: `tight (sup → 1) at MEDIANSGD's stall point with b and δ small, where E[median | x_t] ≈ 0 and the gap term carries the whole bound; 10% tightening ${tightenedRefuted ? 'refuted' : 'not refuted'}; printed form with the realised f(x_{T+1}): left/right ${formatNumber(worst92.outcome.ratioRealized, 4)}, t-test at α = ${BOUND92_ALPHA}`,
        },
      ],
      measurements: {
        tightestRatio92: worst92.outcome.largestRunRatio,
        tightestRatio92Instance: describeBound92Instance(worst92.instance),
        tightestRatio92Printed: worst92.outcome.ratioRealized,
        step91SmallestSlack: slack91,
        exponentT: paperFit.slope,
        exponentTci95: [...paperFit.ci95],
        exponentTStandardError: paperFit.standardError,
        exponentTRange: paperFit.range,
        exponentTPassesWithoutTolerance: passesWithoutTolerance,
        exponentTAllT: paperFitAllT.slope,
        exponentTSharper: sharperFit.slope,
        exponentD: dFit.slope,
        ...(logisticFit === undefined ? {} : { exponentTLogistic: logisticFit.slope }),
        stationaryGapExponent: gapFit.slope,
        controlExponent: stallFit.slope,
      },
      keyFigure: `exponent in T ${formatNumber(paperFit.slope, 3)} ± ${formatNumber(paperFit.standardError, 2)} (claimed ≤ −1/3; tolerance ${EXPONENT_TOLERANCE} + ${Z} standard errors, ${passesWithoutTolerance ? `passes without the ${EXPONENT_TOLERANCE}` : `the ${EXPONENT_TOLERANCE} needed`}); sharper schedule ${formatNumber(sharperFit.slope, 3)} (predicted −2/5)`,
      sections: [
        {
          title: 'Method',
          body: `Noisy MEDIANSGD (Gaussian ξ, full local gradients) on a heterogeneous quadratic with M = 5 nodes, d = ${d} (minimisers in [−4, 4], curvatures in [0.5, 1.5] from the seed; L = ${formatNumber(problem.L, 4)}, D_f = ${formatNumber(Df, 4)} from x_1 = MEDIANSGD's stall point, where the median of the local gradients is 0 and ‖∇f(x_1)‖² = ${formatNumber(
            startGradient,
            4,
          )}). δ is capped at 1/(2L). Each point averages ${runs} independent runs (${rateRuns} for the paper schedule's rate in T); exponents are least-squares slopes on log-log axes with 95% intervals.`,
        },
        {
          title: "Rate in T: the paper's schedule beside the schedule the measured bias implies",
          body: [
            markdownTable(
              ['T', ...[paperSchedule, sharperSchedule].map((s) => `${s.name}: (1/T)ΣE‖∇f‖² ± se`)],
              Ts.map((T) => [
                T,
                ...[paperSchedule, sharperSchedule].map((s) => {
                  const stat = rows.find((r) => r.schedule === s && r.T === T)!.stat;
                  return `${formatNumber(stat.mean, 4)} ± ${formatNumber(stat.standardError, 2)}`;
                }),
              ]),
            ),
            '',
            markdownTable(
              ['T', '2D_f/(Tδ)', 'T^{1/3}·(1/T)ΣE‖∇f‖² (paper)', 'local exponent from the previous T'],
              paperRows.map((r, i) => [
                r.T,
                formatNumber((2 * Df) / (r.T * Math.min(paperSchedule.lr(r.T, d), lrCap)), 4),
                formatNumber(r.T ** (1 / 3) * r.stat.mean, 4),
                i === 0 ? '' : formatNumber(localExponents[i - 1], 3),
              ]),
            ),
            '',
            `The rate check fits the paper schedule's exponent over T = ${paperFit.range.join(', ')}, where 2D_f/(Tδ) ≤ ‖∇f(x_1)‖² = ${formatNumber(startGradient, 4)}: below that T the bound says nothing the start does not, and the measured average stays near ‖∇f(x_1)‖² (over every T the fit gives ${formatNumber(paperFitAllT.slope, 4)}). (94) is asymptotic: T^{1/3}·average settles to a constant (the rate is attained) after rising over the first decades, so a fit over a finite range can sit slightly above −1/3; the check allows ${EXPONENT_TOLERANCE} for that and says whether it needed it (${passesWithoutTolerance ? 'not here' : 'here it did'}). The wrong rate T^{−1/2} gets the same allowance and must still be refuted.`,
            '',
            `Fitted exponents (weighted least squares, 95% intervals from the Monte Carlo errors): paper ${formatNumber(paperFit.slope, 4)} [${formatNumber(paperFit.ci95[0], 4)}, ${formatNumber(paperFit.ci95[1], 4)}] (bound: −1/3); sharper ${formatNumber(sharperFit.slope, 4)} [${formatNumber(sharperFit.ci95[0], 4)}, ${formatNumber(sharperFit.ci95[1], 4)}] (predicted −2/5). thm4a-bias measures the noisy median's bias as O(1/b²), so the gap term of (92) is O(d/b⁴); balancing 2D_f/(Tδ), d/b⁴ and 2Ldδσ_m² = O(dδb²) gives b = (Td)^{1/10}, δ = (Td)^{−3/5} and O(d^{3/5}/T^{2/5}).`,
          ].join('\n'),
        },
        {
          title: 'Dependence on d (paper schedule, T = ' + TforD + ')',
          body: `${markdownTable(
            ['d', 'D_f', 'L', '(1/T)ΣE‖∇f‖² ± se'],
            dRows.map((r) => [
              r.d,
              formatNumber(r.Df, 4),
              formatNumber(r.L, 3),
              `${formatNumber(r.stat.mean, 4)} ± ${formatNumber(r.stat.standardError, 2)}`,
            ]),
          )}\n\nThe same five minimisers a = (${D_FAMILY.join(', ')}), scaled by 1/√d, on every coordinate, curvature 1, started at MEDIANSGD's stall point: D_f and L do not change with d, so the exponent measures the bound's d-dependence alone. Fitted exponent in d (weighted by the Monte Carlo errors): ${formatNumber(dFit.slope, 3)} ± ${formatNumber(dFit.standardError, 2)}, against the bound's d^{2/3}.`,
        },
        {
          title: '(92) with every term computed',
          body: [
            `Each term of (92) along trajectories of Noisy MEDIANSGD on heterogeneous quadratics (M = 5, d = 2): E[median({g_t}) | x_t] and the median's variance per coordinate from the order-statistic CDF (fixed-rule quadrature, agreeing with the adaptive engine to 1e-11), σ_m² the largest variance met, and 2/(Tδ)(f(x_1) − f(x_{T+1})) both as realised (the printed form; Monte Carlo over runs, one-sided t-test at α = ${BOUND92_ALPHA}) and as Σ_t (f(x_t) − E[f(x_{t+1}) | x_t]) with the inner expectation exact (f is a separable quadratic): the same expectation without the martingale noise, so left/right ≤ 1 must hold on every trajectory.`,
            '',
            markdownTable(
              [
                'instance',
                'E[(1/T)Σ‖∇f‖²]',
                'descent (realised / conditional)',
                'gap term',
                '2Ldδσ_m²',
                'left/right (largest run)',
                'printed: left − right',
              ],
              candidates92.map((c) => [
                describeBound92Instance(c.instance),
                formatNumber(c.outcome.left, 4),
                `${formatNumber(c.outcome.descent, 4)} / ${formatNumber(c.outcome.descentConditional, 4)}`,
                formatNumber(c.outcome.gap, 4),
                formatNumber(c.outcome.varianceTerm, 4),
                formatNumber(c.outcome.largestRunRatio, 6),
                `${formatNumber(c.outcome.difference, 4)} ± ${formatNumber(c.outcome.standardError, 2)}`,
              ]),
            ),
            '',
            `Worst-case search (NLopt Subplex over log b, log δ·2L, the start and the curvature spread; ${search92.evaluations} evaluations): supremum ${formatNumber(search92.supremum, 6)}. The bound is tight: at MEDIANSGD's stall point with small b and δ the expected median is nearly 0, ‖∇f‖² equals the gap term and the other terms vanish. Controls: 0.9 × right is ${tightenedRefuted ? 'refuted' : 'not refuted'} (supremum ${formatNumber(tightenedSearch.supremum, 4)}); without the gap term ${noGapRefutation} (supremum ${formatNumber(noGapSearch.supremum, 4)}).`,
          ].join('\n'),
        },
        {
          title: 'Heterogeneous logistic regression (paper schedule)',
          body:
            logisticFit === undefined
              ? 'Reported at the default and full presets; the quick preset leaves this unjudged measurement out.'
              : `${markdownTable(
                  ['T', '(1/T)ΣE‖∇f‖² ± se'],
                  logisticRows.map((r) => [
                    r.T,
                    `${formatNumber(r.stat.mean, 4)} ± ${formatNumber(r.stat.standardError, 2)}`,
                  ]),
                )}\n\nM = 5 nodes, d = ${d}, 50 examples per node with node-specific feature shifts, λ = 0.1, L = ${formatNumber(logistic.L, 4)}, start 0. Fitted exponent in T: ${formatNumber(logisticFit.slope, 4)} ± ${formatNumber(logisticFit.standardError, 2)} (the bound is O(T^{−1/3}); this measurement is reported, not part of the verdict: over T ≤ ${Ts[Ts.length - 1]} it includes the transient from x_1 = 0).`,
        },
        {
          title: 'The gap term (93): exact stationary gap against b',
          body:
            markdownTable(
              ['b', '|x* − ā| (Noisy MEDIANSGD, a = (0, 1, 5))'],
              bs.map((b, i) => [b, formatNumber(gaps[i], 6)]),
            ) +
            `\n\nExponent over b ≥ 16: ${formatNumber(gapFit.slope, 4)}: the gap closes like 1/b², faster than (93)'s O(1/b).`,
        },
      ],
      figures: [
        {
          file: 'thm6-rate.svg',
          title: 'Noisy MEDIANSGD: (1/T)ΣE‖∇f(x_t)‖² against T',
          caption: `Average squared gradient norm over ${runs} runs (log-log), the paper's schedule and the sharper one, with plain MEDIANSGD (no noise) as the control that stalls.`,
          spec: rateFigureSpec(figureRows, '(1/T)ΣE‖∇f‖²', true, 'horizon T', 10),
        },
      ],
      sampleSizes: {
        runsPerPoint: runs,
        rateRunsPerPoint: rateRuns,
        horizons: Ts.length,
        dimensions: ds.length,
        bound92Runs: 2 * sizes92.runs,
        bound92Steps: sizes92.T,
        bound92Evaluations: evaluations92,
      },
    };
  },
};
