import { deriveStream, type KeyPart } from '../rng/RandomStream.ts';
import { inlineRunner, type TaskRunner } from '../parallel/TaskRunner.ts';
import type { ClaimTasks } from './claimTasks.ts';
import type { ClaimId, ClaimInputs, Preset, VerifyContext } from './Claim.ts';

/** The context a claim's verify runs in: all randomness derives from (seed, claim id, ...key). */
export function createVerifyContext(
  seed: number,
  claimId: ClaimId,
  preset: Preset,
  parallel: TaskRunner<ClaimTasks> = inlineClaimTasks(),
  inputs: ClaimInputs = {},
): VerifyContext {
  return {
    seed,
    preset,
    parallel,
    inputs,
    stream: (...key: KeyPart[]) => deriveStream(seed, claimId, ...key),
    fastCheckSeed: (...key: KeyPart[]) => {
      const stream = deriveStream(seed, claimId, 'fast-check', ...key);
      return Math.floor(stream.next() * 0x7fffffff);
    },
  };
}

/**
 * Every claim task on the calling thread, loaded on first use: building a context loads none of
 * them, so a claim's code (and its calibration fingerprint) reaches only the tasks it imports.
 */
function inlineClaimTasks(): TaskRunner<ClaimTasks> {
  let runner: Promise<TaskRunner<ClaimTasks>> | undefined;
  return {
    workers: 1,
    async map(name, inputs) {
      runner ??= import('./claimTasks.ts').then((module) => inlineRunner(module.tasks));
      return (await runner).map(name, inputs);
    },
  };
}
