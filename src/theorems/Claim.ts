import type { VegaLiteSpec } from '../format/VegaLiteSpec.ts';
import type { Criterion } from '../verdict/Criterion.ts';
import type { TaskRunner } from '../parallel/TaskRunner.ts';
import type { ClaimTasks } from './claimTasks.ts';
import type { KeyPart, RandomStream } from '../rng/RandomStream.ts';

import type { ClaimId, ClaimMetadata } from './claimRegistry.ts';

export { claimIds, type ClaimId } from './claimRegistry.ts';

/** A computed verdict: never written in by hand. */
export type Verdict = 'holds' | 'violated' | 'inconclusive';

/** One primary check of a claim: a measurement compared with what the claim predicts. */
export interface Check {
  readonly name: string;
  readonly passed: boolean;
  /** What was measured, with the expected value and the tolerance, in words and numbers. */
  readonly detail: string;
  /** For stochastic checks: the probability that the check fails although the claim is true. */
  readonly falseFailureProbability?: number;
  /** A check whose outcome is not decisive (e.g. too few samples) marks the claim inconclusive. */
  readonly decisive?: boolean;
  /** The numbers the check was decided on (src/verdict/judge.ts), when it is stated as a criterion. */
  readonly criterion?: Criterion;
}

/** A case where a hypothesis is broken, or a wrong variant of the claim, that the checks must flag. */
export interface NegativeControl {
  readonly name: string;
  readonly description: string;
  /** True when the check flagged the broken case, as it must. */
  readonly flagged: boolean;
  readonly detail: string;
  /** A minimal counterexample, when the control is a property that fast-check refuted. */
  readonly counterexample?: string;
  /** The criterion that did not pass on the broken case, when the control is stated as one. */
  readonly criterion?: Criterion;
}

/** A figure: a Vega-Lite spec rendered headlessly to reports/figures/<file>. */
export interface Figure {
  readonly file: string;
  readonly title: string;
  readonly caption: string;
  readonly spec: VegaLiteSpec;
}

export type Measurement =
  | number
  | string
  | boolean
  | readonly number[]
  | readonly string[]
  /** Values keyed by a setting, e.g. accuracies keyed by the noise scale. */
  | Readonly<Record<string, number | string | readonly number[]>>;

/** How a numbered appendix equation was checked (reports/proof-steps.md gathers them from every claim). */
export interface ProofStep {
  /** The equation number as printed, e.g. "(31)". */
  readonly equation: string;
  readonly method:
    | 'exact arithmetic'
    | 'quadrature'
    | 'property over generated instances'
    | 'worst-case search'
    | 'Monte Carlo';
  /** For Monte Carlo: the stated false-failure probability. */
  readonly alpha?: number;
  readonly instances: number;
  /** How tightness is measured: left/right (sup → 1: tight), relative slack (inf → 0: tight), or relative error of an identity. */
  readonly measure?: 'ratio' | 'slack' | 'relative error';
  /** The tightest value found, and the instance attaining it. */
  readonly worst?: number;
  readonly instance?: string;
  readonly verdict: 'holds' | 'violated' | 'typo';
  readonly note: string;
}

/** Everything a claim's verify computes. */
export interface Evidence {
  /** The appendix equations this claim's checks cover, step by step. */
  readonly proofSteps?: readonly ProofStep[];
  readonly checks: readonly Check[];
  readonly negativeControls: readonly NegativeControl[];
  /** Machine-readable numbers for results.json. */
  readonly measurements: Readonly<Record<string, Measurement>>;
  /** One line for the index: the key measured figure. */
  readonly keyFigure: string;
  /** Method and result sections, in markdown (tables included). */
  readonly sections: ReadonlyArray<{ readonly title: string; readonly body: string }>;
  readonly figures: readonly Figure[];
  /** Sample sizes and run counts, for the reproducibility footer. */
  readonly sampleSizes: Readonly<Record<string, number>>;
}

/** Run sizes: quick for smoke runs, default for `npm run report`, full for long sweeps. */
export type Preset = 'quick' | 'default' | 'full';

/** Data a user supplies for a claim (report flags), e.g. `--cifar10 DIR`. */
export interface ClaimInputs {
  /** A directory with CIFAR-10's binary version (data_batch_1.bin … data_batch_5.bin, test_batch.bin). */
  readonly cifar10Directory?: string;
}

export interface VerifyContext {
  readonly seed: number;
  readonly preset: Preset;
  readonly inputs: ClaimInputs;
  /** A stream derived from (seed, claim id, ...key). */
  stream(...key: KeyPart[]): RandomStream;
  /** A 32-bit integer seed for fast-check derived from (seed, claim id, ...key). */
  fastCheckSeed(...key: KeyPart[]): number;
  /** Where independent sweep points and Monte Carlo cells run (this thread or a worker pool); results do not depend on it. */
  readonly parallel: TaskRunner<ClaimTasks>;
}

/** A claim of the paper, one per file in src/theorems; its metadata comes from claimRegistry.ts. */
export interface Claim extends ClaimMetadata {
  readonly id: ClaimId;
  /** The statement, in markdown with LaTeX. */
  readonly statement: string;
  readonly hypotheses: readonly string[];
  /**
   * True when verify spreads independent cells over context.parallel: a report then runs it on the
   * coordinating thread, and every other claim whole, as one task on the pool.
   */
  readonly spreadsCells?: boolean;
  verify(context: VerifyContext): Evidence | Promise<Evidence>;
}

/**
 * The verdict follows from the evidence alone: violated when any decisive check fails;
 * inconclusive when a check is not decisive, when there are no checks, or when a negative control
 * was not flagged (the checks then lack the power to tell); holds otherwise.
 */
export function computeVerdict(evidence: Pick<Evidence, 'checks' | 'negativeControls'>): Verdict {
  const decisive = evidence.checks.filter((check) => check.decisive !== false);
  if (decisive.some((check) => !check.passed)) return 'violated';
  if (decisive.length === 0 || decisive.length < evidence.checks.length) return 'inconclusive';
  if (evidence.negativeControls.length === 0) return 'inconclusive';
  if (evidence.negativeControls.some((control) => !control.flagged)) return 'inconclusive';
  return 'holds';
}
