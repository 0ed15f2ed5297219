import fc from 'fast-check';
import { majorityVote as createVote } from '../aggregators/majorityVote.ts';
import { median as referenceMedian } from '../aggregators/median.ts';
import { gaussian } from '../distributions/gaussian.ts';
import { noisyMedianMoments } from '../estimators/noisyMedianMoments.ts';
import { orderStatisticModel } from '../estimators/orderStatisticModel.ts';
import { deriveStream } from '../rng/RandomStream.ts';
import type { AggregatorUnderTest } from './AggregatorUnderTest.ts';
import type { Rule } from './rules.ts';

/**
 * 'incomplete': a property found no failure but ran out of its time budget before its cases were
 * done, so it has not shown what a pass shows; medmean check exits 3 on it.
 */
export type CheckStatus = 'pass' | 'fail' | 'incomplete' | 'info' | 'skip';

export interface CheckResult {
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
  /** The shrunk, minimal counterexample (JSON of the vectors), on failure. */
  readonly counterexample?: string;
  readonly runs?: number;
}

export interface CheckOptions {
  readonly seed: number;
  /** fast-check runs per property (default 200). */
  readonly runs: number;
  /** Time budget per property in ms, shrinking included (default 60000). */
  readonly budgetMs: number;
  readonly onProgress?: (name: string) => void;
  /** Stop after the first failing check (each check has its own seed, so that failure is the same as in a full run). */
  readonly bail?: boolean;
}

type Matrix = number[][];

/** The worker counts of the large-M check, and its name (tests recognise its counterexamples by it). */
export const LARGE_M = { min: 101, max: 1001 } as const;
export const LARGE_M_CHECK_NAME = `agrees with the reference at large M (${LARGE_M.min} to ${LARGE_M.max} workers)`;

/** Failure of one call, thrown inside properties so fast-check shrinks to a minimal input. */
class CallFailure extends Error {}

const toVectors = (rows: Matrix) => rows.map((row) => Float64Array.from(row));

/** The output of one call, or a CallFailure describing what went wrong with it. */
function checkedValues(rows: Matrix, outcome: Awaited<ReturnType<AggregatorUnderTest['call']>>): Float64Array {
  if (outcome.error !== undefined) throw new CallFailure(outcome.error);
  if (outcome.mutated !== undefined) throw new CallFailure(`mutated its input: ${outcome.mutated}`);
  const values = outcome.values!;
  const d = rows[0].length;
  if (values.length !== d) throw new CallFailure(`returned ${values.length} values for d = ${d} coordinates`);
  const bad = values.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) throw new CallFailure(`returned a non-finite value ${values[bad]} at coordinate ${bad} for finite input`);
  return values;
}

/** Calls the aggregator and returns its output, or throws CallFailure describing what went wrong. */
async function callChecked(target: AggregatorUnderTest, rows: Matrix): Promise<Float64Array> {
  return checkedValues(rows, await target.call(toVectors(rows)));
}

/**
 * Drops workers from a failing large-M input while it still fails, one at a time or two adjacent
 * ones (for bugs that show at even or odd M only), until none can go. With the values left
 * unshrunk, fast-check's shrinker can stop a few workers short (at 104 for an even-M bug).
 */
async function dropWorkers(rows: Matrix, failure: (rows: Matrix) => Promise<string | undefined>, deadline: number): Promise<Matrix> {
  let current = rows;
  search: while (Date.now() < deadline) {
    for (const width of [1, 2]) {
      for (let i = current.length - width; i >= 0 && current.length - width >= LARGE_M.min; i--) {
        if (Date.now() >= deadline) break search;
        const candidate = [...current.slice(0, i), ...current.slice(i + width)];
        if ((await failure(candidate)) !== undefined) {
          current = candidate;
          continue search;
        }
      }
    }
    break;
  }
  return current;
}

/**
 * M vectors of one length d, generated as rows of free length cut to the shortest, so fast-check
 * can shrink a counterexample by dropping workers, dropping coordinates and simplifying values.
 */
const shape = (minM: number, maxM: number, maxD: number, entry: fc.Arbitrary<number>, parity?: 'odd') => {
  const rows = fc
    .array(fc.array(entry, { minLength: 1, maxLength: maxD }), { minLength: minM, maxLength: maxM })
    .map((matrix) => {
      const d = Math.min(...matrix.map((row) => row.length));
      return matrix.map((row) => row.slice(0, d));
    });
  return parity === 'odd' ? rows.filter((matrix) => matrix.length % 2 === 1) : rows;
};

