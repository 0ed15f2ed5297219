// Theorem 2 (App. C, equations (32)–(33)): MEDIANSGD with δ = min(1/√(Td), 1/(2L)):
// (1/T)Σ_t E‖∇f(x_t)‖² ≤ (2√d/√T)·D_f + (1/T)Σ_t E‖∇f(x_t) − E[median({g_t})|x_t]‖² + (2L√d/√T)·σ_m²   (33)
// The printed constants correspond to δ = 1/√(Td); for general δ ≤ 1/(2L) the proof gives
// 2D_f/(Tδ) and 2Lδdσ_m².
import { runAlgorithm } from '../algorithms/runAlgorithm.ts';
import { formatNumber } from '../format/formatNumber.ts';
import { markdownTable } from '../format/markdownTable.ts';
import type { Claim, Evidence } from './Claim.ts';
import { claimMetadata } from './claimRegistry.ts';
import { judgedCheck, judgedControl } from './judged.ts';
import { describeOutcome, propertyCriterion } from './propertyOutcome.ts';
import { stochasticBound, stochasticCheck } from './stochasticBound.ts';
import { BOUND_TOLERANCE, checkBound, initialGap, meanOver, type BoundSides } from './boundProperty.ts';
import type { GeneratedProblem } from './heterogeneousProblemArbitrary.ts';
import type { buildProblem } from './heterogeneousProblemArbitrary.ts';
import { ratioScatter } from './ratioScatter.ts';
import { chainChecks, chainSection, chainSteps } from './proofChainSteps.ts';

type Form = 'general' | 'printed' | 'printed, δ = 1/(2L) regime' | 'without the gap term';

function medianSgdSides(form: Form) {
  return (generated: GeneratedProblem, problem: ReturnType<typeof buildProblem>): BoundSides | undefined => {
    const Df = initialGap(problem, generated.x1);
    const { T, d } = generated;
    const printedStep = 1 / Math.sqrt(T * d);
    const lr = Math.min(printedStep, 1 / (2 * problem.L));
    if (form === 'printed' && lr !== printedStep) return undefined;
    if (form === 'printed, δ = 1/(2L) regime' && lr === printedStep) return undefined;
    const trace = runAlgorithm({ algorithm: 'mediansgd', problem, steps: T, lr, x0: generated.x1 });
    const left = meanOver(trace.gradNormL2Sq, T);
    const gap = meanOver(trace.medianGapL2Sq, T);
    // Full gradients: σ_m = 0.
    if (form === 'general') return { left, right: (2 * Df) / (T * lr) + gap };
    if (form === 'without the gap term') return { left, right: (2 * Df) / (T * lr) };
    return { left, right: ((2 * Math.sqrt(d)) / Math.sqrt(T)) * Df + gap };
  };
}

