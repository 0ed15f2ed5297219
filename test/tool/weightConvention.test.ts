import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { float32, float64 } from '../../src/check/dtype.ts';
import { createRule } from '../../src/check/rules.ts';
import { weightConvention } from '../../src/check/weightConvention.ts';
import { deriveStream } from '../../src/rng/RandomStream.ts';
import { testSeed } from '../helpers/testSeed.ts';

const sample = (arbitrary: fc.Arbitrary<number>) => fc.sample(arbitrary, { seed: testSeed(), numRuns: 2000 });

describe('medmean check --weights', () => {
  it('counts are positive integers up to 100 000, ties among them, scalable and passed as drawn', () => {
    const counts = weightConvention('counts', float64);
    const weights = sample(counts.weight);
    expect(weights.every((w) => Number.isInteger(w) && w >= 1 && w <= 100_000)).toBe(true);
    expect(weights.filter((w) => w <= 10).length).toBeGreaterThan(1000);
    expect(weights.filter((w) => w > 1000).length).toBeGreaterThan(100);
    const seeded = counts.seeded(deriveStream(testSeed(), 'weights-test'), 200);
    expect(seeded).toHaveLength(200);
    expect(seeded.every((w) => Number.isInteger(w) && w >= 1 && w <= 1000)).toBe(true);
    expect(new Set(seeded).size).toBeGreaterThan(100);
    expect(counts.finish([3, 1, 60_000])).toEqual([3, 1, 60_000]);
    expect([counts.scalable, weightConvention('real', float64).scalable]).toEqual([true, true]);
    expect(weightConvention('normalized', float64).scalable).toBe(false);
  });

  it.each([
    ['float64', float64],
    ['float32', float32],
  ])('real weights are positive, within 2^−20 … 100 000, in %s, and mostly not integers', (_name, dtype) => {
    const weights = sample(weightConvention('real', dtype).weight);
    expect(weights.every((w) => w >= 2 ** -20 && w <= 100_000 && dtype.round(w) === w)).toBe(true);
    expect(weights.filter((w) => !Number.isInteger(w)).length).toBeGreaterThan(1000);
    // Each part of the mix: fractions, real importances above 1, and counts beyond 2^16.
    expect(weights.filter((w) => w < 1).length).toBeGreaterThan(500);
    expect(weights.filter((w) => w > 1 && w <= 2 ** 16 && !Number.isInteger(w)).length).toBeGreaterThan(200);
    expect(weights.filter((w) => w > 2 ** 16).length).toBeGreaterThan(10);
    const seeded = weightConvention('real', dtype).seeded(deriveStream(testSeed(), 'weights-test'), 200);
    expect(seeded).toHaveLength(200);
    expect(seeded.every((w) => w >= 2 ** -10 && w <= 2 ** 10 && dtype.round(w) === w)).toBe(true);
    expect(seeded.filter((w) => Number.isInteger(w)).length).toBeLessThan(10);
  });

  it('normalized weights sum to 1 within M·ε and are left unchanged by the conventions that do not normalise', () => {
    const raw = [3, 0.25, 60_000, 2 ** -20, 7.5];
    for (const dtype of [float64, float32]) {
      const normalized = weightConvention('normalized', dtype).finish(raw);
      const sum = normalized.reduce((s, p) => s + p, 0);
      expect(Math.abs(sum - 1)).toBeLessThanOrEqual(raw.length * dtype.epsilon);
      expect(normalized.every((p) => p > 0 && dtype.round(p) === p)).toBe(true);
    }
    expect(weightConvention('real', float64).finish(raw)).toEqual(raw);
    expect(raw).toEqual([3, 0.25, 60_000, 2 ** -20, 7.5]);
  });

  it('states the convention in the report header and the replay line', () => {
    for (const kind of ['real', 'counts', 'normalized'] as const) {
      const rule = createRule({ rule: 'weighted-mean', weights: kind });
      expect(rule.flags).toBe(` --weights ${kind}`);
      expect(rule.conventions[0]).toMatch(kind === 'counts' ? /positive integers/ : /positive reals/);
    }
    expect(createRule({ rule: 'weighted-mean' }).weights?.kind).toBe('real');
    expect(createRule('mean').weights).toBeUndefined();
  });
});

describe('weighted-mean tolerance', () => {
  const rule = createRule({ rule: 'weighted-mean' });
  it('accepts products that round in the subnormal range, divided by a total below 1', () => {
    // Σw·v / W with every w·v rounded to a subnormal: off by up to half a subnormal per worker, over W.
    const weights = [2 ** -20, 2 ** -20, 2 ** -20];
    const vectors = [Float64Array.from([3e-323]), Float64Array.from([5e-324]), Float64Array.from([1e-323])];
    const expected = rule.reference({ vectors, weights });
    expect(expected[0]).toBe(1.5e-323);
    const naive = Float64Array.from([vectors.reduce((s, v, i) => s + weights[i] * v[0], 0) / (3 * 2 ** -20)]);
    expect(naive[0]).toBe(0);
    expect(rule.mismatch(naive, expected, { vectors, weights })).toBeUndefined();
    // One worker: half a subnormal over W, which the tolerance must not round to 0 before dividing.
    const one = { vectors: [Float64Array.from([2 ** -1022])], weights: [9.536743164062513e-7] };
    const flower = Float64Array.from([(one.weights[0] * one.vectors[0][0]) / one.weights[0]]);
    expect(flower[0]).not.toBe(2 ** -1022);
    expect(rule.mismatch(flower, rule.reference(one), one)).toBeUndefined();
  });
  it('still tells weights rounded to integers from the weighted mean', () => {
    const weights = [0.4, 2.6];
    const vectors = [Float64Array.from([1]), Float64Array.from([2])];
    const expected = rule.reference({ vectors, weights });
    const rounded = Float64Array.from([(0 * 1 + 3 * 2) / 3]);
    expect(rule.mismatch(rounded, expected, { vectors, weights })).toMatch(/got 2, expected 1\.8666/);
  });
});
