import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { requireInteger } from '../errors/validate.ts';
import {
  claimIds,
  computeVerdict,
  type Claim,
  type ClaimId,
  type ClaimInputs,
  type Evidence,
  type Preset,
} from '../theorems/Claim.ts';
import { inlineRunner, withTaskRunner, type TaskRunner } from '../parallel/TaskRunner.ts';
import { reportTaskModule, tasks as reportTasks, type ReportTasks } from './reportTasks.ts';
import { claims as allClaims } from '../theorems/claims.ts';
import { createVerifyContext } from '../theorems/verifyContext.ts';
import { toClaimResult, type ClaimResult } from './ClaimResult.ts';
import { renderClaimReport } from './renderClaimReport.ts';
import { renderFigure } from './renderFigure.ts';
import { renderIndex } from './renderIndex.ts';
import { jsonText, readResultsFile, serializeResultsFile } from './resultsSchema.ts';
import { RESULTS_SCHEMA_VERSION } from './resultsSchemaVersion.ts';
import { buildProofAtlas, renderProofAtlas } from './proofAtlas.ts';
import { packageVersion, sourceCommit } from './reproducibility.ts';
import { withDirectoryLock } from './directoryLock.ts';
import { requireWritablePath } from './requireWritablePath.ts';
import { restoreInterruptedWrite, writeDirectoryAtomically } from './writeDirectoryAtomically.ts';
import { DEFAULT_SEED } from './defaultSeed.ts';

export { DEFAULT_SEED };

export interface ReportOptions {
  /** Output directory (default 'reports'). */
  readonly out?: string;
  /** Master seed, a non-negative safe integer. */
  readonly seed?: number;
  /** Claim ids to (re)compute; default all implemented claims. Others keep their previous report. */
  readonly claims?: readonly string[];
  readonly preset?: Preset;
  /** Called as claims progress (before each starts on one thread; as each finishes on a pool). */
  readonly onProgress?: (claimId: ClaimId, index: number, total: number) => void;
  /** Worker threads (default: every core); the reports are byte-identical for any number. */
  readonly workers?: number;
  /** Data supplied by the user, e.g. the CIFAR-10 directory (`--cifar10`). */
  readonly inputs?: ClaimInputs;
}

/** The shape of results.json. */
export interface ResultsFile {
  readonly schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  readonly seed: number;
  readonly version: string;
  readonly commit: string;
  readonly claims: readonly ClaimResult[];
}

/** Verifies the chosen claims and writes reports/ atomically; returns the results written. */
export async function runReport(options: ReportOptions = {}): Promise<ResultsFile> {
  const api = 'runReport';
  const seed = requireInteger(api, 'seed', options.seed ?? DEFAULT_SEED, 0);
  const preset = options.preset ?? 'default';
  if (!['quick', 'default', 'full'].includes(preset))
    throw new MedmeanError(api, 'preset', 'one of quick, default, full', preset);
  const out = options.out ?? 'reports';
  if (typeof out !== 'string' || out.trim() === '') throw new MedmeanError(api, 'out', 'a directory path', out);
  requireWritablePath(api, 'out', out, 'directory');
  const workers = requireInteger(api, 'workers', options.workers ?? os.availableParallelism(), 1, 256);
  const selected = selectClaims(options.claims);
  const computed = await withTaskRunner(reportTaskModule, workers, (runner) =>
    computeClaims(selected, seed, preset, options.onProgress, runner, options.inputs ?? {}),
  );
  return writeReports(out, computed);
}

/** Rendered reports and results of some claims: the unit that shards produce and merge combines. */
export interface ComputedClaims {
  readonly seed: number;
  readonly preset: Preset;
  readonly version: string;
  readonly commit: string;
  /** Per-claim files: `<id>.md` and `figures/<id>-*.svg`. */
  readonly files: ReadonlyMap<string, string>;
  readonly results: readonly ClaimResult[];
}

/**
 * Verifies the claims and renders their reports and figures (nothing is written). With a pool,
 * claims that spread their own cells run on this thread and hand their cells to the pool, and
 * every other claim runs whole as one task, all at once, so every worker stays busy. Evidence
 * depends on (seed, claim, preset) alone, so the files are the same for any runner.
 */
