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

type Part = { readonly label: string; readonly criterion: Criterion };

const combined = (kind: 'all' | 'any', parts: Part[]): Criterion => ({
  kind,
  parts,
  alpha: parts.reduce((sum, part) => sum + part.criterion.alpha, 0),
});

const labelled = (parts: Readonly<Record<string, Criterion>>): Part[] =>
  Object.entries(parts).map(([label, criterion]) => ({ label, criterion }));

/** Every labelled part passes; α is the sum of the parts' (a union bound). */
export const allOf = (parts: Readonly<Record<string, Criterion>>): Criterion => combined('all', labelled(parts));

/** Some labelled part passes; α is the sum of the parts'. */
export const anyOf = (parts: Readonly<Record<string, Criterion>>): Criterion => combined('any', labelled(parts));

/** One labelled part per item; a repeated label would hide a part, so it throws. */
function partsOf<T>(items: readonly T[], label: (item: T) => string, criterion: (item: T) => Criterion): Part[] {
  const parts = items.map((item) => ({ label: label(item), criterion: criterion(item) }));
  const labels = new Set(parts.map((part) => part.label));
  if (labels.size !== parts.length)
    throw new Error(`criteria: repeated part labels in ${parts.map((part) => part.label).join('; ')}`);
  return parts;
}

/** The criterion holds for every item (e.g. every cell of a sweep). */
export const allOfEach = <T>(
  items: readonly T[],
  label: (item: T) => string,
  criterion: (item: T) => Criterion,
): Criterion => combined('all', partsOf(items, label, criterion));

/** The criterion holds for some item: a control that must fail in every cell states the claim as this. */
export const anyOfEach = <T>(
  items: readonly T[],
  label: (item: T) => string,
  criterion: (item: T) => Criterion,
): Criterion => combined('any', partsOf(items, label, criterion));

/** value < bound, strictly: the difference bound − value is positive (exact for doubles, with subnormals). */
export const below = (value: number, bound: number): Criterion => atLeast(bound - value, Number.MIN_VALUE);