/** Values across magnitudes: small integers (ties), moderate doubles, ±0, subnormals, huge. */
function magnitudes(maxMagnitude: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -4, max: 4 }) },
    { weight: 3, arbitrary: fc.double({ min: -1000, max: 1000, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 1e-310, -1e-310, 2.2250738585072014e-308) },
    { weight: 2, arbitrary: fc.double({ min: -maxMagnitude, max: maxMagnitude, noNaN: true }) },
  );
}
/** Small inputs every run sees, not left to generation: one worker, all-zero coordinates (dead units, untouched embedding rows), ±0, ties. */
const EDGE_CASES: Matrix[] = [[[1]], [[-0.5, 2]], [[1], [2]], [[0], [0], [0]], [[1, -2], [3, 0.5], [2, 4]], [[2], [2], [-1]], [[0]], [[0, 0], [0, 0]], [[0, 1], [0, -1], [0, 2]], [[-0], [0]], [[-0], [-0], [-0]], [[3], [3], [3], [3]], [[-1, 0], [1, 0], [-1, 0], [1, 0]]];
const dyadic = fc.integer({ min: -1 << 20, max: 1 << 20 }).map((k) => k / 1024);

/**
 * Runs every check of `rule` against `target`. Each property is a fast-check property with its own
 * seed derived from `options.seed`; on failure it is shrunk to a minimal counterexample.
 */
export async function runChecks(target: AggregatorUnderTest, rule: Rule, options: CheckOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  try {
    await runEveryCheck(target, rule, options, (result) => {
      results.push(result);
      if (options.bail === true && result.status === 'fail') throw new StopAfterFailure();
    });
  } catch (error) {
    if (!(error instanceof StopAfterFailure)) throw error;
  }
  return results;
}

/** Thrown by `record` under `bail` once a check fails: the remaining checks are not run. */
class StopAfterFailure extends Error {}

