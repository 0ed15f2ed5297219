import { describe, expect, it } from 'vitest';
import { majorityVote } from '../../src/aggregators/majorityVote.ts';
import { median } from '../../src/aggregators/median.ts';
import { getNoiseFamily } from '../../src/distributions/noiseFamilies.ts';
import { createNoisyRule } from '../../src/check/noisy/noisyRules.ts';
import { NOISY_Z_LIMIT, noisySettings } from '../../src/check/noisy/runNoisyChecks.ts';
import { binomialTails } from '../../src/estimators/binomialTails.ts';
import { TAIL_PROBABILITY, tailCentre, tailVerdict } from '../../src/check/noisy/tailCounts.ts';
import { deriveStream } from '../../src/rng/RandomStream.ts';
import { testSeed } from '../helpers/testSeed.ts';

// Each count at the z-tests' level, 2·Φ(−4.5) = 6.8e-6, as check-noisy makes it. Each passing case
// is a false failure with probability at most 2·ALPHA (two counts); each failing case's count lies
// beyond its limit with probability above 1 − 1e-6 (stated beside it).
const ALPHA = 2 * getNoiseFamily('gaussian', 'test', 'noise').cdf(-NOISY_Z_LIMIT);
const R = 20_000;

/** R outputs of `aggregate` on the tail setting's centres (every coordinate the same input). */
function tailOutputs(
  family: string,
  aggregate: (vectors: Float64Array[], stream: ReturnType<typeof deriveStream>) => Float64Array,
) {
  const { centres } = noisySettings(getNoiseFamily(family, 'test', 'noise')).find(({ tails }) => tails)!;
  const vectors = centres.map((a) => new Float64Array(R).fill(a));
  return { centres, outputs: aggregate(vectors, deriveStream(testSeed(), 'tail-counts', family)) };
}

describe('tail counts (check-noisy)', () => {
  it('take binomial tails as mpmath does (regularised incomplete beta at 40 digits), to 1e-6 relative', () => {
    // mpmath.betainc(n − k, k + 1, 0, 1 − p) and betainc(k, n − k + 1, 0, p), regularised, p = Φ(−3), n = 20000.
    // jStat's continued fraction is good to about 3e-8 here: a million times finer than the tests need.
    const cases: [number, 'atMost' | 'atLeast', number][] = [
      [0, 'atMost', 1.84932705889e-12],
      [5, 'atMost', 2.70399212806e-7],
      [8, 'atMost', 1.82094607118e-5],
      [27, 'atMost', 0.551099112033],
      [27, 'atLeast', 0.525492487753],
      [50, 'atLeast', 4.68430231382e-5],
      [60, 'atLeast', 2.96871485274e-8],
    ];
    for (const [k, side, reference] of cases)
      expect(Math.abs(binomialTails(k, R, TAIL_PROBABILITY)[side] / reference - 1), `${side} ${k}`).toBeLessThan(1e-6);
    // An impossible event: any count at all has probability 0.
    expect(binomialTails(0, R, 0)).toEqual({ atMost: 1, atLeast: 1 });
    expect(binomialTails(1, R, 0).atLeast).toBe(0);
  });

  it('put the middle worker where P(ξ < −c) = Φ(−3) for every family: c = 3 for Gaussian noise', () => {
    // Moved out by TAIL_MARGIN (1e-6 of itself), which moves P(ξ < −c) by c·h(c)·1e-6: 4e-4 of itself
    // for the uniform, whose density stays high to its edge, 1e-5 for Gaussian noise.
    expect(tailCentre(getNoiseFamily('gaussian', 'test', 'noise'))).toBeCloseTo(3, 5);
    expect(tailCentre(getNoiseFamily('gaussian', 'test', 'noise'))).toBeGreaterThan(3);
    for (const name of ['gaussian', 'laplace', 'logistic', 'uniform', 'student-t', 'centred-exponential']) {
      const family = getNoiseFamily(name, 'test', 'noise');
      expect(Math.abs(family.cdf(-tailCentre(family)) / TAIL_PROBABILITY - 1), name).toBeLessThan(1e-3);
    }
  });

  for (const rule of [
    createNoisyRule('noisy-sign-vote', 'gaussian', 1),
    createNoisyRule('noisy-median', 'gaussian', 1),
  ]) {
    const aggregate = (noise: (stream: ReturnType<typeof deriveStream>, out: Float64Array) => Float64Array) =>
      tailOutputs('gaussian', (vectors, stream) => {
        // Each worker's value plus its noise, then the median or the vote of the noisy values.
        const noisy = vectors.map((v) => {
          const draws = noise(stream, new Float64Array(v.length));
          return v.map((x, j) => x + draws[j]);
        });
        return rule.name === 'noisy-median' ? median(noisy) : majorityVote(noisy);
      });
    const gaussian = getNoiseFamily('gaussian', 'test', 'noise');
    const normal = (stream: ReturnType<typeof deriveStream>, out: Float64Array) => gaussian.sample(stream, out);
    const verdict = (noise: typeof normal) => {
      const { centres, outputs } = aggregate(noise);
      return tailVerdict(rule, 'the tail setting', centres, outputs, ALPHA);
    };

    it(`${rule.name}: passes normal noise, and fails it clipped at ±3, with heavier tails, or thinned in one tail; the median also clipped above only`, () => {
      expect(verdict(normal).status).toBe('pass');
      const clipped = verdict((stream, out) => normal(stream, out).map((x) => Math.min(3, Math.max(-3, x))));
      expect(clipped.status).toBe('fail');
      // Too many in the tail: noise 1.3 times as wide beyond 2.5 (a count above its expectation).
      const heavier = verdict((stream, out) => normal(stream, out).map((x) => (Math.abs(x) > 2.5 ? 1.3 * x : x)));
      expect(heavier.status).toBe('fail');
      // Below −3 one time in fifty (about 0.5 where 27 are expected; the test fails at 6 or fewer).
      const thinned = verdict((stream, out) => {
        const uniform = deriveStream(testSeed(), 'thinning');
        return normal(stream, out).map((x) => (x < -3 && uniform.next() < 0.98 ? -x : x));
      });
      expect(thinned.status).toBe('fail');
      // Clipped above +3 only: the median's upper count sees it; the vote cannot (its −1 needs ξ < −3).
      const clippedAbove = verdict((stream, out) => normal(stream, out).map((x) => Math.min(3, x)));
      expect(clippedAbove.status).toBe(rule.name === 'noisy-median' ? 'fail' : 'pass');
    });
  }

  it("the vote: a 0 where the law has none fails (noise clipped exactly at the worker's centre)", () => {
    const rule = createNoisyRule('noisy-sign-vote', 'gaussian', 1);
    const { centres } = noisySettings(getNoiseFamily('gaussian', 'test', 'noise')).find(({ tails }) => tails)!;
    const outputs = new Float64Array(R).fill(1);
    for (let r = 0; r < 27; r++) outputs[r * 700] = -1;
    expect(tailVerdict(rule, 'the tail setting', centres, outputs, ALPHA).status).toBe('pass');
    outputs[5] = 0;
    const withZero = tailVerdict(rule, 'the tail setting', centres, outputs, ALPHA);
    expect(withZero.status).toBe('fail');
    expect(withZero.detail).toMatch(/vote = 0 1 times, expected 0\.0/);
  });
});
