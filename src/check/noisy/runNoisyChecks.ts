import type { NoiseFamily } from '../../distributions/NoiseFamily.ts';
import type { AggregatorUnderTest, CallOutcome } from '../AggregatorUnderTest.ts';
import type { CheckResult } from '../CheckResult.ts';
import { erfc } from '../../distributions/special/erfc.ts';
import { ksCriticalValue } from '../../estimators/ksStatistic.ts';
import { earlierResultsVerdict, LARGE_D } from '../fixedChecks.ts';
import { longestIdenticalRun } from './identicalRun.ts';
import { NEIGHBOUR_FALSE_ALARM, NEIGHBOUR_LAGS, neighbourConcordance } from './neighbourConcordance.ts';
import type { NoisyRule } from './noisyRules.ts';
import { lawDistance } from './outputLaw.ts';
import { findRepeatedWindow, REPEAT_FALSE_ALARM } from './repeatedWindow.ts';
import { TAIL_FAR, TAIL_PROBABILITY, TAIL_TESTS, tailCentre, tailVerdict } from './tailCounts.ts';

/** Replicates per setting: one call, every coordinate an independent draw of the same experiment. */
export const NOISY_REPLICATES = 20_000;
/** Each moment is a two-sided z-test at this many standard errors (TWO_SIDED_TAIL per test). */
export const NOISY_Z_LIMIT = 4.5;
/** P(|Z| > NOISY_Z_LIMIT): the false-failure probability of each z-test, and the level of each law test and tail count. */
export const TWO_SIDED_TAIL = erfc(NOISY_Z_LIMIT / Math.SQRT2);

/** Large-M settings test the law only, on fewer replicates: their exact moments take seconds, their values are M per replicate. */
export const LARGE_M_REPLICATES = 10_000;

export interface NoisySetting {
  readonly label: string;
  /** The workers' centres u_i / b. */
  readonly centres: readonly number[];
  /** Replicates (coordinates of the call): NOISY_REPLICATES, or LARGE_M_REPLICATES for a law-only setting. */
  readonly replicates: number;
  /** Whether the mean (and the variance) are z-tested besides the law. */
  readonly moments: boolean;
  /** Whether the counts in the noise's tails are tested too (tailCounts.ts). */
  readonly tails: boolean;
}

const setting = (label: string, centres: readonly number[]): NoisySetting => ({
  label,
  centres,
  replicates: NOISY_REPLICATES,
  moments: true,
  tails: false,
});

/**
 * Worker centres in units of b: Theorem 3's a = (0, 1, 5), a mixed-sign triple, 5 workers three of
 * which hold exactly 0, 5, 11 and 31 heterogeneous workers, Theorem 3's a moved 1000 far, 257
 * workers, and two even counts, where the conventions show: the median's middle (average, lower or
 * upper) and the tied vote's value.
 */
export const NOISY_SETTINGS: readonly NoisySetting[] = [
  setting('u = (0, 1, 5)·b', [0, 1, 5]),
  setting('u = (−1, 0.5, 2)·b', [-1, 0.5, 2]),
  setting('M = 5, u = (−2, −1, 0.5, 1, 4)·b', [-2, -1, 0.5, 1, 4]),
  // Exact zeros, as sparse gradients hold them: code that adds noise only to nonzero entries sends
  // 0 for them, which moves E[vote] once two or more workers hold 0 (with one, it cannot).
  setting('M = 5, three workers at exactly 0: u = (0, 0, 0, 1, −2)·b', [0, 0, 0, 1, -2]),
  setting('M = 11, u from −3b to 6b', [-3, -2.5, -1, -0.5, 0, 0.25, 0.5, 1, 2, 3.5, 6]),
  // Dozens of workers: code that treats some range of M apart (noise for the first workers only).
  setting(
    'M = 31, u from −2.8b to 3.2b',
    Array.from({ length: 31 }, (_, i) => ((i * 7) % 31) / 5 - 2.8),
  ),
  // Far from 0, where the law is the first setting's moved by 1000·b: code that clips the noisy
  // values, or quantizes them in a fixed range, keeps every law near 0 and fails only here.
  setting('u = (1000, 1001, 1005)·b', [1000, 1001, 1005]),
  // Past 100, 127 and 255 workers, where code keeps counts in an Int8Array or worker indices in a
  // Uint8Array, or takes a shortcut for large M. The centres rise with the worker's index (so that
  // a lost or repeated worker moves the median) and lean positive (so that the vote's signed count,
  // about 200, wraps an 8-bit counter). Law only, on LARGE_M_REPLICATES replicates.
  {
    label: 'M = 257, u from 0.5b to 6.5b',
    centres: Array.from({ length: 257 }, (_, i) => 0.5 + (6 * i) / 256),
    replicates: LARGE_M_REPLICATES,
    moments: false,
    tails: false,
  },
  // Even M (8 GPUs are common): P(tie) is 0.30 here for the vote, and the two middle means differ by 0.6b.
  setting('M = 4, u = (−1, 0, 0.5, 2)·b', [-1, 0, 0.5, 2]),
  setting('M = 8, u from −2b to 3b', [-2, -1, -0.5, 0, 0.25, 1, 1.5, 3]),
];

