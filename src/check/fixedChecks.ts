import { gaussian } from '../distributions/gaussian.ts';
import { deriveStream, type RandomStream } from '../rng/RandomStream.ts';
import type { AggregationRequest, AggregatorUnderTest, CallOutcome } from './AggregatorUnderTest.ts';
import { renderCase, type Case } from './cases.ts';
import { largestMagnitude, rangeExponent, scaleBy } from './fitToRange.ts';
import type { CheckResult } from './CheckResult.ts';
import type { Rule } from './rules.ts';
import { KEPT_RESULTS } from './callerMemory.mjs';

/** The rule's weights for M clients drawn from the seed, or none when the rule has no weights. */
const seededWeights = (rule: Rule, seed: number, M: number) =>
  rule.weights?.finish(rule.weights.seeded(deriveStream(seed, 'check', 'weights', String(M)), M));

/**
 * The large dimension: prime, so that code working in blocks of any size (unrolled loops, SIMD
 * lanes, chunks) has a remainder here to get wrong.
 */
export const LARGE_D = 100_003;

/**
 * M rows of d seeded N(0, 1) values, scaled by a power of two when the declared range is narrower
 * than the draws (and `entries` says so), in the rule's dtype.
 */
function seededNormals(rule: Rule, stream: RandomStream, M: number, d: number) {
  const rows = Array.from({ length: M }, () => gaussian.sample(stream, new Float64Array(d)));
  const exponent = rangeExponent(largestMagnitude(rows), rule.maxAbs);
  const vectors = rows.map((row) => rule.dtype.array(exponent === 0 ? row : row.map((x) => scaleBy(x, exponent))));
  return { vectors, entries: exponent === 0 ? 'N(0, 1)' : `N(0, 1) × 2^${exponent} (to fit --max-abs)` };
}

/** One call at d = LARGE_D with seeded normal values, compared with the reference. */
export async function largeDimension(target: AggregatorUnderTest, rule: Rule, seed: number): Promise<CheckResult> {
  const M = Math.max(5, rule.minWorkers);
  const name = `agrees with the reference at d = ${LARGE_D} (M = ${M})`;
  const stream = deriveStream(seed, 'check', 'large-d');
  const { vectors, entries } = seededNormals(rule, stream, M, LARGE_D);
  const request: AggregationRequest = { vectors, weights: seededWeights(rule, seed, M) };
  const outcome = await target.call(request);
  const fault = seededCallFault(rule, request, outcome);
  if (fault === undefined)
    return {
      name,
      status: 'pass',
      detail: `1 call, seeded ${entries} entries, ${outcome.elapsedMs.toFixed(1)} ms`,
    };
  const { detail, j } = fault;
  return {
    name,
    status: 'fail',
    detail,
    counterexample:
      j === undefined
        ? undefined
        : `M = ${M}, d = ${LARGE_D}, ${entries} entries from --seed ${seed}; first coordinate at fault: ${j}, where the workers hold ${renderCase(vectors.map((v) => v[j]))}${request.weights === undefined ? '' : ` with weights ${JSON.stringify(request.weights)}`}`,
  };
}

/**
 * What is wrong with the outcome of one seeded call, or undefined when it agrees with the
 * reference: in words, and, for wrong values, the first coordinate at fault (the input is fixed by
 * the seed, so there is nothing to shrink; that coordinate is the counterexample).
 */
function seededCallFault(
  rule: Rule,
  request: AggregationRequest,
  outcome: CallOutcome,
): { detail: string; j?: number } | undefined {
  if (outcome.kind !== 'values') return { detail: outcome.kind === 'mutated' ? outcome.mutated : outcome.error };
  const got = outcome.values;
  const d = request.vectors[0].length;
  if (got.length !== d) return { detail: `returned ${got.length} values for d = ${d}` };
  const expected = rule.reference(request);
  const mismatch = rule.mismatch(got, expected, request);
  if (mismatch === undefined) return undefined;
  const column = (k: number): AggregationRequest => ({
    vectors: request.vectors.map((v) => v.subarray(k, k + 1)),
    weights: request.weights,
  });
  const j = expected.findIndex(
    (_, k) => rule.mismatch(got.subarray(k, k + 1), expected.subarray(k, k + 1), column(k)) !== undefined,
  );
  return { detail: mismatch, j: j < 0 ? undefined : j };
}

