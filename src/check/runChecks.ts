import fc from 'fast-check';
import { deriveStream } from '../rng/RandomStream.ts';
import type { AggregatorUnderTest, CallOutcome } from './AggregatorUnderTest.ts';
import { edgeCases, renderCase, toRequest, type Case } from './cases.ts';
import type { CheckResult } from './CheckResult.ts';
import {
  KEEPS_EARLIER_RESULTS,
  CONCURRENT_CALLS,
  concurrentCalls,
  READS_REFILLED_INPUT,
  READS_VIEWS,
  LARGE_D,
  largeDimension,
  theorem4Behaviour,
  timing,
  servedByCommand,
  viewsIntoOneBuffer,
  hugeWorkerCount,
  hugeWorkerCountOf,
  callsInReusedArrays,
} from './fixedChecks.ts';
import { CallFailure, lawsFor, type Law, type LawContext } from './laws.ts';
import type { Rule } from './rules.ts';
import { compareWithin } from './compareWithin.ts';

export type { CheckResult, CheckStatus } from './CheckResult.ts';
export { LARGE_M, LARGE_M_CHECK_NAME } from './laws.ts';

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

/** The output of one call, or a CallFailure describing what went wrong with it. */
function checkedValues(testCase: Case, outcome: CallOutcome): Float64Array {
  if (outcome.kind === 'error' || outcome.kind === 'timeout') throw new CallFailure(outcome.error);
  if (outcome.kind === 'mutated') throw new CallFailure(outcome.mutated);
  const { values } = outcome;
  const d = testCase.rows[0].length;
  if (values.length !== d) throw new CallFailure(`returned ${values.length} values for d = ${d} coordinates`);
  const bad = values.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0)
    throw new CallFailure(`returned a non-finite value ${values[bad]} at coordinate ${bad} for finite input`);
  return values;
}

/** Relative distance within which a float32 computation of the reference can land (about 2^14 float32 ulps). */
const FLOAT32_NEAR = 2 ** -10;

/**
 * A hint when a float64 check fails on an output that is float32 throughout, near the reference,
 * while the reference is not float32: the aggregator computes in float32. A float32 output far from
 * the reference (0.125 for 0.1176 from integer inputs) is a wrong answer, not a precision.
 */
function dtypeHint(rule: Rule, got: Float64Array, expected: Float64Array): string {
  if (rule.dtype.name !== 'float64') return '';
  const isFloat32 = (x: number) => Math.fround(x) === x;
  const scale = expected.reduce((largest, x) => Math.max(largest, Math.abs(x)), 0);
  const near = got.every((x, j) => Math.abs(x - expected[j]) <= FLOAT32_NEAR * scale);
  return near && got.every(isFloat32) && !expected.every(isFloat32)
    ? ' (every output value is a float32: if the aggregator computes in float32, check it with --dtype float32)'
    : '';
}

function lawContext(target: AggregatorUnderTest, rule: Rule): LawContext {
  const call = async (testCase: Case) => checkedValues(testCase, await target.call(toRequest(rule, testCase)));
  return {
    rule,
    call,
    async agrees(testCase) {
      const got = await call(testCase);
      const request = toRequest(rule, testCase);
      const expected = rule.reference(request);
      const mismatch = rule.mismatch(got, expected, request);
      if (mismatch !== undefined)
        throw new CallFailure(
          `disagrees with the reference ${rule.name}: ${mismatch}${dtypeHint(rule, got, expected)}`,
        );
    },
    close(what, got, expected, from) {
      const mismatch = compareWithin(got, expected, (j) =>
        from.reduce((total, testCase) => total + rule.tolerance(toRequest(rule, testCase), expected, j), 0),
      );
      if (mismatch !== undefined) throw new CallFailure(`${what}: ${mismatch}`);
    },
  };
}

/**
 * Runs every check of `rule` against `target`: the fixed edge cases, then each law of the rule
 * (src/check/laws.ts) as a fast-check property with its own seed derived from `options.seed`,
 * shrunk to a minimal counterexample on failure, then the fixed-input checks. Returns the results
 * as data; src/check/formatCheckResults.ts renders them.
 */