async function runEveryCheck(target: AggregatorUnderTest, rule: Rule, options: CheckOptions, record: (result: CheckResult) => void): Promise<void> {
  /** `tighten` may carry a failing input further than fast-check's shrinker did (before `deadline`). */
  type Tighten<T> = (failing: T, failure: (value: T) => Promise<string | undefined>, deadline: number) => Promise<T>;
  const property = async <T,>(name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, runs = options.runs, tighten?: Tighten<T>) => {
    options.onProgress?.(name);
    const started = Date.now();
    const seed = Math.floor(deriveStream(options.seed, 'check', name).next() * 0x7fffffff);
    const details = await fc.check(
      fc.asyncProperty(arbitrary, async (value) => {
        await predicate(value);
      }),
      { seed, numRuns: runs, interruptAfterTimeLimit: options.budgetMs, markInterruptAsFailure: false },
    );
    if (!details.failed) {
      record(
        details.interrupted
          ? { name, status: 'incomplete', detail: `no failure in ${details.numRuns} of ${runs} generated cases: the time budget of ${options.budgetMs} ms ran out (raise --budget)`, runs: details.numRuns }
          : { name, status: 'pass', detail: `${details.numRuns} generated cases`, runs: details.numRuns },
      );
      return;
    }
    const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
    let error = message(details.errorInstance);
    let counterexample = details.counterexample?.[0];
    let tightened = '';
    if (tighten !== undefined && counterexample !== undefined) {
      const failure = (value: T) => predicate(value).then(() => undefined, message);
      const further = await tighten(counterexample, failure, started + options.budgetMs);
      if (further !== counterexample) {
        counterexample = further;
        error = (await failure(further)) ?? error;
        tightened = ', then tightened';
      }
    }
    record({
      name,
      status: 'fail',
      detail: `${error} (after ${details.numRuns} cases, ${details.numShrinks} shrinks${tightened}; fast-check seed ${seed})`,
      counterexample: counterexample === undefined ? undefined : render(counterexample),
      runs: details.numRuns,
    });
  };
  const compare = (rows: Matrix, got: Float64Array) => {
    const expected = rule.reference(toVectors(rows));
    const mismatch = rule.mismatch(got, expected, toVectors(rows));
    if (mismatch !== undefined) throw new CallFailure(`disagrees with the reference ${rule.name}: ${mismatch}`);
  };
  const agrees = async (rows: Matrix) => compare(rows, await callChecked(target, rows));

  // The edge cases first: an aggregator that hangs on one of these smallest inputs would make every
  // property spend its time budget on timeouts while shrinking, so report it once and stop.
  options.onProgress?.('agrees with the reference on the edge cases');
  const largestEdgeM = Math.max(...EDGE_CASES.map((rows) => rows.length));
  const edgeCaseName = `agrees with the reference on ${EDGE_CASES.length} fixed edge cases (one worker, all zeros, ±0, ties)`;
  let edgeCaseFailure: CheckResult | undefined;
  for (const rows of EDGE_CASES) {
    const outcome = await target.call(toVectors(rows));
    if (outcome.error !== undefined && /did not (return|answer) within/.test(outcome.error)) {
      record({ name: 'answers small inputs within the time limit', status: 'fail', detail: `${outcome.error}; the remaining checks were not run`, counterexample: JSON.stringify(rows) });
      return;
    }
    if (edgeCaseFailure !== undefined) continue;
    try {
      compare(rows, checkedValues(rows, outcome));
    } catch (error) {
      if (!(error instanceof CallFailure)) throw error;
      edgeCaseFailure = { name: edgeCaseName, status: 'fail', detail: error.message, counterexample: render(rows) };
    }
  }
  record({ name: 'answers small inputs within the time limit', status: 'pass', detail: `${EDGE_CASES.length} inputs with M = 1..${largestEdgeM}` });
  record(edgeCaseFailure ?? { name: edgeCaseName, status: 'pass', detail: `${EDGE_CASES.length} inputs` });

  const wide = rule.name === 'sign-vote' ? 1.7e308 : 1e300;
  await property('agrees with the reference (M ≤ 15, d ≤ 6, values across magnitudes)', shape(1, 15, 6, magnitudes(wide)), agrees);
  if (rule.name === 'median') await property('agrees with the reference for odd M at extreme magnitudes (±1.7e308)', shape(1, 15, 4, magnitudes(1.7e308), 'odd'), agrees);
  await property('agrees with the reference on ties and zeros', shape(1, 12, 4, fc.integer({ min: -2, max: 2 }).map((k) => (k === 0 ? 0 : k))), agrees);
  // Mostly distinct values: with the small integers and zeros of `magnitudes` alone, the median of
  // hundreds of workers is nearly always a tied small integer, which hides selection bugs. Only the
  // worker count shrinks (then dropWorkers): simplifying hundreds of values costs thousands of
  // calls, and a counterexample of 101 rows is read through the coordinate its failure names anyway.
  const distinctMostly = fc.noShrink(fc.oneof({ weight: 4, arbitrary: fc.noBias(fc.double({ min: -1e300, max: 1e300, noNaN: true })) }, { weight: 1, arbitrary: magnitudes(1e300) }));
  const manyWorkers = fc.array(fc.array(distinctMostly, { minLength: 2, maxLength: 2 }), { minLength: LARGE_M.min, maxLength: LARGE_M.max, size: 'max' });
  await property(LARGE_M_CHECK_NAME, manyWorkers, agrees, Math.max(3, Math.ceil(options.runs / 40)), dropWorkers);
  options.onProgress?.('agrees with the reference at d = 100000');
  record(await largeDimension(target, rule, options.seed));

  if (rule.name === 'median') {
    await property('odd-M median is one of the inputs', shape(1, 15, 4, magnitudes(1.7e308), 'odd'), async (rows) => {
      const got = await callChecked(target, rows);
      got.forEach((value, j) => {
        if (!rows.some((row) => row[j] === value)) throw new CallFailure(`coordinate ${j}: ${value} is not one of the inputs ${JSON.stringify(rows.map((row) => row[j]))}`);
      });
    });
  }
  await property('invariant under permuting the workers', fc.record({ vectors: shape(1, 12, 4, magnitudes(1e300)), rotation: fc.nat() }), async ({ vectors: rows, rotation }) => {
    const permuted = rows.map((_, i) => rows[(i + rotation) % rows.length]).reverse();
    const a = await callChecked(target, rows);
    const b = await callChecked(target, permuted);
    const mismatch = rule.mismatch(b, a, toVectors(rows));
    if (mismatch !== undefined) throw new CallFailure(`output changed when the workers were reordered: ${mismatch}`);
  });
  if (rule.name === 'median' || rule.name === 'mean') {
    await property('translation equivariant: A(v + c) = A(v) + c (dyadic values, exact)', fc.record({ vectors: shape(1, 12, 4, dyadic), shift: dyadic }), async ({ vectors: rows, shift: c }) => {
      const base = await callChecked(target, rows);
      const moved = await callChecked(target, rows.map((row) => row.map((x) => x + c)));
      const mismatch = rule.mismatch(moved, base.map((x) => x + c), toVectors(rows));
      if (mismatch !== undefined) throw new CallFailure(`shift by ${c}: ${mismatch}`);
    });
    await property('positive-scale equivariant: A(s·v) = s·A(v) (s a power of two)', fc.record({ vectors: shape(1, 12, 4, dyadic), scale: fc.constantFrom(0.25, 0.5, 2, 8) }), async ({ vectors: rows, scale: s }) => {
      const base = await callChecked(target, rows);
      const scaled = await callChecked(target, rows.map((row) => row.map((x) => x * s)));
      const mismatch = rule.mismatch(scaled, base.map((x) => x * s), toVectors(rows.map((row) => row.map((x) => x * s))));
      if (mismatch !== undefined) throw new CallFailure(`scale by ${s}: ${mismatch}`);
    });
  } else {
    // Entries 0 or with 1e-200 ≤ |x| ≤ 1e200, so that scaling by s ∈ [1e-3, 1e3] neither underflows nor overflows.
    const scalable = fc.oneof(fc.constantFrom(0, -0), fc.double({ min: 1e-200, max: 1e200, noNaN: true }), fc.double({ min: -1e200, max: -1e-200, noNaN: true }), fc.integer({ min: -3, max: 3 }));
    await property('positive-scale invariant and sign-flip equivariant', fc.record({ vectors: shape(1, 12, 4, scalable), scale: fc.double({ min: 1e-3, max: 1e3, noNaN: true }) }), async ({ vectors: rows, scale: s }) => {
      const base = await callChecked(target, rows);
      const scaled = await callChecked(target, rows.map((row) => row.map((x) => x * s)));
      const flipped = await callChecked(target, rows.map((row) => row.map((x) => -x)));
      base.forEach((v, j) => {
        if (scaled[j] !== v) throw new CallFailure(`coordinate ${j}: vote ${v} became ${scaled[j]} after scaling by ${s}`);
        if (flipped[j] !== -v) throw new CallFailure(`coordinate ${j}: vote ${v} became ${flipped[j]} after negating the inputs (expected ${-v})`);
      });
    });
  }
  if (rule.name !== 'mean') {
    const nonzero = magnitudes(1e300).filter((x) => x !== 0);
    await property('Proposition 1: sign(vote) = sign(median) for odd M and nonzero entries', shape(1, 15, 4, nonzero, 'odd'), async (rows) => {
      const got = await callChecked(target, rows);
      const vectors = toVectors(rows);
      const counterpart = rule.name === 'median' ? createSigns(createVote(vectors)) : createSigns(referenceMedian(vectors));
      got.forEach((value, j) => {
        const own = rule.name === 'median' ? Math.sign(value) : value;
        if (own !== counterpart[j]) throw new CallFailure(`coordinate ${j}: ${rule.name === 'median' ? `sign of the median ${Math.sign(value)}` : `vote ${value}`} but ${rule.name === 'median' ? 'majority vote' : 'sign of the median'} ${counterpart[j]}`);
      });
    });
  }
  if (target.observesMutation) {
    await property('does not mutate its input', shape(1, 12, 4, magnitudes(1e300)), async (rows) => {
      await callChecked(target, rows);
    });
  } else {
    record({ name: 'does not mutate its input', status: 'skip', detail: 'not observable for an external command (it receives a copy)' });
  }
  options.onProgress?.('Theorem 4');
  record(await theorem4Behaviour(target, rule, options.seed));
  options.onProgress?.('timing');
  record(await timing(target));
}