/** Where the settings of NOISY_SETTINGS give way to the noise's tail setting: after the one far from 0. */
const TAIL_SETTING_AT = NOISY_SETTINGS.findIndex(({ centres }) => centres[0] >= 1000) + 1;

/**
 * The settings of a run with `family`'s noise: NOISY_SETTINGS and, after the one far from 0, one
 * worker alone in the noise's tail (tailCounts.ts), at the centre where P(ξ < −c) = 0.00135.
 */
export function noisySettings(family: NoiseFamily): readonly NoisySetting[] {
  const c = tailCentre(family);
  const tail: NoisySetting = {
    label: `u = (−${TAIL_FAR}, ${c.toPrecision(4)}, ${TAIL_FAR})·b, the middle worker alone in its tail (P(ξ < −${c.toPrecision(4)}) = ${TAIL_PROBABILITY.toPrecision(3)})`,
    centres: [-TAIL_FAR, c, TAIL_FAR],
    replicates: NOISY_REPLICATES,
    moments: true,
    tails: true,
  };
  return [...NOISY_SETTINGS.slice(0, TAIL_SETTING_AT), tail, ...NOISY_SETTINGS.slice(TAIL_SETTING_AT)];
}

/** The tests a run makes at TWO_SIDED_TAIL each: the mean and the law in every setting, the variance too for the median at odd M, and the tail counts. */
export function noisyTestCount(rule: NoisyRule): number {
  const settings = noisySettings(rule.family);
  const withMoments = settings.filter(({ moments }) => moments);
  const varianceSettings = withMoments.filter(({ centres }) => rule.testsVariance(centres.length)).length;
  const tailTests = settings.filter(({ tails }) => tails).length * TAIL_TESTS;
  return settings.length + withMoments.length + varianceSettings + tailTests;
}

/** Stated false-failure probability of a correct noisy aggregator's run (a union bound over the z-tests, the law tests, the tail counts and the repeat searches: one per setting, one across the calls on the same input; the identical-run search of the call at d = LARGE_D; and the concordance test of each lag). */
export function noisyFalseFailure(rule: NoisyRule): number {
  return (
    noisyTestCount(rule) * TWO_SIDED_TAIL +
    (noisySettings(rule.family).length + 2) * REPEAT_FALSE_ALARM +
    NEIGHBOUR_LAGS.length * NEIGHBOUR_FALSE_ALARM
  );
}

export interface NoisyCheckOptions {
  /**
   * Stop at the first failing check. Each setting's verdicts are then taken right after its call,
   * so a wrong aggregator makes only the calls it takes to fail; the checks made fail or pass as in
   * a full run (the calls come in the same order, and no verdict draws random numbers).
   */
  readonly bail?: boolean;
}

/** Elements before the first vector and between vectors in an input's one buffer. */
const INPUT_GAP = 3;
/** The gaps' value in units of b: far from every setting's centres (93.5 from the nearest, M = 257's 6.5), so that a misplaced read moves the output. */
const GAP_CENTRE = 100;

/**
 * One setting's input: M vectors of R copies of a_i·b, as views into one Float64Array, each
 * INPUT_GAP elements after the one before (how a caller that keeps every worker's gradient in one
 * allocation passes them). An aggregator that reads `vector.buffer` from its start reads other
 * workers' values and the gaps, and its means fail.
 */
function constantViewsWithGaps(centres: readonly number[], b: number, R: number): Float64Array[] {
  const shared = new Float64Array(INPUT_GAP + centres.length * (R + INPUT_GAP)).fill(GAP_CENTRE * b);
  return centres.map((a, i) => {
    const start = INPUT_GAP + i * (R + INPUT_GAP);
    return shared.subarray(start, start + R).fill(a * b);
  });
}

