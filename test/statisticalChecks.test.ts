import { describe, expect, it } from 'vitest';
import { statisticalCheckSources, statisticalChecks } from '../src/calibration/statisticalChecks.ts';
import { testSeed } from './helpers/testSeed.ts';

// Each check states its false-failure probability α for any SEED; `npm run calibrate` measures
// the false-alarm rate and the power of these same definitions over many seeds
// (reports/calibration.md).
describe.each(statisticalChecks.map((check) => [check.id, check] as const))('%s', (_id, check) => {
  it(`passes on the true case (false failure ≤ ${check.alpha}: ${check.alphaNote})`, async () => {
    const outcome = await check.holds(testSeed());
    expect(outcome.passed, outcome.detail).toBe(true);
  });
  it('flags its negative control', async () => {
    const outcome = await check.control(testSeed());
    expect(outcome.passed, outcome.detail).toBe(false);
  });
});

describe('statisticalCheckSources', () => {
  it('names, for every check, the module that declares it (its calibration row fingerprints that module)', async () => {
    for (const [source, checks] of statisticalCheckSources) {
      const exported = Object.values((await import(`../${source}`)) as Record<string, unknown>).flatMap((value) =>
        Array.isArray(value) ? value : [value],
      );
      for (const check of checks) expect(exported, `${check.id} in ${source}`).toContain(check);
    }
    expect(statisticalCheckSources.flatMap(([, checks]) => checks)).toEqual([...statisticalChecks]);
  });
});