export async function runChecks(
  target: AggregatorUnderTest,
  rule: Rule,
  options: CheckOptions,
): Promise<CheckResult[]> {
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

async function runEveryCheck(
  target: AggregatorUnderTest,
  rule: Rule,
  options: CheckOptions,
  record: (result: CheckResult) => void,
): Promise<void> {
  const context = lawContext(target, rule);
  if (!(await checkEdgeCases(target, rule, context, options, record))) return;
  const laws = lawsFor(rule, target.observesMutation);
  // The large-d check runs after the large-M law, as it always has (the order is part of what --bail reports first).
  for (const law of laws) {
    record(await checkLaw(law, context, options));
    if (law.tighten !== undefined) {
      options.onProgress?.(`agrees with the reference at d = ${LARGE_D}`);
      record(await largeDimension(target, rule, options.seed));
    }
  }
  if (!target.observesMutation)
    record({
      name: 'does not mutate its input',
      status: 'skip',
      detail: servedByCommand('it receives a copy'),
    });
  options.onProgress?.(`${KEEPS_EARLIER_RESULTS}; ${READS_REFILLED_INPUT}`);
  for (const result of await callsInReusedArrays(target, rule)) record(result);
  options.onProgress?.(READS_VIEWS);
  record(await viewsIntoOneBuffer(target, rule, options.seed));
  options.onProgress?.(`agrees with the reference at M = ${hugeWorkerCountOf(rule)} workers`);
  record(await hugeWorkerCount(target, rule, options.seed));
  options.onProgress?.(CONCURRENT_CALLS);
  record(await concurrentCalls(target, rule, options.seed));
  options.onProgress?.('Theorem 4');
  record(await theorem4Behaviour(target, rule, options.seed));
  options.onProgress?.('timing');
  record(await timing(target, rule));
}

/**
 * The edge cases first: an aggregator that hangs on one of these smallest inputs would make every
 * property spend its time budget on timeouts while shrinking, so that is reported once and the
 * run stops (returns false).
 */
async function checkEdgeCases(
  target: AggregatorUnderTest,
  rule: Rule,
  context: LawContext,
  options: CheckOptions,
  record: (result: CheckResult) => void,
): Promise<boolean> {
  options.onProgress?.('agrees with the reference on the edge cases');
  const inputs = edgeCases(rule);
  const largestM = Math.max(...inputs.map((testCase) => testCase.rows.length));
  const name = `agrees with the reference on ${inputs.length} fixed edge cases (one worker, all zeros, ±0, ties, values at ±${rule.maxAbs})`;
  let failure: CheckResult | undefined;
  for (const testCase of inputs) {
    const outcome = await target.call(toRequest(rule, testCase));
    if (outcome.kind === 'timeout') {
      record({
        name: 'answers small inputs within the time limit',
        status: 'fail',
        detail: `${outcome.error}; the remaining checks were not run`,
        counterexample: renderCase(testCase),
      });
      return false;
    }
    if (failure !== undefined) continue;
    try {
      checkedValues(testCase, outcome);
      await context.agrees(testCase);
    } catch (error) {
      if (!(error instanceof CallFailure)) throw error;
      failure = { name, status: 'fail', detail: error.message, counterexample: renderCase(testCase) };
    }
  }
  record({
    name: 'answers small inputs within the time limit',
    status: 'pass',
    detail: `${inputs.length} inputs with M = ${rule.minWorkers}..${largestM}`,
  });
  record(failure ?? { name, status: 'pass', detail: `${inputs.length} inputs` });
  return true;
}

async function checkLaw(law: Law, context: LawContext, options: CheckOptions): Promise<CheckResult> {
  const { name } = law;
  options.onProgress?.(name);
  // fast-check counts the fixed examples among numRuns: they come on top of the generated cases.
  const fixed = law.examples?.length ?? 0;
  const runs = (law.runs?.(options.runs) ?? options.runs) + fixed;
  const caseCount = (count: number) => (fixed === 0 ? `${count}` : `${fixed} fixed and ${Math.max(count - fixed, 0)}`);
  const started = Date.now();
  const seed = Math.floor(deriveStream(options.seed, 'check', name).next() * 0x7fffffff);
  const details = await fc.check(
    fc.asyncProperty(law.arbitrary, async (value) => {
      await law.holds(context, value);
    }),
    {
      seed,
      numRuns: runs,
      examples: law.examples?.map((example) => [example]),
      interruptAfterTimeLimit: options.budgetMs,
      markInterruptAsFailure: false,
    },
  );
  // fast-check marks a run interrupted before its first case as failed, with no counterexample:
  // that is a budget too small (or a machine too busy) for one case, not a failure.
  const noCaseFinished = details.failed && details.interrupted && details.counterexample === null;
  if (!details.failed || noCaseFinished) {
    return details.interrupted
      ? {
          name,
          status: 'incomplete',
          detail: `no failure in ${caseCount(details.numRuns)} of ${caseCount(runs)} generated cases: the time budget of ${options.budgetMs} ms ran out (raise --budget)`,
          runs: details.numRuns,
        }
      : { name, status: 'pass', detail: `${caseCount(details.numRuns)} generated cases`, runs: details.numRuns };
  }
  const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
  let error = message(details.errorInstance);
  let counterexample = details.counterexample?.[0];
  let tightened = '';
  let minimal: boolean | undefined;
  if (law.tighten !== undefined && counterexample !== undefined) {
    const failure = (value: unknown) => law.holds(context, value).then(() => undefined, message);
    const further = await law.tighten(counterexample, failure, started + options.budgetMs);
    minimal = further.minimal;
    if (further.value !== counterexample) {
      counterexample = further.value;
      error = (await failure(further.value)) ?? error;
      tightened = ', then tightened';
    }
    if (!further.minimal) tightened += ' until the time budget ran out';
  }
  return {
    name,
    status: 'fail',
    detail: `${error} (after ${details.numRuns} cases, ${details.numShrinks} shrinks${tightened}; fast-check seed ${seed})`,
    counterexample: counterexample === undefined ? undefined : renderCase(counterexample),
    ...(minimal === undefined ? {} : { counterexampleMinimal: minimal }),
    ...(law.valuesShrink === false ? { valuesAsGenerated: true } : {}),
    runs: details.numRuns,
  };
}