function outputOf(outcome: CallOutcome, d: number, rule: NoisyRule): Float64Array | string {
  if (outcome.kind === 'error' || outcome.kind === 'timeout') return outcome.error;
  if (outcome.kind === 'mutated') return outcome.mutated;
  if (outcome.values.length !== d) return `returned ${outcome.values.length} values for d = ${d} coordinates`;
  const bad = outcome.values.findIndex((value) => !rule.possible(value));
  if (bad >= 0) return `returned ${outcome.values[bad]} at coordinate ${bad}, which ${rule.words.impossible}`;
  return outcome.values;
}

/**
 * Checks an aggregator that adds its own noise: in each setting one call whose every coordinate
 * repeats the workers' centres, so the outputs are independent draws of the noisy vote or median
 * (when the noise is fresh for every worker and coordinate, as Theorems 5 and 6 assume); their
 * mean (and, for the median, variance) must match the exact engine's within 4.5 standard errors.
 * Each setting's vectors are views into one buffer. Six more calls on the last setting's input, in
 * the arrays of the call before refilled in place, must not bring back a run of outputs (noise
 * fresh for every call, no result kept for the same arrays, no noise table read on from call to
 * call), and one call at d = LARGE_D must get noise at every coordinate.
 */
export async function runNoisyChecks(
  target: AggregatorUnderTest,
  rule: NoisyRule,
  options: NoisyCheckOptions = {},
): Promise<CheckResult[]> {
  const bail = options.bail === true;
  const b = rule.scale;
  const settings = noisySettings(rule.family);
  const outputs: Float64Array[] = [];
  // Each setting's verdicts, taken right after its call: under `bail` the first failure ends the run.
  const settingResults: CheckResult[] = [];
  let lastInput: Float64Array[] = [];
  let overwrote: string | undefined;
  const lengths = [...new Set(settings.map(({ replicates }) => replicates))].join(' or ');
  const shapeCheck = `returns ${rule.words.output} for every coordinate (d = ${lengths})`;
  for (const setting of settings) {
    lastInput = constantViewsWithGaps(setting.centres, b, setting.replicates);
    const outcome = await target.call({ vectors: lastInput });
    if (outcome.kind === 'values' || outcome.kind === 'mutated') overwrote ??= outcome.overwroteEarlier?.detail;
    const output = outputOf(outcome, setting.replicates, rule);
    if (typeof output === 'string')
      return [...settingResults, { name: shapeCheck, status: 'fail', detail: `${setting.label}: ${output}` }];
    outputs.push(output);
    const made = settingVerdicts(rule, setting, output);
    const firstFailure = bail ? made.findIndex(failed) : -1;
    if (firstFailure >= 0) return [...settingResults, ...made.slice(0, firstFailure + 1)];
    settingResults.push(...made);
  }
  const results: CheckResult[] = [
    {
      name: shapeCheck,
      status: 'pass',
      detail: `${outputs.length} calls, M = ${settings.map((s) => s.centres.length).join(', ')}; in each, the vectors are views into one Float64Array, ${INPUT_GAP} elements apart (the gaps hold ${GAP_CENTRE}·b)`,
    },
  ];
  const last = outputs.length - 1;
  const callChecks: Array<() => CheckResult | Promise<CheckResult>> = [
    () => earlierResultsVerdict(target, overwrote, `${outputs.length} calls in a row`),
    () => freshForEveryCall(target, rule, lastInput, outputs[last], settings[last].label),
    () => freshForEveryCoordinate(outputs, settings),
    () => independentNeighbours(outputs),
    () => noiseAtEveryCoordinate(target, rule),
  ];
  for (const check of callChecks) {
    results.push(await check());
    if (bail && failed(results[results.length - 1])) return [...settingResults, ...results];
  }
  return [...results, ...settingResults];
}

const failed = (result: CheckResult) => result.status === 'fail';

/** A setting's z-tests (when it has them), its law test and its tail counts (when it has them). */
function settingVerdicts(rule: NoisyRule, setting: NoisySetting, got: Float64Array): CheckResult[] {
  const u = setting.centres.map((a) => a * rule.scale);
  return [
    ...(setting.moments ? [momentsVerdict(rule, setting.label, u, got)] : []),
    lawVerdict(rule, setting.label, u, got),
    ...(setting.tails ? [tailVerdict(rule, setting.label, setting.centres, got, TWO_SIDED_TAIL)] : []),
  ];
}