/** JSON for counterexamples; keeps −0 visible (JSON.stringify writes it as 0). */
function render(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (Object.is(v, -0) ? '-0' : v)).replace(/"-0"/g, '-0');
}

function createSigns(values: Float64Array): number[] {
  return Array.from(values, (v) => (v > 0 ? 1 : v < 0 ? -1 : 0));
}

/** One call at M = 5, d = 100000 with seeded normal values, compared with the reference. */
async function largeDimension(target: AggregatorUnderTest, rule: Rule, seed: number): Promise<CheckResult> {
  const name = 'agrees with the reference at d = 100000 (M = 5)';
  const stream = deriveStream(seed, 'check', 'large-d');
  const vectors = Array.from({ length: 5 }, () => gaussian.sample(stream, new Float64Array(100_000)));
  const outcome = await target.call(vectors);
  if (outcome.error !== undefined || outcome.mutated !== undefined) return { name, status: 'fail', detail: outcome.error ?? `mutated its input: ${outcome.mutated}` };
  const got = outcome.values!;
  if (got.length !== 100_000) return { name, status: 'fail', detail: `returned ${got.length} values for d = 100000` };
  const expected = rule.reference(vectors);
  const mismatch = rule.mismatch(got, expected, vectors);
  if (mismatch === undefined) return { name, status: 'pass', detail: `1 call, seeded N(0, 1) entries, ${outcome.elapsedMs.toFixed(1)} ms` };
  // Nothing to shrink (the input is fixed by the seed): name the first coordinate at fault instead.
  const column = (j: number) => vectors.map((v) => v.subarray(j, j + 1));
  const j = expected.findIndex((_, k) => rule.mismatch(got.subarray(k, k + 1), expected.subarray(k, k + 1), column(k)) !== undefined);
  return {
    name,
    status: 'fail',
    detail: mismatch,
    counterexample: j < 0 ? undefined : `M = 5, d = 100000, N(0, 1) entries from --seed ${seed}; first coordinate at fault: ${j}, where the workers hold ${render(column(j).map((c) => c[0]))}`,
  };
}