/**
 * Theorem 4's setting: the aggregator applied to noisy inputs u_i + b·ξ_i (Gaussian, rounded to
 * the dtype) over R = 20000 replicates (one call, one replicate per coordinate) must reproduce the
 * exact expectation: E[median] (its bias shrinks toward ū as b grows), E[vote] = P(median > 0) −
 * P(median < 0), or the (weighted) mean of the centres. Each of 3 noise scales is a z-test at 4.5
 * standard errors: false-failure probability ≤ 3 × 6.8e-6 ≈ 2e-5.
 */
export async function theorem4Behaviour(target: AggregatorUnderTest, rule: Rule, seed: number): Promise<CheckResult> {
  const R = 20_000;
  const setting = rule.noisyBehaviour;
  const parts: string[] = [];
  let failed = false;
  for (const b of setting.scales) {
    const stream = deriveStream(seed, 'check', 'theorem4', String(b));
    const rows = setting.centres.map((ui) => {
      const row = gaussian.sample(stream, new Float64Array(R));
      for (let r = 0; r < R; r++) row[r] = ui + b * row[r];
      return row;
    });
    // Within a declared range narrower than the draws: every value scaled by one power of two s,
    // the same instance of the theorem at centres s·u and noise s·b (an equivariant rule's
    // expectation scales with it, the vote's does not).
    const exponent = rangeExponent(largestMagnitude(rows), rule.maxAbs);
    const vectors = rows.map((row) => rule.dtype.array(exponent === 0 ? row : row.map((x) => scaleBy(x, exponent))));
    const outcome = await target.call({ vectors, weights: setting.weights });
    if (outcome.kind !== 'values' || outcome.values.length !== R) {
      return {
        name: setting.name,
        status: 'fail',
        detail: `b = ${b}: ${outcome.kind === 'values' ? 'wrong output length' : outcome.kind === 'mutated' ? outcome.mutated : outcome.error}`,
      };
    }
    const got = outcome.values;
    const back = rule.traits.scaling === 'equivariant' ? -exponent : 0;
    const unscaled = back === 0 ? got : got.map((x) => scaleBy(x, back));
    let sum = 0;
    for (let r = 0; r < R; r++) sum += unscaled[r];
    const average = sum / R;
    let squares = 0;
    for (let r = 0; r < R; r++) squares += (unscaled[r] - average) ** 2;
    const standardError = Math.sqrt(squares / (R - 1) / R);
    const expected = setting.expected(b);
    const z = Math.abs(average - expected) / Math.max(standardError, 1e-300);
    if (!(z <= 4.5)) failed = true;
    const uBar = setting.centres.reduce((s, x) => s + x, 0) / setting.centres.length;
    parts.push(
      `b = ${b}${exponent === 0 ? '' : ` (every value × 2^${exponent} to fit --max-abs, output scaled back)`}: ${average.toFixed(4)} ± ${standardError.toExponential(1)} vs exact ${expected.toFixed(4)}${setting.showBias ? ` (bias ${(expected - uBar).toFixed(4)})` : ''}, z = ${z.toFixed(2)}`,
    );
  }
  return {
    name: setting.name,
    status: failed ? 'fail' : 'pass',
    detail: `${parts.join('; ')}; R = ${R} replicates per b, tolerance 4.5 standard errors`,
  };
}

