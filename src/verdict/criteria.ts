// Builders for the criteria a claim states: exact and property checks have α = 0 unless given.
import type { Criterion } from './Criterion.ts';

/** value ≤ bound + tolerance. */
export const atMost = (value: number, bound: number, tolerance = 0, alpha = 0): Criterion => ({
  kind: 'at-most',
  value,
  bound,
  tolerance,
  alpha,
});

/** value ≥ bound − tolerance. */
export const atLeast = (value: number, bound: number, tolerance = 0, alpha = 0): Criterion => ({
  kind: 'at-least',
  value,
  bound,
  tolerance,
  alpha,
});

/** |value − expected| ≤ tolerance. */
export const within = (value: number, expected: number, tolerance: number, alpha = 0): Criterion => ({
  kind: 'within',
  value,
  expected,
  tolerance,
  alpha,
});

/** No counterexample among `cases` instances. */
export const noCounterexample = (cases: number, counterexamples: number, alpha = 0): Criterion => ({
  kind: 'no-counterexample',
  cases,
  counterexamples,
  alpha,
});

/** At least `required` measurements made; short of it, not decisive. */
export const enoughData = (measured: number, required: number): Criterion => ({
  kind: 'enough-data',
  measured,
  required,
  alpha: 0,
});

/** Every labelled part passes; α is the sum of the parts' (a union bound). */
export function allOf(parts: Readonly<Record<string, Criterion>>): Criterion {
  const list = Object.entries(parts).map(([label, criterion]) => ({ label, criterion }));
  return { kind: 'all', parts: list, alpha: list.reduce((sum, part) => sum + part.criterion.alpha, 0) };
}

/** Some labelled part passes; α is the sum of the parts'. */
export function anyOf(parts: Readonly<Record<string, Criterion>>): Criterion {
  const list = Object.entries(parts).map(([label, criterion]) => ({ label, criterion }));
  return { kind: 'any', parts: list, alpha: list.reduce((sum, part) => sum + part.criterion.alpha, 0) };
}

/** value < bound, strictly: the difference bound − value is positive (exact for doubles, with subnormals). */
export const below = (value: number, bound: number): Criterion => atLeast(bound - value, Number.MIN_VALUE);