/**
 * Theorem 4: the user's aggregator applied to noisy inputs u_i + b·ξ_i (Gaussian) over R = 20000
 * replicates (one call, one replicate per coordinate) must reproduce the exact expectation:
 * E[median] (median; its bias shrinks toward ū = 2 as b grows), E[vote] = P(median > 0) −
 * P(median < 0) (sign-vote), or ū (mean). Each of 3 noise scales is a z-test at 4.5 standard
 * errors: false-failure probability ≤ 3 × 6.8e-6 ≈ 2e-5.
 */
async function theorem4Behaviour(target: AggregatorUnderTest, rule: Rule, seed: number): Promise<CheckResult> {
  const R = 20_000;
  const u = rule.name === 'sign-vote' ? [-1, 0.5, 2] : [0, 1, 5];
  const uBar = u.reduce((s, v) => s + v, 0) / u.length;
  const scales = rule.name === 'sign-vote' ? [0.5, 2, 8] : [1, 4, 16];
  const name = rule.name === 'median' ? 'Theorem 4: noisy median bias shrinks like the exact reference' : rule.name === 'sign-vote' ? 'Theorem 4: noisy vote matches P(median > 0) − P(median < 0)' : 'noisy mean is unbiased';
  const parts: string[] = [];
  let failed = false;
  for (const b of scales) {
    const stream = deriveStream(seed, 'check', 'theorem4', String(b));
    const vectors = u.map((ui) => {
      const row = gaussian.sample(stream, new Float64Array(R));
      for (let r = 0; r < R; r++) row[r] = ui + b * row[r];
      return row;
    });
    const outcome = await target.call(vectors);
    if (outcome.error !== undefined || outcome.values === undefined || outcome.values.length !== R) {
      return { name, status: 'fail', detail: `b = ${b}: ${outcome.error ?? 'wrong output length'}` };
    }
    const got = outcome.values;
    let sum = 0;
    for (let r = 0; r < R; r++) sum += got[r];
    const average = sum / R;
    let squares = 0;
    for (let r = 0; r < R; r++) squares += (got[r] - average) ** 2;
    const standardError = Math.sqrt(squares / (R - 1) / R);
    const expected =
      rule.name === 'median'
        ? noisyMedianMoments(u, b, gaussian).mean
        : rule.name === 'sign-vote'
          ? (() => {
              const model = orderStatisticModel(Float64Array.from(u), b, gaussian, 2);
              const s0 = (0 - uBar) / b;
              return model.sf(s0) - model.cdf(s0);
            })()
          : uBar;
    const z = Math.abs(average - expected) / Math.max(standardError, 1e-300);
    if (!(z <= 4.5)) failed = true;
    parts.push(`b = ${b}: ${average.toFixed(4)} ± ${standardError.toExponential(1)} vs exact ${expected.toFixed(4)}${rule.name === 'median' ? ` (bias ${(expected - uBar).toFixed(4)})` : ''}, z = ${z.toFixed(2)}`);
  }
  return { name, status: failed ? 'fail' : 'pass', detail: `${parts.join('; ')}; R = ${R} replicates per b, tolerance 4.5 standard errors` };
}

/** Median time of 15 calls at M = 11, d = 10000 (information only, never a verdict). */
async function timing(target: AggregatorUnderTest): Promise<CheckResult> {
  const stream = deriveStream(0, 'check', 'timing');
  const vectors = Array.from({ length: 11 }, () => gaussian.sample(stream, new Float64Array(10_000)));
  const times: number[] = [];
  for (let k = 0; k < 15; k++) {
    const outcome = await target.call(vectors);
    if (outcome.error !== undefined) return { name: 'timing', status: 'info', detail: `not measured: ${outcome.error}` };
    times.push(outcome.elapsedMs);
  }
  times.sort((a, b) => a - b);
  return { name: 'timing', status: 'info', detail: `${times[7].toFixed(3)} ms per call at M = 11, d = 10000 (median of 15 calls${target.observesMutation ? '' : ', including JSON transfer'})` };
}