/** Median time of 5 calls at M = 11, d = 10000 (information only, never a verdict). */
export async function timing(target: AggregatorUnderTest, rule: Rule): Promise<CheckResult> {
  const M = Math.max(11, rule.minWorkers);
  const stream = deriveStream(0, 'check', 'timing');
  const request: AggregationRequest = {
    vectors: seededNormals(rule, stream, M, 10_000).vectors,
    weights: seededWeights(rule, 0, M),
  };
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const outcome = await target.call(request);
    if (outcome.kind === 'error' || outcome.kind === 'timeout')
      return { name: 'timing', status: 'info', detail: `not measured: ${outcome.error}` };
    times.push(outcome.elapsedMs);
  }
  times.sort((a, b) => a - b);
  return {
    name: 'timing',
    status: 'info',
    detail: `${times[2].toFixed(3)} ms per call at M = ${M}, d = 10000 (median of 5 calls${target.observesMutation ? '' : ', including JSON transfer'})`,
  };
}

export const KEEPS_EARLIER_RESULTS = 'leaves the arrays it returned alone on later calls';

/**
 * Why a check of the caller's memory is skipped for an external command, and where the fault is
 * still caught: python/medmean_serve.py refills one input array in place, keeps the last results
 * and compares them, and reports changes to its input, so under it the fault fails whichever
 * call shows it.
 */
export const servedByCommand = (why: string) =>
  `skipped for an external command (${why}); medmean_serve.py calls a Python function as this check calls a module, so there the fault fails whichever call shows it`;

/**
 * The verdict on earlier results: `overwrote` is the first change a call made to an array one of
 * the KEPT_RESULTS calls before it returned (CallOutcome.overwroteEarlier), undefined when none
 * did. Skipped for an external command, whose results arrive as copies.
 */
export function earlierResultsVerdict(
  target: AggregatorUnderTest,
  overwrote: string | undefined,
  checked: string,
  counterexample?: string,
): CheckResult {
  const name = KEEPS_EARLIER_RESULTS;
  if (!target.observesMutation)
    return { name, status: 'skip', detail: servedByCommand('its results arrive as copies') };
  return overwrote === undefined
    ? { name, status: 'pass', detail: checked }
    : { name, status: 'fail', detail: overwrote, counterexample };
}

export const READS_REFILLED_INPUT = 'reads its input afresh when the caller refills the same arrays';

/** One call more than the earlier results each call is checked against, so that a pool of KEPT_RESULTS output arrays comes round. */
export const REUSED_ARRAY_CALLS = KEPT_RESULTS + 1;
const REUSED_D = 4;

/**
 * The values of call `call` (0-based) of the sequence: column j holds (sign)(i + 1 + j)/4 at
 * worker i, positive in even columns and negative in odd ones, and each call after the first
 * negates one more column in turn (column (call − 1) mod d). Every column's aggregate is nonzero
 * under every rule, so negating a column changes it: consecutive inputs differ in exactly that
 * column, and so do their aggregates.
 */
function reusedArrayRows(M: number, call: number): number[][] {
  const flips = (j: number) => (call > j ? Math.floor((call - 1 - j) / REUSED_D) + 1 : 0);
  const negated = (j: number) => flips(j) % 2 === 1;
  return Array.from({ length: M }, (_, i) =>
    Array.from({ length: REUSED_D }, (_, j) => (j % 2 === 0 ? 1 : -1) * (negated(j) ? -1 : 1) * ((i + 1 + j) / 4)),
  );
}

/**
 * REUSED_ARRAY_CALLS calls at M = max(3, minWorkers), d = 4, each after the first in the arrays
 * of the call before, refilled in place with one column negated (the columns in turn), as training
 * code that reuses its gradient buffers makes them. Two verdicts, in this order:
 * - no call changes an array one of the KEPT_RESULTS calls before it returned (an output buffer,
 *   or a pool of them used in turn, overwrites what training code keeps as an earlier aggregate:
 *   momentum, error feedback);
 * - every call returns the aggregate of its new values (an aggregator that remembers its last
 *   input by identity, or by a few of its entries, returns the previous step's instead: a cache,
 *   a "nothing changed" shortcut).
 * Both are skipped for an external command, whose calls receive and return copies.
 */
