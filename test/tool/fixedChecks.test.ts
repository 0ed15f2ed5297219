import { describe, expect, it } from 'vitest';
import { median } from '../../src/aggregators/median.ts';
import { callsInReusedArrays, REUSED_ARRAY_CALLS, viewsIntoOneBuffer } from '../../src/check/fixedChecks.ts';
import { inProcessAggregator } from '../../src/check/inProcessAggregator.ts';
import { createRule } from '../../src/check/rules.ts';
import type { CheckSpec } from '../../src/check/CheckSpec.ts';

const SPECS: CheckSpec[] = [
  { rule: 'median' },
  { rule: 'median', even: 'lower', dtype: 'float32' },
  { rule: 'sign-vote' },
  { rule: 'mean', maxAbs: 1 },
  { rule: 'weighted-mean' },
  { rule: 'trimmed-mean', trim: { fraction: 0.1 } },
  { rule: 'trimmed-mean', trim: { count: 2 } },
];

describe('the calls in reused arrays', () => {
  it.each(SPECS.map((spec) => [JSON.stringify(spec), spec] as const))(
    '%s: every call after the first in the same arrays, one whole column changed, and its aggregate with it',
    async (_label, spec) => {
      const rule = createRule(spec);
      const seen: { vectors: readonly (Float64Array | Float32Array)[]; copies: Float64Array[] }[] = [];
      const target = inProcessAggregator('recording reference', (request) => {
        seen.push({ vectors: request.vectors, copies: request.vectors.map((v) => Float64Array.from(v)) });
        return rule.reference(request);
      });
      const [keeps, reads] = await callsInReusedArrays(target, rule);
      expect([keeps.status, reads.status]).toEqual(['pass', 'pass']);
      expect(seen).toHaveLength(REUSED_ARRAY_CALLS);
      for (let call = 1; call < seen.length; call++) {
        const [before, now] = [seen[call - 1], seen[call]];
        // The same outer array and the same vectors, refilled.
        expect(now.vectors).toBe(before.vectors);
        const changed = [0, 1, 2, 3].filter((j) => now.copies.some((row, i) => row[j] !== before.copies[i][j]));
        expect(changed, `call ${call + 1}`).toEqual([(call - 1) % 4]);
        const j = changed[0];
        expect(now.copies.every((row, i) => row[j] === -before.copies[i][j])).toBe(true);
        const column = (copies: Float64Array[]) => ({ vectors: copies.map((row) => row.subarray(j, j + 1)) });
        const weights = rule.weights === undefined ? {} : { weights: before.copies.map((_, i) => i + 1) };
        expect(rule.reference({ ...column(now.copies), ...weights })[0]).not.toBe(
          rule.reference({ ...column(before.copies), ...weights })[0],
        );
      }
    },
  );
});

describe('the views into one buffer', () => {
  it('passes views at nonzero offsets of one buffer, with other values between them', async () => {
    let vectors: readonly (Float64Array | Float32Array)[] = [];
    const target = inProcessAggregator('recording median', (request) => {
      vectors = request.vectors;
      return median(request.vectors as Float64Array[]);
    });
    expect((await viewsIntoOneBuffer(target, createRule('median'), 7)).status).toBe('pass');
    const { buffer } = vectors[0];
    expect(vectors.every((v) => v.buffer === buffer && v.byteOffset > 0)).toBe(true);
    const whole = new Float64Array(buffer);
    const gaps = whole.filter((_, k) => !vectors.some((v) => k >= v.byteOffset / 8 && k < v.byteOffset / 8 + v.length));
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.every((x) => x !== 0)).toBe(true);
  });
});
