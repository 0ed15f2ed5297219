import fc from 'fast-check';
import type { Criterion } from '../verdict/Criterion.ts';
import { noCounterexample } from '../verdict/criteria.ts';

/** The outcome of one fast-check run, in a form reports can print. */
export interface PropertyOutcome {
  readonly failed: boolean;
  readonly numRuns: number;
  readonly seed: number;
  /** The shrunk counterexample, rendered by fast-check. */
  readonly counterexample?: string;
  readonly shrinks?: number;
  readonly error?: string;
}

/** Runs `property` with a fixed seed and run count and reports the (shrunk) counterexample, if any. */
export function checkProperty<T>(property: fc.IProperty<T>, seed: number, numRuns: number): PropertyOutcome {
  const details = fc.check(property, { seed, numRuns });
  if (!details.failed) return { failed: false, numRuns: details.numRuns, seed };
  return {
    failed: true,
    numRuns: details.numRuns,
    seed,
    counterexample: details.counterexample === null ? undefined : fc.stringify(details.counterexample),
    shrinks: details.numShrinks,
    error: details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance ?? ''),
  };
}

/** A fast-check run as a criterion: the cases it ran, and one counterexample when it failed. */
export const propertyCriterion = (outcome: Pick<PropertyOutcome, 'failed' | 'numRuns'>): Criterion =>
  noCounterexample(outcome.numRuns, outcome.failed ? 1 : 0);

/** The outcome in words, as the claims' details print it. */
export const describeOutcome = (outcome: Pick<PropertyOutcome, 'failed' | 'numRuns' | 'shrinks'>): string =>
  outcome.failed ? `refuted (${outcome.shrinks} shrinks)` : `not refuted in ${outcome.numRuns} runs`;