export async function callsInReusedArrays(
  target: AggregatorUnderTest,
  rule: Rule,
): Promise<[keeps: CheckResult, reads: CheckResult]> {
  if (!target.observesMutation)
    return [
      earlierResultsVerdict(target, undefined, ''),
      {
        name: READS_REFILLED_INPUT,
        status: 'skip',
        detail: servedByCommand('every call receives new copies'),
      },
    ];
  const M = Math.max(3, rule.minWorkers);
  const exponent = rangeExponent(largestMagnitude(reusedArrayRows(M, 0)), rule.maxAbs);
  const request = (call: number): AggregationRequest => ({
    vectors: reusedArrayRows(M, call).map((row) => rule.dtype.array(row.map((x) => scaleBy(x, exponent)))),
    weights: rule.weights?.finish(Array.from({ length: M }, (_, i) => i + 1)),
    refill: call > 0,
  });
  const sequence = `${REUSED_ARRAY_CALLS} calls at M = ${M}, d = ${REUSED_D}, each after the first in the arrays of the call before, refilled with one column negated`;
  const upTo = (call: number) =>
    call === 0
      ? `call 1 ${renderCase(asCase(request(0)))}`
      : `call ${call} ${renderCase(asCase(request(call - 1)))}, then call ${call + 1} in the same arrays refilled with ${renderCase(asCase(request(call)))}`;
  let overwrote: string | undefined;
  let stale: CheckResult | undefined;
  for (let call = 0; call < REUSED_ARRAY_CALLS; call++) {
    const outcome = await target.call(request(call));
    if (outcome.kind === 'error' || outcome.kind === 'timeout') {
      const failed = {
        status: 'fail' as const,
        detail: `call ${call + 1}: ${outcome.error}`,
        counterexample: upTo(call),
      };
      return [
        { name: KEEPS_EARLIER_RESULTS, ...failed },
        { name: READS_REFILLED_INPUT, ...failed },
      ];
    }
    // Only arrays returned within the sequence: its counterexample is then the whole story.
    const change = outcome.overwroteEarlier;
    if (overwrote === undefined && change !== undefined && change.callsBack <= call)
      overwrote = `call ${call + 1} ${change.detail}`;
    if (stale !== undefined) continue;
    // A request of its own: the one sent may have been changed by an in-process aggregator.
    const compared = request(call);
    const mismatch =
      outcome.kind === 'mutated' ? outcome.mutated : rule.mismatch(outcome.values, rule.reference(compared), compared);
    if (mismatch !== undefined)
      stale = {
        name: READS_REFILLED_INPUT,
        status: 'fail',
        detail:
          call === 0 || outcome.kind === 'mutated'
            ? `call ${call + 1}: ${mismatch}`
            : `call ${call + 1}, after the caller refilled the previous call's arrays with new values: ${mismatch}`,
        counterexample: upTo(call),
      };
  }
  const keeps = earlierResultsVerdict(
    target,
    overwrote,
    sequence,
    overwrote === undefined ? undefined : `${sequence}; call 1 ${renderCase(asCase(request(0)))}`,
  );
  return [keeps, stale ?? { name: READS_REFILLED_INPUT, status: 'pass', detail: sequence }];
}

export const READS_VIEWS = 'reads vectors that are views into one shared buffer';
const VIEWS_D = 37;
/** Elements before the first view and between views: other values a misplaced read picks up. */
const VIEWS_GAP = 3;

/**
 * One seeded call at M = max(5, minWorkers), d = 37, whose vectors are views into one typed array
 * (byteOffset > 0), each VIEWS_GAP elements after the one before, the gaps holding other seeded
 * values: how a caller passes every worker's gradient kept in one allocation, or gradients read
 * from pooled network buffers (Node's Buffer). An aggregator that reads `vector.buffer` from its
 * start, or copies whole buffers, reads the wrong values. Modules only: an external command
 * receives JSON.
 */
