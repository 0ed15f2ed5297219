import { readdirSync } from 'node:fs';
import path from 'node:path';
import { claims, computeVerdict, createVerifyContext } from '../../src/index.ts';
import { inlineRunner, type TaskRunner } from '../../src/parallel/TaskRunner.ts';
import type { ClaimId } from '../../src/theorems/Claim.ts';
import { type ClaimTasks, tasks as claimTasks } from '../../src/theorems/claimTasks.ts';
import { networkTasks } from '../../src/theorems/networkTasks.ts';
import { claimMetadata } from '../../src/theorems/claimRegistry.ts';
import { checkFixturesCheck } from '../../src/calibration/fixtureCalibration.ts';
import { noisyFixturesCheck } from '../../src/calibration/noisyCheckCalibration.ts';
import type { StatisticalCheck } from '../../src/calibration/StatisticalCheck.ts';
import { statisticalCheckSources } from '../../src/calibration/statisticalChecks.ts';

/** One measured row of reports/calibration.md. */
export interface CalibrationRow {
  readonly id: string;
  readonly description: string;
}

/** What one seed gave for one row: the check on its true case, and on its negative control. */
export interface SeedOutcome {
  readonly row: string;
  readonly passed: boolean;
  readonly flagged: boolean;
  /** The stated false-failure probability (for claims: the sum over their stochastic checks). */
  readonly alpha: number;
  readonly alphaNote: string;
  /** On a false alarm or a missed control: what failed, in the checks' own words. */
  readonly detail?: string;
}

/**
 * A unit of calibration work run once per seed: a statistical test of `npm test`, or a whole
 * claim at the quick preset (claims that share a computation are grouped so it is done once).
 */
export interface CalibrationGroup {
  readonly id: string;
  readonly rows: readonly CalibrationRow[];
  readonly seeds: number;
  /** Relative cost per seed, to start the slow groups first. */
  readonly cost: number;
  /** The files whose static import closure is the code measured (see sourceFingerprint). */
  readonly entries: readonly string[];
  run(seed: number): Promise<SeedOutcome[]>;
}

const FIXTURE_DIRECTORY = 'test/fixtures/aggregators';
const NOISY_FIXTURE_DIRECTORY = 'test/fixtures/noisy-aggregators';

/** Every file under `directory`, recursively. */
function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(directory, entry.name)) : [path.join(directory, entry.name)],
  );
}

/** The module that declares a claim, from the claim registry. */
function claimFile(id: ClaimId): string {
  return path.join('src/theorems', claimMetadata(id).file);
}

function checkGroup(
  check: StatisticalCheck,
  seeds: number,
  cost: number,
  entries: readonly string[],
): CalibrationGroup {
  return {
    id: check.id,
    rows: [{ id: check.id, description: check.description }],
    seeds,
    cost,
    entries,
    async run(seed) {
      const [holds, control] = await Promise.all([check.holds(seed), check.control(seed)]);
      return [
        {
          row: check.id,
          passed: holds.passed,
          flagged: !control.passed,
          alpha: check.alpha,
          alphaNote: check.alphaNote,
          detail: whatFailed([
            [!holds.passed, `true case: ${holds.detail}`],
            [control.passed, `control not flagged: ${control.detail}`],
          ]),
        },
      ];
    },
  };
}

/** The failures' descriptions joined, or undefined when nothing failed. */
function whatFailed(parts: ReadonlyArray<readonly [boolean, string]>): string | undefined {
  const failed = parts.filter(([failing]) => failing).map(([, text]) => text);
  return failed.length === 0 ? undefined : failed.join(' | ');
}

/**
 * The tasks a claim group runs on, inline, and the files that define them (the task table is
 * handed to verify, not imported by the claims, so it is named as an entry of the fingerprint).
 */
interface GroupTasks {
  readonly runner: TaskRunner<ClaimTasks>;
  readonly entries: readonly string[];
}

const allClaimTasks: GroupTasks = { runner: inlineRunner(claimTasks), entries: ['src/theorems/claimTasks.ts'] };

/**
 * Network training only, with the trainer it loads on first use: the experiments' rows, the
 * costliest to re-run, then do not depend on the estimators' code. A claim asking for another
 * task fails its row (the runner names the tasks it has).
 */
function networkTraining(trainer: string): GroupTasks {
  return {
    runner: inlineRunner(networkTasks) as unknown as TaskRunner<ClaimTasks>,
    entries: ['src/theorems/networkTasks.ts', trainer],
  };
}

