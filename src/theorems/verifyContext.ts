import { deriveStream, type KeyPart } from '../rng/RandomStream.ts';
import { inlineRunner, type TaskRunner } from '../parallel/TaskRunner.ts';
import { tasks as claimTasks, type ClaimTasks } from './claimTasks.ts';
import type { ClaimId, ClaimInputs, Preset, VerifyContext } from './Claim.ts';

/** The context a claim's verify runs in: all randomness derives from (seed, claim id, ...key). */
export function createVerifyContext(
  seed: number,
  claimId: ClaimId,
  preset: Preset,
  parallel: TaskRunner<ClaimTasks> = inlineRunner(claimTasks),
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