export async function viewsIntoOneBuffer(target: AggregatorUnderTest, rule: Rule, seed: number): Promise<CheckResult> {
  const name = READS_VIEWS;
  if (!target.observesMutation)
    return { name, status: 'skip', detail: 'not observable for an external command (it receives JSON)' };
  const M = Math.max(5, rule.minWorkers);
  const stream = deriveStream(seed, 'check', 'views');
  const { vectors: rows, entries } = seededNormals(rule, stream, M + 1, VIEWS_D);
  const filler = rows[M];
  const offsets = Array.from({ length: M }, (_, i) => VIEWS_GAP * (i + 1) + i * VIEWS_D);
  const length = offsets[M - 1] + VIEWS_D + VIEWS_GAP;
  const shared = rule.dtype.array(Array.from({ length }, (_, k) => filler[k % VIEWS_D]));
  const vectors = offsets.map((offset, i) => {
    const view = shared.subarray(offset, offset + VIEWS_D);
    view.set(rows[i]);
    return view;
  });
  const request: AggregationRequest = {
    vectors,
    weights: seededWeights(rule, seed, M),
  };
  const layout = `each vector a view of ${VIEWS_D} elements into one ${shared.constructor.name} of ${length}, at element offsets ${offsets.join(', ')} (the gaps hold other values)`;
  const fault = seededCallFault(rule, request, await target.call(request));
  if (fault === undefined) return { name, status: 'pass', detail: `M = ${M}, d = ${VIEWS_D}, ${layout}` };
  const { detail, j } = fault;
  return {
    name,
    status: 'fail',
    detail,
    counterexample: `M = ${M}, d = ${VIEWS_D}, ${entries} entries from --seed ${seed}, ${layout}${j === undefined ? '' : `; first coordinate at fault: ${j}, where the workers hold ${renderCase(vectors.map((v) => v[j]))}`}`,
  };
}

/**
 * Workers of the huge-M check: past 2^12, so that a buffer or table sized for 1024, 2048 or 4096
 * workers (the law at 101 to 1001 workers stays below all three) runs out. (Past 2^16, for 16-bit
 * ranks, the call cost about 0.3 s per run, a third of a whole check.)
 */
export const HUGE_M = 4099;
/**
 * Workers of the huge-M check for a rule that counts workers (the vote): past 2^15, so that a count
 * held in 16 bits (an Int16Array, np.int16) wraps on the coordinates where every worker agrees.
 * About 0.1 s more per run than HUGE_M, paid by the vote alone.
 */
export const HUGE_VOTE_M = 32769;
const HUGE_M_D = 3;

/** The worker count of the huge-M check for `rule`. */
export const hugeWorkerCountOf = (rule: Rule): number =>
  Math.max(rule.traits.countsWorkers ? HUGE_VOTE_M : HUGE_M, rule.minWorkers);

/**
 * One seeded call at M = hugeWorkerCountOf(rule) workers, d = 3 (the vectors views into one
 * buffer, one transfer): federated rounds with thousands of clients. Coordinate 0 holds N(0, 1)
 * draws; at coordinates 1 and 2 every worker agrees (the magnitudes of draws, positive at 1,
 * negative at 2), as on a strong gradient, where a count reaches M. Code sized for fewer workers
 * (a column scratch of 1024, a count in 16 bits) passes the law at 101 to 1001 workers and fails
 * here.
 */
