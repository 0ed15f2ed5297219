/**
 * What a check compares, as data: the measured value, what the claim predicts, the tolerance and
 * the stated false-failure probability α (0 for exact and property checks). `judge` decides it;
 * results.json records it beside the verdict, so that a reader can re-judge every check.
 */
export type Criterion =
  /** value ≤ bound + tolerance. */
  | {
      readonly kind: 'at-most';
      readonly value: number;
      readonly bound: number;
      readonly tolerance: number;
      readonly alpha: number;
    }
  /** value ≥ bound − tolerance. */
  | {
      readonly kind: 'at-least';
      readonly value: number;
      readonly bound: number;
      readonly tolerance: number;
      readonly alpha: number;
    }
  /** |value − expected| ≤ tolerance. */
  | {
      readonly kind: 'within';
      readonly value: number;
      readonly expected: number;
      readonly tolerance: number;
      readonly alpha: number;
    }
  /** A property over `cases` generated or enumerated instances: it holds when none refutes it. */
  | {
      readonly kind: 'no-counterexample';
      readonly cases: number;
      readonly counterexamples: number;
      readonly alpha: number;
    }
  /**
   * A mean gain over paired runs against a margin, from one-sided (1 − α) bounds: shown larger
   * when lower > margin, shown smaller when upper < margin, otherwise not decided.
   */
  | {
      readonly kind: 'exceeds-margin';
      readonly mean: number;
      readonly lower: number;
      readonly upper: number;
      readonly margin: number;
      readonly runs: number;
      readonly alpha: number;
    }
  /**
   * Enough of the planned measurements could be made (e.g. points above the numerical floor):
   * passes when `measured` reaches `required`; short of it the claim cannot be judged, which is
   * not a violation, so the outcome is then not decisive.
   */
  | { readonly kind: 'enough-data'; readonly measured: number; readonly required: number; readonly alpha: number }
  /** Every part passes (α: the sum of the parts' α, a union bound). */
  | {
      readonly kind: 'all';
      readonly parts: ReadonlyArray<{ readonly label: string; readonly criterion: Criterion }>;
      readonly alpha: number;
    }
  /**
   * Some part passes: a negative control that must refute the claim in every cell states the
   * claim as this, so that a single cell where it survives leaves the control unflagged.
   */
  | {
      readonly kind: 'any';
      readonly parts: ReadonlyArray<{ readonly label: string; readonly criterion: Criterion }>;
      readonly alpha: number;
    };

/** A criterion's outcome: passed, and whether the measurement decides it. */
export interface Judgement {
  readonly passed: boolean;
  readonly decisive: boolean;
}