export async function computeClaims(
  selected: readonly Claim[],
  seed: number,
  preset: Preset,
  onProgress?: ReportOptions['onProgress'],
  runner: TaskRunner<ReportTasks> = inlineRunner(reportTasks),
  inputs: ClaimInputs = {},
): Promise<ComputedClaims> {
  const version = packageVersion();
  const commit = sourceCommit();
  const verifyOne = async (claim: Claim): Promise<Evidence> => {
    if (claim.spreadsCells === true || runner.workers === 1)
      return claim.verify(createVerifyContext(seed, claim.id, preset, runner, inputs));
    const [evidence] = await runner.map('verifyClaim', [[claim.id, seed, preset, inputs]]);
    return evidence;
  };
  let evidences: Evidence[];
  if (runner.workers === 1) {
    evidences = [];
    for (const [index, claim] of selected.entries()) {
      onProgress?.(claim.id, index, selected.length);
      evidences.push(await verifyOne(claim));
    }
  } else {
    let finished = 0;
    evidences = await Promise.all(
      selected.map(async (claim) => {
        const evidence = await verifyOne(claim);
        onProgress?.(claim.id, finished++, selected.length);
        return evidence;
      }),
    );
  }
  const files = new Map<string, string>();
  const results: ClaimResult[] = [];
  for (const [index, claim] of selected.entries()) {
    const evidence = evidences[index];
    const verdict = computeVerdict(evidence);
    files.set(`${claim.id}.md`, renderClaimReport(claim, evidence, verdict, { seed, preset, version, commit }));
    for (const figure of evidence.figures)
      files.set(`figures/${figure.file}`, await renderFigure(figure.spec, figure.title));
    results.push(toClaimResult(claim, evidence, verdict, seed, preset));
  }
  return { seed, preset, version, commit, files, results };
}

/**
 * Writes computed claims into `out` atomically, with results.json and the index; claims not in
 * `computed` keep their previous reports, and other files in `out` are kept.
 */
export function writeReports(out: string, computed: ComputedClaims): ResultsFile {
  // Another run writing `out` at the same time finishes first: its claims are then among the previous ones.
  return withDirectoryLock(out, () => {
    // A run killed between the writer's two renames left the previous reports set aside: read them
    // there, or this run's results.json and index would drop every claim it does not recompute.
    restoreInterruptedWrite(out);
    const previous = readPreviousResults(out);
    const rerun = new Set(computed.results.map((result) => result.id));
    const merged = claimIds
      .map(
        (id) =>
          computed.results.find((result) => result.id === id) ??
          previous.find((result) => result.id === id && !rerun.has(id)),
      )
      .filter((result): result is ClaimResult => result !== undefined);
    const results: ResultsFile = {
      schemaVersion: RESULTS_SCHEMA_VERSION,
      seed: computed.seed,
      version: computed.version,
      commit: computed.commit,
      claims: merged,
    };
    const files = new Map(computed.files);
    files.set('results.json', serializeResultsFile(results));
    files.set('README.md', renderIndex(merged, computed.version));
    const atlas = buildProofAtlas(merged);
    files.set('proof-steps.json', jsonText(atlas));
    files.set('proof-steps.md', renderProofAtlas(atlas));
    // Keep everything from the previous run except the files of the claims being recomputed
    // (other claims' reports, and other generated files such as bench.md or mutation results).
    const keep = (relative: string) => {
      const owner = claimIds.find((id) => relative === `${id}.md` || relative.startsWith(`figures/${id}-`));
      return owner === undefined || !rerun.has(owner);
    };
    writeDirectoryAtomically(out, files, keep);
    return results;
  });
}

export function selectClaims(ids: readonly string[] | undefined): Claim[] {
  if (ids === undefined) return [...allClaims];
  if (!Array.isArray(ids) || ids.length === 0)
    throw new MedmeanError('runReport', 'claims', 'a non-empty list of claim ids', ids);
  return ids.map((id) => {
    if (!(claimIds as readonly string[]).includes(id)) {
      throw new MedmeanError('runReport', 'claims', `claim ids from ${claimIds.join(', ')}`, id);
    }
    const claim = allClaims.find((candidate) => candidate.id === id);
    if (claim === undefined) {
      throw new MedmeanError(
        'runReport',
        'claims',
        `claims that are implemented (${allClaims.map((c) => c.id).join(', ')})`,
        id,
      );
    }
    return claim;
  });
}

function readPreviousResults(out: string): ClaimResult[] {
  const file = path.join(out, 'results.json');
  return existsSync(file) ? readResultsFile(file) : [];
}