export async function hugeWorkerCount(target: AggregatorUnderTest, rule: Rule, seed: number): Promise<CheckResult> {
  const M = hugeWorkerCountOf(rule);
  const name = `agrees with the reference at M = ${M} workers (d = ${HUGE_M_D})`;
  // One fill of M·d normals (the fast bulk sampler), then a view per worker.
  const flat = gaussian.sample(deriveStream(seed, 'check', 'huge-m'), new Float64Array(M * HUGE_M_D));
  for (let i = 0; i < M; i++) {
    flat[i * HUGE_M_D + 1] = Math.abs(flat[i * HUGE_M_D + 1]);
    flat[i * HUGE_M_D + 2] = -Math.abs(flat[i * HUGE_M_D + 2]);
  }
  const exponent = rangeExponent(largestMagnitude([flat]), rule.maxAbs);
  const shared = rule.dtype.array(exponent === 0 ? flat : flat.map((x) => scaleBy(x, exponent)));
  const scaled = exponent === 0 ? '' : ` × 2^${exponent} (to fit --max-abs)`;
  const entries = `N(0, 1)${scaled} at coordinate 0, |N(0, 1)|${scaled} at 1 and −|N(0, 1)|${scaled} at 2`;
  const vectors = Array.from({ length: M }, (_, i) => shared.subarray(i * HUGE_M_D, (i + 1) * HUGE_M_D));
  const request: AggregationRequest = { vectors, weights: seededWeights(rule, seed, M) };
  const fault = seededCallFault(rule, request, await target.call(request));
  if (fault === undefined) return { name, status: 'pass', detail: `1 call, seeded entries: ${entries}` };
  const { detail, j } = fault;
  return {
    name,
    status: 'fail',
    detail: `${detail} (a count, index or buffer sized for fewer workers?)`,
    counterexample: `M = ${M}, d = ${HUGE_M_D}, entries from --seed ${seed}: ${entries}${j === undefined ? '' : `; first coordinate at fault: ${j}`}`,
  };
}

export const CONCURRENT_CALLS = 'gives each of two calls made at once its own result';

/**
 * Two calls at d = LARGE_D made at once (the second starts before the first is awaited), as
 * training code that aggregates a model's tensors with Promise.all makes them: each result must
 * be the aggregate of its own input. An async aggregator
 * that keeps state in its module across an await (an output or scratch buffer, a cursor) mixes
 * the two calls. Modules only: an external command answers one request at a time.
 */
export async function concurrentCalls(target: AggregatorUnderTest, rule: Rule, seed: number): Promise<CheckResult> {
  const name = CONCURRENT_CALLS;
  if (target.callTogether === undefined)
    return { name, status: 'skip', detail: 'not checked for an external command (it answers one request at a time)' };
  const M = Math.max(5, rule.minWorkers);
  const seeded = [1, 2].map((call) => seededNormals(rule, deriveStream(seed, 'check', 'concurrent', call), M, LARGE_D));
  const requests = seeded.map(
    ({ vectors }, k): AggregationRequest => ({
      vectors,
      weights: seededWeights(rule, seed + k + 1, M),
    }),
  );
  const outcomes = await target.callTogether(requests);
  for (const [k, outcome] of outcomes.entries()) {
    const fault = seededCallFault(rule, requests[k], outcome);
    if (fault === undefined) continue;
    const { detail, j } = fault;
    const input = `two calls made at once, M = ${M}, d = ${LARGE_D}, seeded ${seeded[k].entries} entries from --seed ${seed}`;
    const holding = (call: number) => renderCase(requests[call].vectors.map((v) => v[j!]));
    return {
      name,
      status: 'fail',
      detail: `call ${k + 1} of two made at once: ${detail}`,
      counterexample:
        j === undefined
          ? input
          : `${input}; first coordinate at fault in call ${k + 1}: ${j}, where its workers hold ${holding(k)} and those of the other call ${holding(1 - k)}`,
    };
  }
  return { name, status: 'pass', detail: `two calls at once, M = ${M}, d = ${LARGE_D}` };
}

const asCase = (request: AggregationRequest): Case => ({
  rows: request.vectors.map((vector) => Array.from(vector)),
  weights: request.weights === undefined ? undefined : [...request.weights],
});