/** Why one call's outputs are all alike where its law has spread. */
const SHARED_NOISE =
  'noise drawn once per worker and call, shared by the coordinates (an (M, 1) array broadcast over d?)';

/** A z statistic in words: two decimals, three significant digits when large, ∞ for outputs that do not vary. */
const zText = (z: number) => (z === Number.POSITIVE_INFINITY ? '∞' : z < 1e4 ? z.toFixed(2) : z.toPrecision(3));

/** |got − expected| in standard errors; a difference with no spread to measure it by is infinitely far. */
const zScore = (difference: number, standardError: number) =>
  standardError > 0 ? difference / standardError : difference === 0 ? 0 : Number.POSITIVE_INFINITY;

/** The outputs' mean (and, for the median at odd M, variance) against the exact engine's, as z-tests at NOISY_Z_LIMIT. */
function momentsVerdict(rule: NoisyRule, label: string, u: readonly number[], got: Float64Array): CheckResult {
  const R = got.length;
  const expected = rule.expectation(u);
  let sum = 0;
  for (let r = 0; r < R; r++) sum += got[r];
  const mean = sum / R;
  let m2 = 0;
  let m4 = 0;
  for (let r = 0; r < R; r++) {
    const deviation = (got[r] - mean) ** 2;
    m2 += deviation;
    m4 += deviation * deviation;
  }
  const variance = m2 / (R - 1);
  const meanZ = zScore(Math.abs(mean - expected.mean), Math.sqrt(variance / R));
  const parts = [`mean ${mean.toPrecision(5)} vs exact ${expected.mean.toPrecision(5)}, z = ${zText(meanZ)}`];
  let passed = meanZ <= NOISY_Z_LIMIT;
  if (expected.variance !== undefined) {
    // The sample variance's standard error from the sample fourth central moment.
    const varianceSe = Math.sqrt(Math.max(m4 / R - (m2 / R) ** 2, 0) / R);
    const varianceZ = zScore(Math.abs(variance - expected.variance), varianceSe);
    parts.push(
      `variance ${variance.toPrecision(5)} vs exact ${expected.variance.toPrecision(5)}, z = ${zText(varianceZ)}`,
    );
    passed &&= varianceZ <= NOISY_Z_LIMIT;
  }
  // The replicates are the coordinates of one call, each with the same u: the same value at all of
  // them, where the exact law has spread, is noise that does not change from coordinate to coordinate.
  if (rule.varies(u) && got.every((value) => Object.is(value, got[0])))
    parts.push(`all ${R} coordinates returned ${got[0].toPrecision(5)}: ${SHARED_NOISE}`);
  return {
    name: `${rule.words.momentsTest(u.length)} at ${label}`,
    status: passed ? 'pass' : 'fail',
    detail: `${parts.join('; ')}; R = ${R} replicates, tolerance ${NOISY_Z_LIMIT} standard errors`,
  };
}

/** The outputs' empirical law against the exact one (outputLaw.ts), at the same false-failure probability as each z-test. */
function lawVerdict(rule: NoisyRule, label: string, u: readonly number[], outputs: Float64Array): CheckResult {
  const { distance, at, empirical, exact } = lawDistance(outputs, rule.law(u));
  const limit = ksCriticalValue(TWO_SIDED_TAIL, outputs.length);
  return {
    name: `${rule.words.lawTest} at ${label}`,
    status: distance <= limit ? 'pass' : 'fail',
    detail: `largest gap between the empirical and the exact CDF ${distance.toPrecision(3)} at ${rule.words.point(at)} (${empirical.toPrecision(4)} vs ${exact.toPrecision(4)}), limit ${limit.toPrecision(3)} (DKW bound, false failure ≤ ${TWO_SIDED_TAIL.toExponential(1)}); R = ${outputs.length} replicates`,
  };
}

/**
 * Calls on the last setting's input, the first included: in the arrays of the call before,
 * refilled in place (as a training loop passes its gradient buffers). 7 × 20000 outputs at M = 8
 * bring back a noise table of up to about 2^20 draws that carries over from call to call.
 */
export const SAME_INPUT_CALLS = 7;

