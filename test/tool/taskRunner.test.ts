import { describe, expect, it } from 'vitest';
import { noiseFamilies } from '../../src/distributions/noiseFamilies.ts';
import { noiseScaleSweep } from '../../src/estimators/noiseScaleSweep.ts';
import { estimatorTaskModule } from '../../src/estimators/estimatorTasks.ts';
import { createTaskPool, inlineRunner, withTaskRunner } from '../../src/parallel/TaskRunner.ts';
import { reportTaskModule } from '../../src/report/reportTasks.ts';
import { computeClaims } from '../../src/report/runReport.ts';
import { claims } from '../../src/theorems/claims.ts';
import { MedmeanError } from '../../src/errors/MedmeanError.ts';
import { testSeed } from '../helpers/testSeed.ts';

describe('task runner', () => {
  it('gives a sweep identical to the inline one on a 3-worker pool', async () => {
    const uSets = [
      { label: 'a', u: [0, 1, 5] },
      { label: 'b', u: [-1, 0.5, 2, 2.5, 7] },
    ];
    const bs = [0.25, 1, 16];
    const inline = await noiseScaleSweep(noiseFamilies.slice(0, 3), uSets, bs);
    const pooled = await withTaskRunner(estimatorTaskModule, 3, (runner) =>
      noiseScaleSweep(noiseFamilies.slice(0, 3), uSets, bs, runner),
    );
    expect(pooled).toEqual(inline);
  });

  it('renders byte-identical reports on 1 and 3 workers (claims run whole and claims that spread cells)', async () => {
    const selected = claims.filter((claim) => ['prop1', 'thm4b-symmetry'].includes(claim.id));
    expect(selected.map((claim) => claim.spreadsCells === true)).toEqual([false, true]);
    const one = await computeClaims(selected, testSeed(), 'quick', undefined, inlineRunner(reportTaskModule.tasks));
    const three = await withTaskRunner(reportTaskModule, 3, (runner) =>
      computeClaims(selected, testSeed(), 'quick', undefined, runner),
    );
    expect([...three.files.entries()]).toEqual([...one.files.entries()]);
    expect(three.results).toEqual(one.results);
  });

  it('rejects bad worker counts and unknown tasks with typed errors, and closes its pool when the work throws', async () => {
    expect(() => createTaskPool(estimatorTaskModule, 0)).toThrow(MedmeanError);
    await expect(withTaskRunner(estimatorTaskModule, 1.5, async () => 1)).rejects.toThrow(/`workers`/);
    await expect(
      withTaskRunner(estimatorTaskModule, 2, (runner) => runner.map('noSuchTask' as 'exactMoments', [])),
    ).rejects.toThrow(/`name` must be one of exactMoments/);
    await expect(inlineRunner(estimatorTaskModule.tasks).map('noSuchTask' as 'exactMoments', [])).rejects.toThrow(
      /`name` must be one of exactMoments/,
    );
    await expect(
      withTaskRunner(estimatorTaskModule, 2, (runner) => runner.map('exactMoments', [[[0, 1], 1, 'gaussian']])),
    ).rejects.toThrow(/odd/);
  });

  it('rebuilds a typed error thrown in a worker as its class, after every task of the batch has settled', async () => {
    // One bad task among good ones: the pool reports the first failure by input order, as its
    // class (the CLI's exit codes depend on it), and no late reply reaches a destroyed pool.
    const failure = await withTaskRunner(estimatorTaskModule, 2, (runner) =>
      runner.map('exactMoments', [
        [[0, 1, 5], 1, 'gaussian'],
        [[0, 1], 1, 'gaussian'],
        [[0, 1, 5], 2, 'gaussian'],
        [[0, 1, 5], -1, 'gaussian'],
      ]),
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MedmeanError);
    expect((failure as MedmeanError).parameter).toBe('u');
  });
});
