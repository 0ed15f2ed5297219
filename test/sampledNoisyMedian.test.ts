import { describe, expect, it } from 'vitest';
import { sampledNoisyMedian } from '../src/estimators/sampledNoisyMedian.ts';
import references from './fixtures/sampled-noisy-median.json' with { type: 'json' };

// Fixture: scripts/fixtures/sampled-noisy-median.py, mpmath at 30 digits: the mixture density over
// every realization of q, its moments by the law of total variance, and the remainder and
// asymmetric masses with each |difference| split at its sign changes. The masses are integrated
// to 1e-10 relative (1e-9 allowed here); the moments come from the exact engine (1e-12).
describe('sampledNoisyMedian against mpmath', () => {
  it.each(references.cases.map((c) => [c.noise, JSON.stringify(c.sets), c.b, c] as const))(
    '%s sets=%s b=%s',
    (_noise, _sets, _b, reference) => {
      const result = sampledNoisyMedian(reference.sets, reference.b, reference.noise);
      const mean = Number(reference.mean);
      const variance = Number(reference.variance);
      const scale = Math.sqrt(mean * mean + variance);
      expect(Math.abs(result.mean - mean)).toBeLessThanOrEqual(1e-12 * scale);
      expect(Math.abs(result.variance - variance)).toBeLessThanOrEqual(1e-12 * variance);
      for (const key of ['remainderMass', 'asymmetry'] as const) {
        const exact = Number(reference[key]);
        expect(Math.abs(result[key] - exact), key).toBeLessThanOrEqual(1e-9 * exact + 1e-15);
      }
    },
  );
});
