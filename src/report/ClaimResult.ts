import type { ClaimId, Evidence, Measurement, Preset, ProofStep, Verdict } from '../theorems/Claim.ts';
import type { Criterion } from '../verdict/Criterion.ts';

/** One claim's entry in results.json: everything the index and downstream tools need. */
export interface ClaimResult {
  readonly id: ClaimId;
  readonly title: string;
  readonly reference: string;
  readonly verdict: Verdict;
  readonly keyFigure: string;
  readonly seed: number;
  readonly preset: Preset;
  readonly measurements: Readonly<Record<string, Measurement>>;
  /** Each check's verdict, with the numbers it was decided on when it states a criterion. */
  readonly checks: ReadonlyArray<{
    readonly name: string;
    readonly passed: boolean;
    readonly detail: string;
    readonly criterion?: Criterion;
  }>;
  readonly negativeControls: ReadonlyArray<{
    readonly name: string;
    readonly flagged: boolean;
    readonly counterexample?: string;
    readonly criterion?: Criterion;
  }>;
  /** The appendix equations this claim checked step by step (absent when it reports none). */
  readonly proofSteps?: readonly ProofStep[];
}

export function toClaimResult(
  claim: { id: ClaimId; title: string; reference: string },
  evidence: Evidence,
  verdict: Verdict,
  seed: number,
  preset: Preset,
): ClaimResult {
  return {
    id: claim.id,
    title: claim.title,
    reference: claim.reference,
    verdict,
    keyFigure: evidence.keyFigure,
    seed,
    preset,
    measurements: evidence.measurements,
    checks: evidence.checks.map(({ name, passed, detail, criterion }) => ({
      name,
      passed,
      detail,
      ...(criterion === undefined ? {} : { criterion }),
    })),
    negativeControls: evidence.negativeControls.map(({ name, flagged, counterexample, criterion }) => ({
      name,
      flagged,
      ...(counterexample === undefined ? {} : { counterexample }),
      ...(criterion === undefined ? {} : { criterion }),
    })),
    ...(evidence.proofSteps === undefined ? {} : { proofSteps: evidence.proofSteps }),
  };
}