/** Claims as in test/claims.test.ts: the verdict must be holds, and every negative control flagged. */
function claimGroup(
  ids: readonly ClaimId[],
  seeds: number,
  cost: number,
  tasks: GroupTasks = allClaimTasks,
): CalibrationGroup {
  const selected = ids.map((id) => {
    const claim = claims.find((c) => c.id === id);
    if (claim === undefined) throw new Error(`no claim ${id}`);
    return claim;
  });
  return {
    id: ids.join('+'),
    rows: selected.map((claim) => ({
      id: `claim-${claim.id}`,
      description: `claim ${claim.id}, quick preset: verdict holds; every negative control flagged`,
    })),
    seeds,
    cost,
    entries: [...ids.map(claimFile), 'src/theorems/Claim.ts', 'src/theorems/verifyContext.ts', ...tasks.entries],
    async run(seed) {
      const outcomes: SeedOutcome[] = [];
      for (const claim of selected) {
        const evidence = await claim.verify(createVerifyContext(seed, claim.id, 'quick', tasks.runner));
        const stochastic = evidence.checks.filter((check) => check.falseFailureProbability !== undefined);
        const verdict = computeVerdict(evidence);
        outcomes.push({
          row: `claim-${claim.id}`,
          passed: verdict === 'holds',
          detail: whatFailed([
            ...evidence.checks.map((check): [boolean, string] => [
              !check.passed,
              `${verdict}: ${check.name}: ${check.detail}`,
            ]),
            ...evidence.negativeControls.map((control): [boolean, string] => [
              !control.flagged,
              `control not flagged: ${control.name}: ${control.detail}`,
            ]),
          ]),
          flagged:
            evidence.negativeControls.length > 0 && evidence.negativeControls.every((control) => control.flagged),
          alpha: stochastic.reduce((sum, check) => sum + (check.falseFailureProbability ?? 0), 0),
          alphaNote:
            stochastic.length === 0
              ? 'no stochastic check'
              : `sum over: ${stochastic.map((check) => `${check.name} (${check.falseFailureProbability})`).join('; ')}`,
        });
      }
      return outcomes;
    },
  };
}

/**
 * Everything calibrated: `seeds` is the number of independent seeds (1 … seeds) per group,
 * `claimSeeds` the number for whole claims.
 */
export function calibrationGroups(seeds: number, claimSeeds: number): CalibrationGroup[] {
  return [
    claimGroup(['mnist-heterogeneous'], claimSeeds, 18, networkTraining('src/problems/heterogeneousMnist.ts')),
    claimGroup(['cifar-analogue'], claimSeeds, 12, networkTraining('src/problems/cifarAnalogue.ts')),
    claimGroup(['thm4a-bias', 'thm4a-variance', 'thm4b-symmetry'], claimSeeds, 12),
    // The fixture modules, and the worker thread that runs them, are loaded by path, not imported.
    checkGroup(checkFixturesCheck(FIXTURE_DIRECTORY), claimSeeds, 20, [
      'src/calibration/fixtureCalibration.ts',
      'src/check/aggregatorWorker.mjs',
      'src/parallel/workerHost.mjs',
      'src/parallel/loadModule.mjs',
      ...filesUnder(FIXTURE_DIRECTORY),
    ]),
    checkGroup(noisyFixturesCheck(NOISY_FIXTURE_DIRECTORY), claimSeeds, 2, [
      'src/calibration/noisyCheckCalibration.ts',
      'src/check/aggregatorWorker.mjs',
      'src/parallel/workerHost.mjs',
      'src/parallel/loadModule.mjs',
      ...filesUnder(NOISY_FIXTURE_DIRECTORY),
    ]),
    claimGroup(['thm6'], claimSeeds, 4),
    claimGroup(['thmF1'], claimSeeds, 1.2),
    claimGroup(['thm5'], claimSeeds, 0.6),
    claimGroup(['prop1'], claimSeeds, 0.5),
    claimGroup(['thm1'], claimSeeds, 0.5),
    claimGroup(['thm2'], claimSeeds, 0.5),
    claimGroup(['thm3'], claimSeeds, 0.5),
    ...statisticalCheckSources.flatMap(([source, checks]) =>
      checks.map((check) =>
        check.id === 'ziggurat-battery' || check.id === 'check-theorem4'
          ? checkGroup(check, claimSeeds, 0.8, [source])
          : checkGroup(check, seeds, 0.05, [source]),
      ),
    ),
  ];
}