export const thm2: Claim = {
  ...claimMetadata('thm2'),
  statement:
    'With $\\delta = \\min(1/\\sqrt{Td}, 1/(2L))$: $\\frac1T\\sum_t \\mathbb E\\|\\nabla f(x_t)\\|^2 \\le \\frac{2\\sqrt d}{\\sqrt T}D_f + \\frac1T\\sum_t \\mathbb E\\|\\nabla f(x_t) - \\mathbb E[\\mathrm{median}(\\{g_t\\})|x_t]\\|^2 + \\frac{2L\\sqrt d}{\\sqrt T}\\sigma_m^2$ (33). ' +
    'The printed constants hold when $\\delta = 1/\\sqrt{Td}$; for general $\\delta \\le 1/(2L)$ the proof gives $2D_f/(T\\delta)$ and $2L\\delta d\\sigma_m^2$.',
  hypotheses: [
    '$f$ is $L$-smooth (A3)',
    '$\\delta \\le 1/(2L)$',
    '$\\mathbb E[\\zeta_{t,j}^2] \\le \\sigma_m^2$',
    '$M$ odd',
  ],
  async verify(context): Promise<Evidence> {
    const runs = { quick: 100, default: 1000, full: 10000 }[context.preset];
    const chain = await chainSteps('mediansgd', context, runs);
    const general = checkBound(medianSgdSides('general'), context.fastCheckSeed('general'), runs);
    const printed = checkBound(medianSgdSides('printed'), context.fastCheckSeed('printed'), runs);
    const otherRegime = checkBound(medianSgdSides('printed, δ = 1/(2L) regime'), context.fastCheckSeed('regime'), runs);
    const noGap = checkBound(medianSgdSides('without the gap term'), context.fastCheckSeed('no-gap'), runs);
    const stochastic = stochasticBound(context, 'thm2', 'claimed');
    // Informational (report text only), so the quick preset that npm test uses skips it.
    const stochasticNoGap =
      context.preset === 'quick' ? undefined : stochasticBound(context, 'thm2', 'without the gap term');
    return {
      checks: [
        stochasticCheck(stochastic),
        ...chainChecks('mediansgd', chain),
        judgedCheck(
          'proof form: 2D_f/(Tδ) + gap, any δ = min(1/√(Td), 1/(2L))',
          propertyCriterion(general),
          general.failed
            ? `counterexample ${general.counterexample}`
            : `${general.numRuns} generated problems; tolerance ${BOUND_TOLERANCE} relative and absolute; tightest left/right = ${formatNumber(general.tightestRatio, 6)}`,
        ),
        judgedCheck(
          '(33) as printed, where δ = 1/√(Td) ≤ 1/(2L)',
          propertyCriterion(printed),
          printed.failed
            ? `counterexample ${printed.counterexample}`
            : `${printed.numRuns} problems in that regime; tightest left/right = ${formatNumber(printed.tightestRatio, 6)}`,
        ),
      ],
      negativeControls: [
        judgedControl(
          {
            name: 'wrong variant: without the gap term',
            description: 'The proof form with the gap term dropped: heterogeneous data must refute it.',
            detail: describeOutcome(noGap),
            counterexample: noGap.counterexample,
          },
          propertyCriterion(noGap),
        ),
        ...chain.controls,
      ],
      proofSteps: [
        ...chain.steps,
        {
          equation: '(33)',
          method: 'property over generated instances',
          instances: otherRegime.numRuns,
          verdict: otherRegime.failed ? 'typo' : 'holds',
          instance: otherRegime.counterexample,
          note: `(33) as printed where δ = 1/(2L) < 1/√(Td): ${otherRegime.failed ? 'refuted, shrunk counterexample shown' : 'not refuted'}; the proof gives 2D_f/(Tδ)`,
        },
      ],
      measurements: {
        runs: general.numRuns,
        // The supremum of the worst-case search; the random problems' tightest ratio beside it.
        tightestRatioGeneral: chain.supremum['(33) proof form'],
        generatedTightestRatioGeneral: general.tightestRatio,
        tightestRatioPrintedSearch: chain.supremum['(33)'],
        tightestRatioPrinted: printed.tightestRatio,
        printedInOtherRegimeRefuted: otherRegime.failed,
        printedInOtherRegimeCounterexample: otherRegime.counterexample ?? '',
        printedInOtherRegimeTightestRatio: otherRegime.tightestRatio,
      },
      keyFigure: `proof form held on ${general.numRuns} problems; worst-case search sup ${formatNumber(chain.supremum['(33) proof form'], 6)} (≤ 1, tolerance ${BOUND_TOLERANCE} relative and absolute); printed (33) ${otherRegime.failed ? 'fails' : 'held'} when δ = 1/(2L) (sup ${formatNumber(chain.supremum['(33)'], 4)})`,
      sections: [
        chainSection(chain),
        {
          title: 'Method',
          body: 'fast-check generates heterogeneous quadratics (as in thm1); MEDIANSGD runs with full local gradients (σ_m = 0; the gap term ‖∇f(x_t) − median(∇f_i(x_t))‖² is recorded per step) and δ = min(1/√(Td), 1/(2L)). D_f = f(x_1) − min f is exact.',
        },
        {
          title: 'The printed constants outside their regime',
          body: [
            `When 1/(2L) < 1/√(Td) the step is δ = 1/(2L) and the proof's term is 2D_f/(Tδ) = 4LD_f/T, larger than the printed 2√d·D_f/√T. The same property with the printed right side, over problems in that regime (${otherRegime.numRuns} runs):`,
            '',
            otherRegime.failed
              ? `**refuted**: shrunk counterexample \`${otherRegime.counterexample}\`. So (33) as printed needs δ = 1/√(Td) (i.e. T·d ≥ 4L²), as statements.md notes; the general form above holds.`
              : `not refuted; tightest left/right ${formatNumber(otherRegime.tightestRatio, 6)}.`,
          ].join('\n'),
        },
        {
          title: 'Tightest cases found',
          body: markdownTable(
            ['form', 'tightest left/right', 'problem'],
            [
              [
                'proof form',
                formatNumber(general.tightestRatio, 6),
                general.tightestProblem ? JSON.stringify(general.tightestProblem) : '—',
              ],
              [
                'printed, its regime',
                formatNumber(printed.tightestRatio, 6),
                printed.tightestProblem ? JSON.stringify(printed.tightestProblem) : '—',
              ],
            ],
          ),
        },
        {
          title: 'Scope',
          body:
            'The properties check the full-gradient case (σ_m = 0). The stochastic case uses Gaussian gradient noise on one generated problem with E[median | x_t] and σ_m from the exact engine at every step, and a Monte Carlo average over runs with a one-sided t-test.' +
            (stochasticNoGap === undefined
              ? ''
              : ` At these sizes the stochastic comparison is loose: without its gap term it is ${stochasticNoGap.violated ? 'refuted' : 'not refuted'} (left − right = ${formatNumber(stochasticNoGap.meanDifference, 4)} ± ${formatNumber(stochasticNoGap.standardError, 2)}), so the power against wrong variants comes from the full-gradient properties.`),
        },
      ],
      figures: [
        {
          file: 'thm2-ratio.svg',
          title: 'Left side over right side of the proof form of (33), by problem',
          caption: 'Each point is one generated problem (first 300); the bound holds where the ratio is ≤ 1.',
          spec: ratioScatter(medianSgdSides('general'), context.fastCheckSeed('general')),
        },
      ],
      sampleSizes: { propertyRuns: runs, stochasticRuns: stochastic.runs, stochasticSteps: stochastic.T },
    };
  },
};
