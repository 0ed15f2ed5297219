// Theorem 5 (App. G, equations (71)–(90)): Noisy SIGNSGD with Gaussian ξ. With σ_mid² the variance
// of g (86), W_{t,j} = |∇f(x_t)_j|/(bσ_mid) (85) and W_t = {j : W_{t,j} ≥ 2/√3} (Gauss's inequality, (87)):
// (1/T)Σ_t[Σ_{j∈W_t}|∇f_j| + (1/(bσ_mid))Σ_{j∉W_t}∇f_j²] ≤ 3D_f/(Tδ) + 3(1/T)Σ_t E[Σ_j|∇f_j|·O(1/b²)] + (3L/2)δd   (90)
import { centredExponential } from '../distributions/centredExponential.ts';
import { gaussian } from '../distributions/gaussian.ts';
import { noiseFamilies } from '../distributions/noiseFamilies.ts';
import { fitLogLogSlope } from '../estimators/fitLogLogSlope.ts';
import { sigmaMid2 } from '../estimators/noisyMedianMoments.ts';
import { orderStatisticModel } from '../estimators/orderStatisticModel.ts';
import { replicatedRuns } from '../estimators/replicatedRuns.ts';
import { runAlgorithm } from '../algorithms/runAlgorithm.ts';
import { heterogeneousQuadratic } from '../problems/heterogeneousQuadratic.ts';
import { heterogeneousLogistic } from '../problems/heterogeneousLogistic.ts';
import { formatNumber } from '../format/formatNumber.ts';
import { markdownTable } from '../format/markdownTable.ts';
import { rateFigureSpec, type RateRow } from '../format/rateFigure.ts';
import type { Claim, Evidence } from './Claim.ts';
import { claimMetadata } from './claimRegistry.ts';
import { judgedCheck, judgedControl } from './judged.ts';
import { refutes } from '../verdict/judge.ts';
import { allOf, anyOf, atLeast, atMost, noCounterexample } from '../verdict/criteria.ts';
import { refutation, refutationCriterion } from './stallSearchInstance.ts';
import { exceedsOne } from './boundRatio.ts';
import { EXPONENT_TOLERANCE, octaves } from './theorem4Sweep.ts';
import {
  bound90,
  describeBound90Instance,
  searchBound90,
  searchInstance90,
  signIdentities,
  type Bound90Instance,
  type Bound90Outcome,
  type Bound90Variant,
  GAUSS_THRESHOLD,
  gaussBound,
} from './theorem5Bound.ts';

/** (74) on every realised step and (88) at every visited state of the given runs: no violation. */
function stepCriteria(outcomes: readonly Bound90Outcome[]) {
  const total = (count: (outcome: Bound90Outcome) => number) =>
    outcomes.reduce((sum, outcome) => sum + count(outcome), 0);
  return {
    '(74)': noCounterexample(
      total((o) => o.step74.steps),
      total((o) => o.step74.violations),
    ),
    '(88)': noCounterexample(
      total((o) => o.states),
      total((o) => o.step88.violations),
    ),
  };
}

/** Smallest margin P[|Z| < Wσ] − bound(W) over a grid of W, for a symmetric distribution given by its CDF. */
function gaussMargin(cdf: (x: number) => number, sigma: number): { margin: number; at: number } {
  let margin = Infinity;
  let at = 0;
  for (let k = 1; k <= 500; k++) {
    const W = k / 100;
    const value = cdf(W * sigma) - cdf(-W * sigma) - gaussBound(W);
    if (value < margin) {
      margin = value;
      at = W;
    }
  }
  return { margin, at };
}

