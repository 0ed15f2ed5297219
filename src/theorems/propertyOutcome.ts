import fc from 'fast-check';

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
