import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { integrate } from '../src/estimators/integrate.ts';
import { fuzzSeeds } from '../test/helpers/testSeed.ts';

/** An integral with a closed form, and where its difficulty lies. */
interface KnownIntegral {
  readonly name: string;
  readonly f: (x: number) => number;
  readonly a: number;
  readonly b: number;
  readonly exact: number;
}

const between = (min: number, max: number) => fc.double({ min, max, noNaN: true });

/** ∫ x^−p over [c, ∞) or (−∞, −c]: c^(1−p)/(p − 1). Slow tails are where a mapped rule runs out of doubles. */
const powerTail = fc.record({ p: between(1.001, 4), c: between(0.01, 1000), right: fc.boolean() }).map(
  ({ p, c, right }): KnownIntegral => ({
    name: right ? `x^−${p} on [${c}, ∞)` : `|x|^−${p} on (−∞, −${c}]`,
    f: (x) => Math.abs(x) ** -p,
    a: right ? c : -Infinity,
    b: right ? Infinity : -c,
    exact: c ** (1 - p) / (p - 1),
  }),
);

/** ∫ |x − e|^−q over an interval ending at e: w^(1−q)/(1 − q). Away from 0, the doubles near e are sparse. */
const endpointSingularity = fc
  .record({ q: between(0.01, 0.95), e: between(-100, 100), w: between(0.01, 100), atLeft: fc.boolean() })
  .map(
    ({ q, e, w, atLeft }): KnownIntegral => ({
      name: atLeft ? `(x − ${e})^−${q} on [${e}, ${e} + ${w}]` : `(${e} − x)^−${q} on [${e} − ${w}, ${e}]`,
      f: (x) => Math.abs(x - e) ** -q,
      a: atLeft ? e : e - w,
      b: atLeft ? e + w : e,
      exact: w ** (1 - q) / (1 - q),
    }),
  );

/** ∫ e^(−λ(x − c)) over [c, ∞): 1/λ. */
const exponentialTail = fc.record({ lambda: between(0.001, 100), c: between(-100, 100) }).map(
  ({ lambda, c }): KnownIntegral => ({
    name: `e^(−${lambda}(x − ${c})) on [${c}, ∞)`,
    f: (x) => Math.exp(-lambda * (x - c)),
    a: c,
    b: Infinity,
    exact: 1 / lambda,
  }),
);

describe.each(fuzzSeeds())('integrate (seed %i)', (seed) => {
  // The rule may fail to converge on these (it then says so); what it may never do is report
  // convergence with a value outside its tolerance. The mapping x = c ± s·t/(1 − t) did for
  // about 5% of them (x^−1.5 from 1: 2e-8 off with an estimate of 2e-12).
  it('a converged result is within its tolerance of the closed form: power tails, endpoint singularities, exponential tails', () => {
    fc.assert(
      fc.property(fc.oneof(powerTail, endpointSingularity, exponentialTail), ({ f, a, b, exact }) => {
        const result = integrate(f, a, b);
        if (!result.converged) return;
        // 1e-12 relative (the default tolerance) with a factor 10 for an estimate that is not a bound, and the rounding of the sum.
        expect(Math.abs(result.value - exact)).toBeLessThanOrEqual(
          10 * 1e-12 * Math.abs(result.value) + 16 * Number.EPSILON * Math.abs(exact),
        );
      }),
      { seed, numRuns: 300, includeErrorInReport: true },
    );
  });
});