/**
 * The same input again, SAME_INPUT_CALLS − 1 more times: with noise fresh for every call, no run
 * of outputs comes back anywhere in the calls' outputs taken end to end (findRepeatedWindow). A
 * generator reseeded with a constant, or a result kept for the same arrays, repeats the first
 * call at the same coordinates; a noise table drawn once and read on from call to call repeats it
 * one table length on.
 */
async function freshForEveryCall(
  target: AggregatorUnderTest,
  rule: NoisyRule,
  input: readonly Float64Array[],
  first: Float64Array,
  label: string,
): Promise<CheckResult> {
  const name = 'draws fresh noise on every call';
  const R = first.length;
  const joined = new Float64Array(SAME_INPUT_CALLS * R);
  joined.set(first);
  for (let call = 1; call < SAME_INPUT_CALLS; call++) {
    const again = outputOf(await target.call({ vectors: input, refill: true }), R, rule);
    if (typeof again === 'string') return { name, status: 'fail', detail: `call ${call + 1} on ${label}: ${again}` };
    joined.set(again, call * R);
  }
  const calls = `${SAME_INPUT_CALLS} calls on ${label}, each after the first in the arrays of the call before, refilled`;
  const { width, repeat } = findRepeatedWindow(joined);
  if (width === undefined) {
    // Too concentrated for a run to stand out: only a whole call repeated is told apart.
    const second = joined.subarray(R, 2 * R);
    const same = first.every((value, j) => Object.is(value, second[j]));
    return same
      ? { name, status: 'fail', detail: `${calls}: the second returned the same ${R} values as the first` }
      : {
          name,
          status: 'pass',
          detail: `${calls}: the second differed from the first (outputs too concentrated to search for repeated runs)`,
        };
  }
  if (repeat === undefined)
    return {
      name,
      status: 'pass',
      detail: `${calls}: no run of ${width} outputs repeats anywhere in their ${joined.length} outputs (a chance repeat has probability ≤ ${REPEAT_FALSE_ALARM})`,
    };
  const at = (position: number) => ({ call: Math.floor(position / R) + 1, coordinate: position % R });
  const [a, b] = [at(repeat.first), at(repeat.second)];
  const why = first.every((value) => Object.is(value, first[0]))
    ? `every output of call 1 is ${first[0].toPrecision(5)}: ${SHARED_NOISE}`
    : a.coordinate === b.coordinate
      ? 'the noise repeats from call to call at the same coordinates (a generator reseeded with a constant, or a result kept for the same arrays?)'
      : a.call === b.call
        ? `a noise table of ${repeat.second - repeat.first} draws per worker cycled over the coordinates?`
        : `${repeat.second - repeat.first} outputs on: a noise table of about ${(repeat.second - repeat.first) * input.length} draws, read on from call to call?`;
  return {
    name,
    status: 'fail',
    detail: `${calls}: the ${width} outputs of call ${a.call} from coordinate ${a.coordinate} on come back in call ${b.call} from coordinate ${b.coordinate} on: ${why} Independent outputs repeat such a run with probability ≤ ${REPEAT_FALSE_ALARM}`,
  };
}

/** The centres of the call at d = LARGE_D, in units of b (Theorem 3's a). */
const WIDE_CENTRES = [0, 1, 5];

/**
 * One call at d = LARGE_D on u = (0, 1, 5)·b at every coordinate: no run of identical outputs may
 * be longer than independent draws reach with probability REPEAT_FALSE_ALARM (identicalRun.ts).
 * Coordinates past a noise buffer of fixed size (or past wherever the noise stops) all return the
 * noise-free aggregate, a run as long as they are; the calls of the settings have 20000
 * coordinates, too few to reach a buffer of 2^16.
 */
async function noiseAtEveryCoordinate(target: AggregatorUnderTest, rule: NoisyRule): Promise<CheckResult> {
  const name = `adds noise at every coordinate up to d = ${LARGE_D}`;
  const label = `one call at d = ${LARGE_D}, u = (${WIDE_CENTRES.join(', ')})·b at every coordinate`;
  const output = outputOf(
    await target.call({ vectors: constantViewsWithGaps(WIDE_CENTRES, rule.scale, LARGE_D) }),
    LARGE_D,
    rule,
  );
  if (typeof output === 'string') return { name, status: 'fail', detail: `${label}: ${output}` };
  const { limit, longest } = longestIdenticalRun(output);
  if (limit === undefined)
    return { name, status: 'skip', detail: `${label}: the outputs are too concentrated for a run to stand out` };
  const { start, length } = longest;
  return length < limit
    ? {
        name,
        status: 'pass',
        detail: `${label}: the longest run of identical outputs is ${length} (independent draws reach ${limit} with probability ≤ ${REPEAT_FALSE_ALARM})`,
      }
    : {
        name,
        status: 'fail',
        detail: `${label}: coordinates ${start} to ${start + length - 1} all returned ${output[start]}, ${length} in a row, where independent draws reach ${limit} with probability ≤ ${REPEAT_FALSE_ALARM} (no noise from some coordinate on: a noise buffer of fixed size?)`,
      };
}

