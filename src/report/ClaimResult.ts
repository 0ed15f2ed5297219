import type { ClaimId, Evidence, Measurement, Preset, ProofStep, Verdict } from '../theorems/Claim.ts';

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
  readonly checks: ReadonlyArray<{ readonly name: string; readonly passed: boolean; readonly detail: string }>;
  readonly negativeControls: ReadonlyArray<{
    readonly name: string;
    readonly flagged: boolean;
    readonly counterexample?: string;
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
    checks: evidence.checks.map(({ name, passed, detail }) => ({ name, passed, detail })),
    negativeControls: evidence.negativeControls.map(({ name, flagged, counterexample }) => ({
      name,
      flagged,
      ...(counterexample === undefined ? {} : { counterexample }),
    })),
    ...(evidence.proofSteps === undefined ? {} : { proofSteps: evidence.proofSteps }),
  };
}