export const thm5: Claim = {
  ...claimMetadata('thm5'),
  spreadsCells: true,
  statement:
    'With Gaussian $\\xi$, $\\sigma_{\\mathrm{mid}}^2$ the variance of $g$ (86), $W_{t,j} = |\\nabla f(x_t)_j|/(b\\sigma_{\\mathrm{mid}})$ and $\\mathcal W_t = \\{j: W_{t,j} \\ge 2/\\sqrt3\\}$: ' +
    '$\\frac1T\\sum_t\\big[\\sum_{j\\in\\mathcal W_t}|\\nabla f(x_t)_j| + \\frac{1}{b\\sigma_{\\mathrm{mid}}}\\sum_{j\\notin\\mathcal W_t}\\nabla f(x_t)_j^2\\big] \\le \\frac{3D_f}{T\\delta} + 3\\frac1T\\sum_t\\mathbb E\\big[\\sum_j|\\nabla f(x_t)_j|\\,O(1/b^2)\\big] + \\frac{3L}{2}\\delta d$ (90). ' +
    "The sign bias shrinks like $O(1/b^2)$ (84), so the algorithm approaches a stationary point of $f$ as $b$ grows. Step (87) is Gauss's inequality for the (unimodal, symmetric) median-noise density.",
  hypotheses: [
    '$f$ is $L$-smooth',
    '$\\xi$ Gaussian (symmetric, unimodal)',
    'the symmetric part of the median noise is unimodal (for (87))',
    '$M$ odd',
  ],
  async verify(context): Promise<Evidence> {
    // (87) for the iid-median densities g of every symmetric family.
    const gaussRows: Array<Array<string | number>> = [];
    let worstGauss = Infinity;
    for (const family of noiseFamilies.filter((f) => f.hypotheses.symmetric)) {
      for (const n of [0, 1, 2, 5, 25]) {
        const model = orderStatisticModel(new Float64Array(2 * n + 1), 1, family, n + 1);
        const { margin, at } = gaussMargin(model.cdf, Math.sqrt(sigmaMid2(family, n)));
        worstGauss = Math.min(worstGauss, margin);
        gaussRows.push([family.name, 2 * n + 1, formatNumber(margin, 4), at]);
      }
    }
    // Control: a symmetric but bimodal density (½N(−2, ¼) + ½N(2, ¼), variance 4.25).
    const bimodalCdf = (x: number) => 0.5 * gaussian.cdf((x + 2) / 0.5) + 0.5 * gaussian.cdf((x - 2) / 0.5);
    const bimodal = gaussMargin(bimodalCdf, Math.sqrt(4.25));

    // The stationary gap of Noisy SIGNSGD on a = (0, 1, 5): exact, from the engine.
    const bs = octaves(-2, 10);
    const [gaps, controlGaps] = await Promise.all(
      [gaussian, centredExponential].map(async (family) =>
        (
          await context.parallel.map(
            'stationaryGaps',
            bs.map((b) => [[0, 1, 5], b, family.name] as [number[], number, string]),
          )
        ).map((gap) => gap.signSgd),
      ),
    );
    const asymptotic = bs.map((b, i) => ({ b, gap: gaps[i] })).filter((p) => p.b >= 16);
    const gapFit = fitLogLogSlope(
      asymptotic.map((p) => p.b),
      asymptotic.map((p) => p.gap),
    );
    const controlFit = fitLogLogSlope(
      bs.filter((b) => b >= 16),
      controlGaps.filter((_, i) => bs[i] >= 16),
    );

    // The left side of (90) along T (δ = 1/√T), Noisy SIGNSGD on a heterogeneous quadratic.
    const runs = { quick: 4, default: 12, full: 48 }[context.preset];
    const Ts = context.preset === 'quick' ? [10, 100, 1000] : [10, 32, 100, 316, 1000, 3162, 10000];
    const d = 4;
    const stream = context.stream('problem');
    const minimisers = Array.from({ length: 5 }, () =>
      Array.from({ length: d }, () => Math.round((stream.next() * 8 - 4) * 100) / 100),
    );
    const problem = heterogeneousQuadratic(minimisers, undefined, 'quadratic M = 5, d = 4');
    const start = runAlgorithm({ algorithm: 'mediansgd', problem, steps: 2000, lr: 0.5 }).x;
    const sigmaMid = Math.sqrt(sigmaMid2(gaussian, 2));
    const lhsRows: RateRow[] = [];
    const lhsTable: Array<Array<string | number>> = [];
    const lhsFits: Record<number, number> = {};
    for (const b of [1, 4]) {
      const points: Array<{ T: number; value: number }> = [];
      for (const T of Ts) {
        // The left side of (90) exactly, coordinate by coordinate: |∇f_j| where W_{t,j} ≥ 2/√3, else ∇f_j²/(bσ_mid).
        let perRun = 0;
        const observe = (t: number, _x: Float64Array, gradient: Float64Array) => {
          if (t >= T) return;
          for (let j = 0; j < gradient.length; j++) {
            const magnitude = Math.abs(gradient[j]);
            perRun +=
              magnitude / (b * sigmaMid) >= GAUSS_THRESHOLD ? magnitude : (magnitude * magnitude) / (b * sigmaMid);
          }
        };
        const stat = replicatedRuns(
          { algorithm: 'noisy-signsgd', problem, steps: T, lr: 1 / Math.sqrt(T), b, x0: start, observe },
          runs,
          (r) => context.stream('lhs', b, T, r),
          () => {
            const value = perRun / T;
            perRun = 0;
            return value;
          },
        );
        points.push({ T, value: stat.mean });
        lhsRows.push({ panel: 'left side of (90)', b: T, value: stat.mean, series: `b = ${b}` });
        lhsTable.push([b, T, `${formatNumber(stat.mean, 4)} ± ${formatNumber(stat.standardError, 2)}`]);
      }
      lhsFits[b] = fitLogLogSlope(
        points.map((p) => p.T),
        points.map((p) => p.value),
      ).slope;
    }

    // The same closing of the gap on heterogeneous logistic regression, by simulation: the gradient
    // norm at the average of the iterates over t ≥ T/2 (averaged over runs), for both noisy algorithms.
    const logistic = heterogeneousLogistic(5, 3, 50, context.stream('logistic'));
    const logisticScales = context.preset === 'quick' ? [0.5, 4] : [0.25, 0.5, 1, 2, 4, 8];
    const logisticSteps = { quick: 1000, default: 6000, full: 20000 }[context.preset];
    const logisticRuns = { quick: 2, default: 8, full: 32 }[context.preset];
    const logisticGaps = (['noisy-signsgd', 'noisy-mediansgd'] as const).flatMap((algorithm) =>
      logisticScales.map((b) => {
        const average = new Float64Array(logistic.d);
        for (let r = 0; r < logisticRuns; r++) {
          runAlgorithm({
            algorithm,
            problem: logistic,
            steps: logisticSteps,
            lr: algorithm === 'noisy-signsgd' ? 0.002 : 0.02,
            b,
            stream: context.stream('logistic-run', algorithm, String(b), r),
            observe: (t, x) => {
              if (t < logisticSteps / 2) return;
              for (let j = 0; j < x.length; j++) average[j] += x[j] / ((logisticSteps / 2 + 1) * logisticRuns);
            },
          });
        }
        const g = logistic.gradient(average);
        return { algorithm, b, gap: Math.sqrt(g.reduce((s, v) => s + v * v, 0)) };
      }),
    );
    const plainGap = (algorithm: 'signsgd' | 'mediansgd') => {
      const trace = runAlgorithm({
        algorithm,
        problem: logistic,
        steps: logisticSteps,
        lr: algorithm === 'signsgd' ? 0.002 : 0.02,
      });
      return Math.sqrt(trace.gradNormL2Sq[logisticSteps]);
    };
    const logisticPlain = { signsgd: plainGap('signsgd'), mediansgd: plainGap('mediansgd') };
    const logisticSummary = (['noisy-signsgd', 'noisy-mediansgd'] as const)
      .map((algorithm) => {
        const own = logisticGaps.filter((g) => g.algorithm === algorithm);
        const bestCell = own.reduce((p, q) => (q.gap < p.gap ? q : p));
        const plain = algorithm === 'noisy-signsgd' ? logisticPlain.signsgd : logisticPlain.mediansgd;
        const largest = own[own.length - 1];
        return `${algorithm}: smallest ‖∇f(x̄)‖ = ${formatNumber(bestCell.gap, 3)} at b = ${bestCell.b} (${formatNumber(plain / bestCell.gap, 3)}× below the noiseless ${formatNumber(plain, 3)}); at b = ${largest.b}: ${formatNumber(largest.gap, 3)}`;
      })
      .join('; ');

    // (89) and (90) with every term exact along trajectories: the tight family of (89) (equal
    // curvatures, MEDIANSGD's stall point, small b and δ), and worst-case searches; every candidate
    // is confirmed on twice the runs with fresh streams.
    const sizes90 = {
      quick: { runs: 3, T: 12, starts: 1, evaluationsPerDimension: 10 },
      default: { runs: 6, T: 30, starts: 3, evaluationsPerDimension: 20 },
      full: { runs: 12, T: 60, starts: 6, evaluationsPerDimension: 40 },
    }[context.preset];
    const confirm90 = (instance: Bound90Instance, variant: Bound90Variant) =>
      bound90(instance, 2 * sizes90.runs, context.seed, ['bound90', 'confirm', variant], variant);
    const tightCorner = searchInstance90([-2, -3, 0, 0], context.seed, sizes90.T);
    const search89 = await searchBound90('89', context.seed, sizes90);
    const search90 = await searchBound90('90', context.seed, sizes90);
    const candidates90 = [tightCorner, search89.instance, search90.instance]
      .filter((i): i is Bound90Instance => i !== undefined)
      .map((instance) => ({ instance, outcome: confirm90(instance, 'claimed') }));
    const worstBy = (key: 'ratio89' | 'ratio90') =>
      candidates90.reduce((best, c) => (c.outcome[key] > best.outcome[key] ? c : best));
    const worst89 = worstBy('ratio89');
    const worst90 = worstBy('ratio90');
    const states90 = candidates90.reduce((total, c) => total + c.outcome.states, 0);
    const margin87 = Math.min(...candidates90.map((c) => c.outcome.gaussMargin));
    const largestRemainder = Math.max(...candidates90.map((c) => c.outcome.largestRemainder));
    const slack88 = Math.min(...candidates90.map((c) => c.outcome.step88.smallestSlack));
    const steps74 = candidates90.reduce((total, c) => total + c.outcome.step74.steps, 0);
    const slack74 = Math.min(...candidates90.map((c) => c.outcome.step74.smallestSlack));
    const violations74 = candidates90.reduce((total, c) => total + c.outcome.step74.violations, 0);
    const worst82 = candidates90.reduce((best, c) =>
      c.outcome.gauss82.margin < best.outcome.gauss82.margin ? c : best,
    );
    const violations88 = candidates90.reduce((total, c) => total + c.outcome.step88.violations, 0);
    const tightenedCorner = confirm90(tightCorner, 'tightened by 10%');
    // (89) tightened by 10% on its tight family: the criterion its control states, and the note reports.
    const tightened89Criterion = atMost(tightenedCorner.ratio89, 1, 1e-9);
    const tightened89 = refutes(tightened89Criterion);
    // (74) and (88) tightened on the same family, by the criteria the check applies: each must meet
    // a violation (flagged only if both do).
    const tightenedStepsCriterion = anyOf(stepCriteria([tightenedCorner]));
    const noRemainderSearch = await searchBound90('89', context.seed, sizes90, 'without the O(1/b²) term');
    const noRemainderRefutation = refutation(
      tightCorner,
      noRemainderSearch.instance,
      (instance) => confirm90(instance, 'without the O(1/b²) term').violated,
    );
    const evaluations90 = search89.evaluations + search90.evaluations + candidates90.length;
    // (78)–(83) at the first steps of a trajectory on each candidate: the density route against the CDF route.
    const identityStates = { quick: 3, default: 6, full: 20 }[context.preset];
    const identities = candidates90.map((c) => signIdentities(c.instance, identityStates, context.seed));
    const IDENTITY_TOLERANCE = 1e-9;
    const identityError = (equation: '(78)' | '(79)' | '(81)' | '(82)') =>
      Math.max(...identities.map((i) => i.relativeError[equation]));
    const identityStatesTotal = identities.reduce((total, i) => total + i.states, 0);
    const worst83 = identities.reduce((best, i) => (i.remainderToAsymmetry > best.remainderToAsymmetry ? i : best));
    const identityRow = (equation: '(78)' | '(79)' | '(81)' | '(82)', what: string) => ({
      equation,
      method: 'quadrature' as const,
      instances: identityStatesTotal,
      measure: 'relative error' as const,
      worst: identityError(equation),
      verdict: identityError(equation) <= IDENTITY_TOLERANCE ? ('holds' as const) : ('violated' as const),
      note: `${what} by adaptive quadrature of the order-statistic density against the CDF route, at the first ${identityStates} states of a trajectory on each (89)/(90) instance; error relative to max(|value|, 1), tolerance ${IDENTITY_TOLERANCE}`,
    });

    const gapRows: RateRow[] = [
      ...bs.map((b, i) => ({
        panel: 'stationary gap |x* − ā|',
        b,
        value: gaps[i],
        series: 'Noisy SIGNSGD, Gaussian ξ',
      })),
      ...bs.map((b, i) => ({
        panel: 'stationary gap |x* − ā|',
        b,
        value: controlGaps[i],
        series: 'centred exponential ξ (control)',
      })),
    ];
    return {
      checks: [
        judgedCheck(
          '(89) and (90) with every term exact hold on every trajectory',
          allOf({
            '(89) and (90)': noCounterexample(
              candidates90.length,
              candidates90.filter((c) => exceedsOne(c.outcome.ratio89) || exceedsOne(c.outcome.ratio90)).length,
            ),
            '(87) along the runs': atLeast(margin87, 0, 1e-12),
            ...stepCriteria(candidates90.map((c) => c.outcome)),
          }),
          `P(median ≷ 0 | x_t), P(|z| < |∇f_j|) and the O(1/b²) term e_j exact at every step, E[f(x_{t+1}) | x_t] exact: on ${candidates90.length} instances (the tight family and the worst of two ${search89.evaluations}- and ${search90.evaluations}-evaluation searches), ${2 * sizes90.runs} runs of T = ${sizes90.T}: largest left/right of a trajectory ${formatNumber(worst89.outcome.ratio89, 8)} for (89), ${formatNumber(worst90.outcome.ratio90, 4)} for (90) (≤ 1 required); (87) at every visited state: smallest margin ${formatNumber(margin87, 4)}; (88) at every visited state: smallest relative slack ${formatNumber(slack88, 4)}, ${violations88} violations`,
        ),
        judgedCheck(
          "Gauss's inequality step (87) for the median-noise densities",
          atLeast(worstGauss, 0, 1e-12),
          `P[|z| < Wσ_mid] − bound(W) over W = 0.01 … 5 for the iid-median densities g of ${noiseFamilies.filter((f) => f.hypotheses.symmetric).length} symmetric families and M = 1, 3, 5, 11, 51: smallest margin ${formatNumber(worstGauss, 4)} (≥ 0 required, tolerance 1e-12)`,
        ),
        judgedCheck(
          'the sign bias vanishes: the stationary gap closes as b grows',
          allOf({
            'exponent in b': atMost(gapFit.slope, -EXPONENT_TOLERANCE),
            'decrease from the smallest to the largest b': atLeast(gaps[0] - gaps[gaps.length - 1], Number.MIN_VALUE),
          }),
          `exact b-stall point of Noisy SIGNSGD on a = (0, 1, 5) (P(median > 0) = 1/2): |∇f(x*)| from ${formatNumber(gaps[0], 4)} at b = ${bs[0]} to ${formatNumber(gaps[gaps.length - 1], 4)} at b = ${bs[bs.length - 1]}; exponent over b ≥ 16: ${formatNumber(gapFit.slope, 4)} (must be < 0; measured ≈ −2, consistent with (84)'s O(1/b²))`,
        ),
      ],
      negativeControls: [
        judgedControl(
          {
            name: 'wrong variant: (89) with its right-hand side tightened by 10%',
            description: '(89) is tight on its tight family, so 0.9 × its right-hand side must fail there.',
            detail: `largest left/(0.9·right) on the tight family: ${formatNumber(tightenedCorner.ratio89, 4)}`,
          },
          tightened89Criterion,
        ),
        judgedControl(
          {
            name: 'wrong variant: (74) and (88) with their right-hand sides tightened by 10%',
            description:
              'Both are equalities where every curvature equals L, as on the tight family: with 10% of |right| taken off, each must fail at some step.',
            detail: `on the tight family: (74) violated on ${tightenedCorner.step74.violations} of ${tightenedCorner.step74.steps} steps, (88) at ${tightenedCorner.step88.violations} of ${tightenedCorner.states} states`,
          },
          tightenedStepsCriterion,
        ),
        judgedControl(
          {
            name: 'wrong variant: (89) without its O(1/b²) term',
            description:
              "The median's sign is biased where the local gradients disagree: without the term that (84) bounds, the bound fails.",
            detail: `search supremum ${formatNumber(noRemainderSearch.supremum, 4)}${noRemainderSearch.instance === undefined ? '' : ` at ${describeBound90Instance(noRemainderSearch.instance)}`}: ${noRemainderRefutation}`,
          },
          refutationCriterion(noRemainderRefutation, noRemainderSearch.instance),
        ),
        judgedControl(
          {
            name: 'broken hypothesis: asymmetric noise',
            description:
              'Centred exponential ξ: the median noise is not symmetric and the stationary gap grows with b.',
            detail: `exponent over b ≥ 16: ${formatNumber(controlFit.slope, 4)}; gap at b = 1024: ${formatNumber(controlGaps[controlGaps.length - 1], 4)}`,
          },
          atMost(controlFit.slope, -EXPONENT_TOLERANCE),
        ),
        judgedControl(
          {
            name: 'broken hypothesis: a bimodal symmetric density in (87)',
            description: "½N(−2, 1/4) + ½N(2, 1/4): symmetric but not unimodal, so Gauss's inequality must fail.",
            detail: `smallest margin ${formatNumber(bimodal.margin, 4)} at W = ${bimodal.at}`,
          },
          atLeast(bimodal.margin, 0, 1e-12),
        ),
      ],
      proofSteps: [
        {
          equation: '(74)',
          method: 'property over generated instances',
          instances: steps74,
          measure: 'slack',
          worst: slack74,
          verdict: violations74 === 0 ? 'holds' : 'violated',
          note: `f(x_{t+1}) − f(x_t) against −δ⟨∇f(x_t), sign(median)⟩ + (L/2)δ²d on every realised step of the (89)/(90) runs, allowing the stored iterates' rounding, 16ε·(|f(x_t)| + |f(x_{t+1})| + Σ_j|∇f_j||x_j|) (with equal curvatures the step is an equality): ${violations74} violations`,
        },
        {
          equation: '(75)',
          method: 'quadrature',
          instances: states90,
          measure: 'slack',
          worst: slack88,
          verdict: violations88 === 0 ? 'holds' : 'violated',
          note: 'E[f(x_{t+1}) | x_t] − f(x_t) (exact: separable quadratic, P(median ≷ 0) from the order-statistic model) against −δΣ_j|∇f_j|(P[agree] − P[disagree]) + (L/2)δ²d at every visited state; the same comparison as (88), whose right side equals this one once e_j is substituted',
        },
        {
          equation: '(87)',
          method: 'quadrature',
          instances: states90,
          measure: 'slack',
          worst: worst82.outcome.gauss82.margin,
          instance: worst82.outcome.gauss82.at,
          verdict: worst82.outcome.gauss82.margin < -1e-12 ? 'violated' : 'holds',
          note: `applied, as (82) defines it, to z_{t,j} whose density is the symmetric part of the median's noise about ∇f_j: P[|z| < |∇f_j|] − bound(W) along the (89)/(90) runs, smallest ${formatNumber(worst82.outcome.gauss82.margin, 4)}. Gauss's inequality needs z unimodal with variance (bσ_mid)²; with b small against the spread of the local gradients the median sits near one node's gradient, away from ∇f_j, and the step fails; for the iid-median density g of (86) (the large-b limit) it holds (margin ${formatNumber(margin87, 4)} on the same states)`,
        },
        identityRow('(78)', 'P[sign disagrees] = ∫ h over the half-line beyond −∇f_j'),
        identityRow('(79)', 'P[sign agrees] = ∫ h over the other half-line'),
        identityRow(
          '(81)',
          'P[agree] − P[disagree] = ∫_{−|∇f_j|}^{|∇f_j|} h^s + 2·sign(∇f_j)∫_{|∇f_j|}^{∞} h^u, h^s and h^u the symmetric and antisymmetric parts about ∇f_j',
        ),
        identityRow('(82)', '∫_{−|∇f_j|}^{|∇f_j|} h^s = P[|z| ≤ |∇f_j|]'),
        {
          equation: '(83)',
          method: 'quadrature',
          instances: identityStatesTotal,
          measure: 'ratio',
          worst: worst83.remainderToAsymmetry,
          instance: worst83.at,
          verdict: exceedsOne(worst83.remainderToAsymmetry) ? 'violated' : 'holds',
          note:
            "the asymmetric part's contribution e_j against the asymmetric mass ∫|h^u| (from the exact engine), which is what Theorem F.1 then bounds: |e_j| ≤ ∫|h^u| must hold; the largest ratio found is " +
            formatNumber(worst83.remainderToAsymmetry, 4),
        },
        {
          equation: '(88)',
          method: 'quadrature',
          instances: states90,
          measure: 'slack',
          worst: slack88,
          verdict: violations88 === 0 ? 'holds' : 'violated',
          note:
            'E[f(x_{t+1}) | x_t] − f(x_t) against its right-hand side at every visited state, with the O(1/b²) term as the exact e_j = P(|z| < |∇f_j|) − (P[agree] − P[disagree]); what the step needs is |e_j| = O(1/b²): the largest |e_j| met is ' +
            formatNumber(largestRemainder, 4) +
            " (up to 2 at small b, where the median's sign is wrong)",
        },
        {
          equation: '(89)',
          method: 'worst-case search',
          instances: search89.evaluations + candidates90.length,
          measure: 'ratio',
          worst: worst89.outcome.ratio89,
          instance: describeBound90Instance(worst89.instance),
          verdict: exceedsOne(worst89.outcome.ratio89) ? 'violated' : 'holds',
          note: `left/right of a trajectory with E[f(x_{t+1}) | x_t] exact; tight (sup → 1) with equal curvatures (L = c̄_j in every coordinate), where the only slack, (δ/2)Σ_j(L − c̄_j), vanishes; 10% tightening ${tightened89 ? 'refuted' : 'not refuted'}`,
        },
        {
          equation: '(90)',
          method: 'worst-case search',
          instances: search90.evaluations + candidates90.length,
          measure: 'ratio',
          worst: worst90.outcome.ratio90,
          instance: describeBound90Instance(worst90.instance),
          verdict: exceedsOne(worst90.outcome.ratio90) ? 'violated' : 'holds',
          note: `not tight: the supremum found is ${formatNumber(worst90.outcome.ratio90, 3)}, a gap of ${formatNumber(1 / worst90.outcome.ratio90, 3)}× from Gauss's inequality (87) (for Gaussian noise P(|z| < |∇f|) is well above 1/3 and W/√3) and the factor 3`,
        },
      ],
      measurements: {
        tightestRatio89: worst89.outcome.ratio89,
        tightestRatio90: worst90.outcome.ratio90,
        tightestRatio90Instance: describeBound90Instance(worst90.instance),
        largestSignRemainder: largestRemainder,
        gaussMarginAlongTrajectories: margin87,
        logisticGaps: logisticGaps.map((g) => g.gap),
        gaussWorstMargin: worstGauss,
        stationaryGapExponent: gapFit.slope,
        controlExponent: controlFit.slope,
        lhsExponentB1: lhsFits[1],
        lhsExponentB4: lhsFits[4],
      },
      keyFigure: `(87) margin ≥ ${formatNumber(worstGauss, 3)} (claimed ≥ 0, tolerance 1e-12); stationary gap exponent ${formatNumber(gapFit.slope, 3)} in b (claimed to shrink with b: passes at ≤ −${EXPONENT_TOLERANCE})`,
      sections: [
        {
          title: "Gauss's inequality (87) for g",
          body: markdownTable(['noise', 'M', 'smallest margin P − bound', 'at W'], gaussRows),
        },
        {
          title: 'The stationary gap against b',
          body: `Noisy SIGNSGD's expected step vanishes where P(median(x − a_i + bξ_i) > 0) = 1/2. On a = (0, 1, 5) that point is found exactly (bisection on the engine's CDF):\n\n${markdownTable(
            ['b', '|∇f(x*)|'],
            bs.map((b, i) => [b, formatNumber(gaps[i], 6)]),
          )}\n\nIt matches the Monte Carlo limits of thm3 (b = 1: 0.83, b = 4: 0.13).`,
        },
        {
          title: 'Heterogeneous logistic regression: gradient norm where the noisy algorithms settle',
          body: `${markdownTable(
            ['algorithm', 'b', '‖∇f(x̄)‖ (x̄: average iterate over t ≥ T/2 and runs)'],
            logisticGaps.map((g) => [g.algorithm, g.b, formatNumber(g.gap, 4)]),
          )}\n\nM = 5, d = 3, 50 examples per node, T = ${logisticSteps}, ${logisticRuns} runs per cell, δ = 0.002 (SIGNSGD) and 0.02 (MEDIANSGD), full local gradients. Without noise: SIGNSGD ends at ‖∇f‖ = ${formatNumber(logisticPlain.signsgd, 4)}, MEDIANSGD at ${formatNumber(logisticPlain.mediansgd, 4)}. ${logisticSummary}. At a fixed horizon and step, a larger b also slows the approach (Noisy SIGNSGD's expected step shrinks like 1/b) and spreads the iterates, the trade-off that Theorems 5 and 6 balance with their choice of b and δ. Monte Carlo, reported and not part of the verdict.`,
        },
        {
          title: '(89) and (90) with every term computed',
          body: [
            `Along trajectories of Noisy SIGNSGD on heterogeneous quadratics (M = 5, d = 2), given x_t: P(median > 0) and P(median < 0) from the order-statistic model; P(|z| < |∇f_j|) for the symmetric noise z = b·(median of 5 iid N(0, 1)) of (86)–(87); the term (84) bounds by O(1/b²), exactly: e_j = P(|z| < |∇f_j|) − (P[sign agrees] − P[sign disagrees]); and E[f(x_{t+1}) | x_t] (separable quadratic). The descent term is Σ_t (f(x_t) − E[f(x_{t+1}) | x_t])/(Tδ), whose expectation is the printed (f(x_1) − E f(x_{T+1}))/(Tδ) ≤ D_f/(Tδ); so (89) and (90) must hold on every trajectory.`,
            '',
            markdownTable(
              [
                'instance',
                'left of (90)',
                '3·descent',
                '3·O(1/b²) term',
                '(3L/2)δd',
                '(89) left/right',
                '(90) left/right',
                'largest |e_j|',
              ],
              candidates90.map((c) => [
                describeBound90Instance(c.instance),
                formatNumber(c.outcome.left90, 4),
                formatNumber(c.outcome.descent, 4),
                formatNumber(c.outcome.remainder, 4),
                formatNumber(c.outcome.smoothnessTerm, 4),
                formatNumber(c.outcome.ratio89, 8),
                formatNumber(c.outcome.ratio90, 4),
                formatNumber(c.outcome.largestRemainder, 4),
              ]),
            ),
            '',
            `(89) is tight: with equal curvatures its slack (δ/2)Σ_j(L − c̄_j) vanishes and left = right on every trajectory. (90) is not: the largest ratio found is ${formatNumber(worst90.outcome.ratio90, 3)} (search supremum ${formatNumber(search90.supremum, 3)}), because Gauss's inequality (87) is far from tight for Gaussian noise and (90) multiplies (89) by 3.`,
          ].join('\n'),
        },
        {
          title: 'Left side of (90) along T (δ = 1/√T)',
          body: `${markdownTable(['b', 'T', 'left side of (90) ± se'], lhsTable)}\n\nComputed coordinate by coordinate along each run (σ_mid for M = 5). Fitted exponents in T: b = 1: ${formatNumber(lhsFits[1], 3)}; b = 4: ${formatNumber(lhsFits[4], 3)}. (90) itself is checked with every term computed in the section above.`,
        },
      ],
      figures: [
        {
          file: 'thm5-stationary-gap.svg',
          title: 'Noisy SIGNSGD: gradient norm at its stall point against b, a = (0, 1, 5)',
          caption:
            'Exact |∇f(x*)| where P(median > 0) = 1/2 (log-log). Gaussian noise closes the gap like 1/b²; asymmetric noise does not.',
          spec: rateFigureSpec(gapRows, '|∇f(x*)|'),
        },
        {
          file: 'thm5-left-side.svg',
          title: 'Left side of (90) against T, Noisy SIGNSGD with δ = 1/√T',
          caption: `Left side of (90), averaged over ${runs} runs, d = 4, M = 5.`,
          spec: rateFigureSpec(lhsRows, 'left side of (90)', true, 'horizon T', 10),
        },
      ],
      sampleSizes: {
        gaussGrid: 500,
        runsPerPoint: runs,
        horizons: Ts.length,
        bound90Runs: 2 * sizes90.runs,
        bound90Steps: sizes90.T,
        bound90Evaluations: evaluations90,
      },
    };
  },
};
