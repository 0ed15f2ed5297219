/**
 * The statistical tests of `npm test`, each a function of the seed: `npm test` runs each once
 * with SEED, and `npm run calibrate` runs them over many seeds to measure how often they fail on a
 * true case (false alarms, against the α stated here) and flag their negative control (power).
 * One definition for both, so the calibration measures the very test that CI runs.
 */
export interface StatisticalCheck {
  readonly id: string;
  /** The calibration table's row label. */
  readonly description: string;
  /** The stated probability of failing on a true case, for any seed. */
  readonly alpha: number;
  /** How α is obtained (the tests and their levels). */
  readonly alphaNote: string;
  /** The check on a case where it must pass. */
  readonly holds: (seed: number) => Promise<Outcome>;
  /** The same check on its negative control, which it must flag (`passed` false). */
  readonly control: (seed: number) => Promise<Outcome>;
}

export interface Outcome {
  readonly passed: boolean;
  readonly detail: string;
}
