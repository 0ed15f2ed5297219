import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  earlierResults,
  KEPT_RESULTS,
  reusedArguments,
  sharesInputMemory,
  snapshotInput,
} from '../../src/check/callerMemory.mjs';
import { testSeed } from '../helpers/testSeed.ts';

const vectorsOf = (rows: number[][]) => rows.map((row) => Float64Array.from(row));
const rows = fc.array(fc.array(fc.double(), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 });

describe('memory the caller keeps (src/check/callerMemory.mjs)', () => {
  const params = { seed: testSeed(), numRuns: 300 };

  it("refills the previous call's arrays in place when asked and the shapes agree, and otherwise passes the arrays it is given", () => {
    fc.assert(
      fc.property(
        rows,
        fc.array(fc.double(), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (values, other, refill) => {
          const callerArrays = reusedArguments();
          const first = vectorsOf(values);
          const weights = values.map((_, i) => i + 1);
          const passedFirst = callerArrays.arguments(first, weights, refill);
          expect(passedFirst.vectors).toBe(first);
          expect(passedFirst.weights).toBe(weights);
          const next = vectorsOf(values.map((row) => row.map((x) => -x)));
          const nextWeights = weights.map((w) => 2 * w);
          const passed = callerArrays.arguments(next, nextWeights, refill);
          if (refill) {
            expect(passed.vectors).toBe(first);
            for (const [i, vector] of passed.vectors.entries()) expect(vector).toBe(first[i]);
            expect(passed.weights).toBe(weights);
          } else expect(passed.vectors).toBe(next);
          for (const [i, vector] of passed.vectors.entries()) expect(Array.from(vector)).toEqual(Array.from(next[i]));
          expect(passed.weights).toEqual(nextWeights);
          // Another shape cannot be refilled: the given arrays pass as they are.
          const otherShape = [Float64Array.from(other), Float64Array.from(other), ...first];
          expect(callerArrays.arguments(otherShape, undefined, true).vectors).toBe(otherShape);
        },
      ),
      params,
    );
  });

  it('names an input returned itself or as a view of its memory, and nothing else', () => {
    fc.assert(
      fc.property(rows, fc.nat(), fc.nat(), (values, pick, start) => {
        const vectors = vectorsOf(values);
        const i = pick % vectors.length;
        const view = vectors[i].subarray(start % vectors[i].length);
        expect(sharesInputMemory(vectors[i], vectors)).toMatch(new RegExp(`returned vectors\\[${i}\\] itself`));
        expect(sharesInputMemory(view, vectors)).toMatch(new RegExp(`a view of vectors\\[${i}\\]'s memory`));
        expect(sharesInputMemory(vectors[i].slice(), vectors)).toBeUndefined();
        expect(sharesInputMemory(Array.from(vectors[i]), vectors)).toBeUndefined();
      }),
      params,
    );
  });

  it('sees any change, even of the sign of a zero, to the array the previous call returned', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double(), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.double(),
        (values, pick, replacement) => {
          const results = earlierResults();
          const returned = Float64Array.from(values);
          expect(results.overwritten(returned, returned.slice())).toBeUndefined();
          const j = pick % returned.length;
          const changed = !Object.is(returned[j], replacement);
          returned[j] = replacement;
          const report = results.overwritten(new Float64Array(1), new Float64Array(1));
          if (changed) expect(report?.detail).toMatch(new RegExp(`index ${j} changed`));
          else expect(report).toBeUndefined();
        },
      ),
      params,
    );
  });

  it('names the first entry of the vectors, then of the weights, that a call changed, and nothing when none did', () => {
    fc.assert(
      fc.property(rows, fc.array(fc.nat(), { minLength: 1 }), fc.nat(), fc.double(), (values, weights, pick, x) => {
        const vectors = vectorsOf(values);
        const input = snapshotInput(vectors, weights);
        expect(input.change()).toBeUndefined();
        const i = pick % vectors.length;
        const j = pick % vectors[i].length;
        const changed = !Object.is(vectors[i][j], x);
        vectors[i][j] = x;
        if (changed) expect(input.change()).toMatch(new RegExp(`vectors\\[${i}\\]\\[${j}\\] changed`));
        else expect(input.change()).toBeUndefined();
        const restored = snapshotInput(vectorsOf(values), weights);
        weights[0] += 1;
        expect(restored.change()).toMatch(/weights\[0\] changed/);
      }),
      params,
    );
  });

  it('sees a previous result whose length changed', () => {
    const results = earlierResults();
    const returned = [1, 2, 3];
    results.overwritten(returned, Float64Array.from(returned));
    returned.length = 2;
    expect(results.overwritten([0], Float64Array.from([0]))?.detail).toMatch(/its length changed from 3 to 2/);
  });

  it(`sees a pool of up to ${KEPT_RESULTS} output arrays used in turn, and says how many calls back`, () => {
    /** The call that comes round to the first array of a pool of `size` writes into it: what it reports. */
    const comingRound = (size: number) => {
      const results = earlierResults();
      const pool = Array.from({ length: size }, () => new Float64Array(2));
      let report: { detail: string; callsBack: number } | undefined;
      for (let call = 0; call <= size; call++) {
        const out = pool[call % size];
        out.fill(call + 1);
        report ??= results.overwritten(out, out.slice());
      }
      return report;
    };
    for (const size of [1, 2, 3, KEPT_RESULTS]) {
      const report = comingRound(size);
      expect(report?.callsBack, `pool of ${size}`).toBe(size);
      expect(report?.detail).toMatch(
        size === 1 ? /on the previous call/ : new RegExp(`on the call ${size} calls before`),
      );
    }
    // The limit: a larger pool comes round after the results it is checked against.
    expect(comingRound(KEPT_RESULTS + 1)).toBeUndefined();
  });
});