/**
 * Within each call every coordinate repeats the same input, so with noise fresh for every
 * coordinate no run of outputs comes back later in the call (findRepeatedWindow); a noise table
 * cycled over the coordinates brings its run back one table length on.
 */
function freshForEveryCoordinate(outputs: readonly Float64Array[], settings: readonly NoisySetting[]): CheckResult {
  const name = 'draws fresh noise for every coordinate: no run of outputs repeats within a call';
  const searches = outputs.map((output) => findRepeatedWindow(output));
  const k = searches.findIndex((search) => search.repeat !== undefined);
  if (k >= 0) {
    const { width, repeat } = searches[k];
    const { first, second } = repeat!;
    return {
      name,
      status: 'fail',
      detail: `${settings[k].label}: the ${width} outputs from coordinate ${first} on come back from coordinate ${second} on, ${second - first} coordinates later (a noise table of ${second - first} draws cycled over the coordinates?); independent outputs repeat such a run with probability ≤ ${REPEAT_FALSE_ALARM}`,
    };
  }
  const widths = searches.map((search) => search.width).filter((width) => width !== undefined);
  return {
    name,
    status: widths.length === 0 ? 'skip' : 'pass',
    detail:
      widths.length === 0
        ? 'not tested: in every setting the outputs are too concentrated for a repeated run to stand out'
        : `no run of ${Math.min(...widths) === Math.max(...widths) ? Math.min(...widths) : `${Math.min(...widths)}–${Math.max(...widths)}`} outputs (as long as needed for a chance repeat to have probability ≤ ${REPEAT_FALSE_ALARM}) repeats within any of ${widths.length} calls of ${outputs[0].length} coordinates`,
  };
}

/**
 * Outputs k coordinates apart, for k in NEIGHBOUR_LAGS, over the settings' calls: concordant as
 * often as discordant (neighbourConcordance.ts), as iid outputs are. Noise that repeats or mirrors
 * itself a few coordinates on, which the repeat search cannot see when the workers' centres differ,
 * tilts the count.
 */
function independentNeighbours(outputs: readonly Float64Array[]): CheckResult {
  const name = `draws independent noise for nearby coordinates: outputs ${NEIGHBOUR_LAGS.join(', ')} coordinates apart are unrelated`;
  const lags = neighbourConcordance(outputs);
  const share = ({ concordant, untied }: { concordant: number; untied: number }) =>
    `${concordant} of ${untied} (${(concordant / untied).toFixed(3)})`;
  const failed = lags.find((lag) => lag.bound <= NEIGHBOUR_FALSE_ALARM);
  if (failed !== undefined)
    return {
      name,
      status: 'fail',
      detail: `outputs ${failed.lag} coordinate${failed.lag === 1 ? '' : 's'} apart, over ${outputs.length} calls whose coordinates all hold the same input: ${share(failed)} untied quadruples concordant, where independent outputs give 1/2 (a deviation this large has probability ${failed.bound === 0 ? '< 1e-300' : `≤ ${failed.bound.toExponential(1)}`}): noise drawn once for several coordinates, or one noise vector read by each worker at its own offset?`,
    };
  const tested = lags.filter((lag) => lag.untied > 0);
  if (tested.length === 0)
    return { name, status: 'skip', detail: 'not tested: the outputs never differ from one coordinate to another' };
  return {
    name,
    status: 'pass',
    detail: `over ${outputs.length} calls whose coordinates all hold the same input, the concordant share of untied quadruples at lags ${tested.map((lag) => `${lag.lag}: ${share(lag)}`).join('; ')} (per lag, false failure ≤ ${NEIGHBOUR_FALSE_ALARM}: Hoeffding's bound under the exact Binomial(N, 1/2) law of iid outputs)`,
  };
}
