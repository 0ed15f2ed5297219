// computeVerdict, createVerifyContext and the claims' verify as the public API hands them out: arguments checked
// first (MedmeanError naming the parameter), then the functions the report and the calibration
// call with arguments they built themselves.
import { MedmeanError } from '../errors/MedmeanError.ts';
import type { TaskRunner } from '../parallel/TaskRunner.ts';
import {
  type Claim,
  claimIds,
  computeVerdict as verdictOf,
  type ClaimInputs,
  type Evidence,
  type Preset,
  type Verdict,
  type VerifyContext,
} from './Claim.ts';
import type { ClaimId } from './claimRegistry.ts';
import type { ClaimTasks } from './claimTasks.ts';
import { claims as claimObjects } from './claims.ts';
import { createVerifyContext as contextFor } from './verifyContext.ts';

const presets: readonly Preset[] = ['quick', 'default', 'full'];

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';

/**
 * The verdict from the evidence alone (see Claim.ts): violated when a decisive check fails,
 * inconclusive without decisive checks or with an unflagged negative control, holds otherwise.
 */
export function computeVerdict(evidence: Pick<Evidence, 'checks' | 'negativeControls'>): Verdict {
  const api = 'computeVerdict';
  if (!isObject(evidence))
    throw new MedmeanError(api, 'evidence', 'an object with checks and negativeControls', evidence);
  const { checks, negativeControls } = evidence;
  if (!Array.isArray(checks)) throw new MedmeanError(api, 'evidence.checks', 'an array of checks', checks);
  checks.forEach((check, i) => {
    if (
      !isObject(check) ||
      typeof check.passed !== 'boolean' ||
      !['undefined', 'boolean'].includes(typeof check.decisive)
    )
      throw new MedmeanError(
        api,
        `evidence.checks[${i}]`,
        'a check with a boolean `passed` (and optionally `decisive`)',
        check,
      );
  });
  if (!Array.isArray(negativeControls))
    throw new MedmeanError(api, 'evidence.negativeControls', 'an array of negative controls', negativeControls);
  negativeControls.forEach((control, i) => {
    if (!isObject(control) || typeof control.flagged !== 'boolean')
      throw new MedmeanError(
        api,
        `evidence.negativeControls[${i}]`,
        'a negative control with a boolean `flagged`',
        control,
      );
  });
  return verdictOf(evidence);
}

/** The context a claim's verify runs in: all randomness derives from (seed, claim id, ...key). */
export function createVerifyContext(
  seed: number,
  claimId: ClaimId,
  preset: Preset,
  parallel?: TaskRunner<ClaimTasks>,
  inputs: ClaimInputs = {},
): VerifyContext {
  const api = 'createVerifyContext';
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0)
    throw new MedmeanError(api, 'seed', 'a non-negative integer', seed);
  if (!claimIds.includes(claimId)) throw new MedmeanError(api, 'claimId', `one of ${claimIds.join(', ')}`, claimId);
  if (!presets.includes(preset)) throw new MedmeanError(api, 'preset', `one of ${presets.join(', ')}`, preset);
  if (parallel !== undefined && (!isObject(parallel) || typeof parallel.map !== 'function'))
    throw new MedmeanError(api, 'parallel', 'a TaskRunner (with a map method)', parallel);
  if (!isObject(inputs)) throw new MedmeanError(api, 'inputs', 'an object of claim inputs', inputs);
  if (inputs.cifar10Directory !== undefined && typeof inputs.cifar10Directory !== 'string')
    throw new MedmeanError(api, 'inputs.cifar10Directory', 'a directory path', inputs.cifar10Directory);
  return contextFor(seed, claimId, preset, parallel, inputs);
}

/** Throws unless `context` has the shape createVerifyContext gives. */
function requireVerifyContext(api: string, context: unknown): VerifyContext {
  if (!isObject(context)) throw new MedmeanError(api, 'context', 'a VerifyContext (from createVerifyContext)', context);
  const { seed, preset, inputs, parallel, stream, fastCheckSeed } = context;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0)
    throw new MedmeanError(api, 'context.seed', 'a non-negative integer', seed);
  if (!presets.includes(preset as Preset))
    throw new MedmeanError(api, 'context.preset', `one of ${presets.join(', ')}`, preset);
  if (!isObject(inputs)) throw new MedmeanError(api, 'context.inputs', 'an object of claim inputs', inputs);
  if (!isObject(parallel) || typeof parallel.map !== 'function')
    throw new MedmeanError(api, 'context.parallel', 'a TaskRunner (with a map method)', parallel);
  if (typeof stream !== 'function' || typeof fastCheckSeed !== 'function')
    throw new MedmeanError(
      api,
      'context',
      'a VerifyContext with stream and fastCheckSeed (from createVerifyContext)',
      context,
    );
  return context as unknown as VerifyContext;
}

/** The claims in report order; each one's verify checks its context first. */
export const claims: readonly Claim[] = Object.freeze(
  claimObjects.map((claim) =>
    Object.freeze({
      ...claim,
      verify(context: VerifyContext) {
        return claim.verify(requireVerifyContext(`${claim.id}.verify`, context));
      },
    }),
  ),
);
