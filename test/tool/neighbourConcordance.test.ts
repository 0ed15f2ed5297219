import { describe, expect, it } from 'vitest';
import {
  NEIGHBOUR_FALSE_ALARM,
  NEIGHBOUR_LAGS,
  neighbourConcordance,
} from '../../src/check/noisy/neighbourConcordance.ts';
import { deriveStream } from '../../src/rng/RandomStream.ts';

const atLag = (outputs: Float64Array[], lag: number) => neighbourConcordance(outputs).find((l) => l.lag === lag)!;

describe('the concordance of outputs k coordinates apart', () => {
  it('is exactly 1/2 among untied quadruples of iid outputs, for discrete laws with ties (enumerated)', () => {
    // The lemma the test rests on: swapping y_t and y_s keeps the law and flips concordance.
    for (const law of [
      [
        [-1, 0.6],
        [0, 0.1],
        [1, 0.3],
      ],
      [
        [-2, 0.05],
        [-0.5, 0.15],
        [0.25, 0.5],
        [3, 0.3],
      ],
    ]) {
      let untied = 0;
      let concordant = 0;
      for (const [a, pa] of law)
        for (const [b, pb] of law)
          for (const [c, pc] of law)
            for (const [e, pe] of law) {
              // (y_t, y_{t+k}, y_s, y_{s+k}) = (a, b, c, e)
              if (a === c || b === e) continue;
              const weight = pa * pb * pc * pe;
              untied += weight;
              if (a - c > 0 === b - e > 0) concordant += weight;
            }
      expect(untied).toBeGreaterThan(0);
      expect(Math.abs(concordant / untied - 0.5)).toBeLessThan(1e-15);
    }
  });

  it('counts disjoint quadruples (y_t, y_{t+k}, y_s, y_{s+k}) with s = t + 2k', () => {
    const [lag1] = neighbourConcordance([Float64Array.from([1, 2, 3, 4, 5, 4, 3, 9])]);
    // (1, 2, 3, 4): (1 − 3)(2 − 4) > 0; (5, 4, 3, 9): (5 − 3)(4 − 9) < 0.
    expect(lag1).toMatchObject({ lag: 1, untied: 2, concordant: 1 });
    const tied = atLag([Float64Array.from([1, 2, 1, 4])], 1);
    expect(tied.untied).toBe(0);
  });

  it('passes iid draws at every lag (false failure ≤ 9e-9) and flags noise shared or mirrored between neighbours', () => {
    const stream = deriveStream(7, 'neighbour-concordance-test');
    const iid = Array.from({ length: 8 }, () => Float64Array.from({ length: 20_000 }, () => stream.next()));
    for (const lag of neighbourConcordance(iid)) expect(lag.bound).toBeGreaterThan(NEIGHBOUR_FALSE_ALARM);
    // Votes: ±1 with P(+1) = 0.92, as at u = (0, 1, 5)·b.
    const votes = iid.map((call) => call.map((x) => (x < 0.92 ? 1 : -1)));
    for (const lag of neighbourConcordance(votes)) expect(lag.bound).toBeGreaterThan(NEIGHBOUR_FALSE_ALARM);
    // The same value at coordinates 2j and 2j + 1; a value and its mirror image.
    const paired = votes.map((call) => call.map((_, j) => call[j - (j % 2)]));
    expect(atLag(paired, 1).bound).toBeLessThanOrEqual(NEIGHBOUR_FALSE_ALARM);
    const mirrored = iid.map((call) => call.map((_, j) => (j % 2 === 0 ? call[j] : 1 - call[j - 1])));
    expect(atLag(mirrored, 1).bound).toBeLessThanOrEqual(NEIGHBOUR_FALSE_ALARM);
    // A dependence 8 coordinates apart only.
    const eighth = iid.map((call) => call.map((_, j) => (j % 16 < 8 ? call[j] : call[j - 8])));
    expect(atLag(eighth, 1).bound).toBeGreaterThan(NEIGHBOUR_FALSE_ALARM);
    expect(atLag(eighth, 8).bound).toBeLessThanOrEqual(NEIGHBOUR_FALSE_ALARM);
    expect(NEIGHBOUR_LAGS).toContain(8);
  });
});
