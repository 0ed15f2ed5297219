import { describe, expect, it } from 'vitest';
import { longestIdenticalRun } from '../../src/check/noisy/identicalRun.ts';
import { gaussian } from '../../src/distributions/gaussian.ts';
import { deriveStream } from '../../src/rng/RandomStream.ts';
import { testSeed } from '../helpers/testSeed.ts';

const D = 100_003;
/** Independent votes in {−1, 1} with P(+1) = p, as a correct noisy vote returns them at odd M. */
function votes(seed: number, p: number): Float64Array {
  const stream = deriveStream(seed, 'identicalRun', 'votes', String(p));
  return Float64Array.from({ length: D }, () => (stream.next() < p ? 1 : -1));
}

describe('longestIdenticalRun', () => {
  // Independent outputs reach the limit with probability ≤ 1e-9: these cannot fail by chance.
  it('finds no run as long as its limit in independent normals or votes', () => {
    const seed = testSeed();
    const normals = gaussian.sample(deriveStream(seed, 'identicalRun', 'normals'), new Float64Array(D));
    const forNormals = longestIdenticalRun(normals);
    expect(forNormals.longest.length).toBeLessThan(forNormals.limit!);
    for (const p of [0.5, 0.69, 0.9]) {
      const { limit, longest } = longestIdenticalRun(votes(seed, p));
      expect(longest.length, `p = ${p}`).toBeLessThan(limit!);
    }
  });

  it('bounds the chance of a run by the commonest output: n·p^(limit − 1) ≤ 1e-9, also for lopsided votes', () => {
    for (const p of [0.5, 0.9, 0.95, 0.97]) {
      const outputs = votes(testSeed(), p);
      const { limit } = longestIdenticalRun(outputs);
      const ones = outputs.filter((x) => x === 1).length / D;
      // The run bound holds at the true P(+1) (within a few standard errors of the frequency).
      expect(D * (ones + 0.005) ** (limit! - 1), `p = ${p}`).toBeLessThanOrEqual(1e-9);
    }
  });

  it('finds the noise-free stretch past a buffer of fixed size, where it starts and how long it is', () => {
    const outputs = votes(testSeed(), 0.69);
    outputs.fill(1, 65_536);
    const { limit, longest } = longestIdenticalRun(outputs);
    expect(longest.length).toBeGreaterThanOrEqual(limit!);
    // The stretch may begin a few votes early, where the noisy votes happened to be +1 already.
    expect(longest.start).toBeLessThanOrEqual(65_536);
    expect(longest.start + longest.length).toBe(D);
    const normals = gaussian.sample(deriveStream(testSeed(), 'identicalRun', 'normals'), new Float64Array(D));
    normals.fill(1, 70_000, 70_000 + 40);
    const run = longestIdenticalRun(normals);
    expect(run.longest).toEqual({ start: 70_000, length: 40 });
    expect(run.longest.length).toBeGreaterThanOrEqual(run.limit!);
  });

  it('has a limit only where a run can stand out', () => {
    expect(longestIdenticalRun(new Float64Array(D).fill(1)).limit).toBeUndefined();
    expect(longestIdenticalRun(new Float64Array(0))).toEqual({ limit: undefined, longest: { start: 0, length: 0 } });
  });
});
