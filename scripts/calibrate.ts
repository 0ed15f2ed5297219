// npm run calibrate: measures, over many independent seeds, how often each stochastic check fails
// although its claim is true (false alarms, against the α it states) and how often it flags its
// negative control (power). Seeds run in parallel on a worker pool; the counts do not depend on
// the number of workers or on the order in which tasks finish. Writes reports/calibration.md.
//
//   CALIBRATION_SEEDS   seeds per whole claim (default 200); the cheap tests get five times as many
//   CALIBRATION_WORKERS worker threads (default: all cores)
//   CALIBRATION_OUT     directory for calibration.md and calibration.json (default: reports)
//   CALIBRATION_GROUPS  comma-separated group ids to (re)run (`,` for none: re-render the markdown); the other rows are kept from
//                       reports/calibration.json (default: every group)
//   CALIBRATION_RESUME  1: run only the seeds that the rows in calibration.json have not run yet and
//                       add the new counts to theirs, provided they were measured on identical
//                       sources (the fingerprint of the group's static import closure, see
//                       scripts/calibration/sourceFingerprint.ts); a mismatch is refused.
//   CALIBRATION_MERGE   another calibration.json (a run in a separate clone): each of its rows measured
//                       on the current sources replaces the kept row when that is stale or has
//                       fewer runs; with CALIBRATION_GROUPS=, this merges and re-renders only.
// Every row records the exact seeds it has run; SIGINT or SIGTERM writes them and stops.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTaskPool } from '../src/parallel/TaskRunner.ts';
import { calibrationTaskModule } from './calibration/calibrationTasks.ts';
import { calibrationGroups } from './calibration/calibrationGroups.ts';
import { renderCalibration } from './calibration/renderCalibration.ts';
import { sourceFingerprint } from './calibration/sourceFingerprint.ts';
import { CALIBRATION_SCHEMA_VERSION, readCalibrationFile, type MeasuredRow } from './calibration/calibrationSchema.ts';
import { writeFileAtomically } from '../src/report/writeFileAtomically.ts';

function positiveIntegerFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    process.stderr.write(`${name} must be a positive integer, got ${JSON.stringify(raw)}\n`);
    process.exit(2);
  }
  return value;
}

const claimSeeds = positiveIntegerFromEnv('CALIBRATION_SEEDS', 200);
const resumeFlag = process.env.CALIBRATION_RESUME ?? '';
if (!['', '0', '1'].includes(resumeFlag)) {
  process.stderr.write(
    `CALIBRATION_RESUME must be 1 (resume) or 0 (start afresh), got ${JSON.stringify(resumeFlag)}\n`,
  );
  process.exit(2);
}
const resume = resumeFlag === '1';
const seeds = 5 * claimSeeds;
const workers = positiveIntegerFromEnv('CALIBRATION_WORKERS', os.availableParallelism());
const allGroups = calibrationGroups(seeds, claimSeeds);
const requested = process.env.CALIBRATION_GROUPS?.split(',')
  .map((id) => id.trim())
  .filter((id) => id !== '');
for (const id of requested ?? []) {
  if (!allGroups.some((group) => group.id === id)) {
    process.stderr.write(
      `CALIBRATION_GROUPS: unknown group ${JSON.stringify(id)}; groups: ${allGroups.map((group) => group.id).join(', ')}\n`,
    );
    process.exit(2);
  }
}
const groups = requested === undefined ? allGroups : allGroups.filter((group) => requested.includes(group.id));
const OUT = process.env.CALIBRATION_OUT ?? 'reports';
const JSON_FILE = path.join(OUT, 'calibration.json');
const MARKDOWN_FILE = path.join(OUT, 'calibration.md');

interface Tally {
  runs: number;
  seeds: number[];
  falseAlarms: number[];
  flagged: number;
  unflagged: number[];
  failures: Record<string, string>;
  alpha: number;
  alphaNote: string;
}
const tallies = new Map<string, Tally>();
for (const group of groups)
  for (const row of group.rows)
    tallies.set(row.id, {
      runs: 0,
      seeds: [],
      falseAlarms: [],
      flagged: 0,
      unflagged: [],
      failures: {},
      alpha: 0,
      alphaNote: '',
    });

// Every group's current fingerprint: a kept row measured on other sources is marked stale.
const sources = new Map(allGroups.map((group) => [group.id, sourceFingerprint(group.entries)]));
const groupOfRow = new Map(allGroups.flatMap((group) => group.rows.map((row) => [row.id, group.id] as const)));
/** Whether `row` was measured on the current code of its group. */
const measuredOnCurrentSources = (row: MeasuredRow) => {
  const group = groupOfRow.get(row.id);
  return group !== undefined && row.source !== undefined && row.source === sources.get(group);
};

const previous = new Map<string, MeasuredRow>();
if ((requested !== undefined || resume) && existsSync(JSON_FILE)) {
  for (const row of readCalibrationFile(JSON_FILE)) {
    previous.set(row.id, row);
  }
}
const mergeFile = process.env.CALIBRATION_MERGE;
if (mergeFile !== undefined && mergeFile !== '') {
  for (const row of readCalibrationFile(mergeFile)) {
    const kept = previous.get(row.id);
    const current = measuredOnCurrentSources(row);
    const taken = current && (kept === undefined || !measuredOnCurrentSources(kept) || row.runs > kept.runs);
    if (taken) previous.set(row.id, row);
    const outcome = taken ? 'taken' : current ? 'kept as it was (no more runs)' : 'skipped: measured on other sources';
    process.stderr.write(`CALIBRATION_MERGE: ${row.id} (${row.runs} runs) ${outcome}\n`);
  }
}

/** Sorted disjoint [first, last] ranges covering `seeds`. */
function toRanges(seeds: readonly number[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const seed of [...seeds].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    if (last !== undefined && seed === last[1] + 1) last[1] = seed;
    else ranges.push([seed, seed]);
  }
  return ranges;
}
const fromRanges = (ranges: ReadonlyArray<[number, number]>) =>
  ranges.flatMap(([first, last]) => Array.from({ length: last - first + 1 }, (_, i) => first + i));

/** With CALIBRATION_RESUME: the rows being resumed, and the seeds each group has already run. */
const resumed = new Map<string, MeasuredRow>();
const seedsDone = new Map<string, Set<number>>();
if (resume) {
  for (const group of groups) {
    const earlier = group.rows.map((row) => previous.get(row.id));
    if (earlier.every((row) => row === undefined)) continue;
    const source = sources.get(group.id)!;
    const problem = earlier.some((row) => row === undefined || row.seeds === undefined)
      ? 'some of its rows record no seeds'
      : earlier.some((row) => !measuredOnCurrentSources(row!))
        ? `its rows were measured on other sources (${earlier.map((row) => row!.source ?? 'unrecorded').join(', ')}; now ${source})`
        : new Set(earlier.map((row) => JSON.stringify(row!.seeds))).size > 1
          ? 'its rows record different seeds'
          : undefined;
    if (problem !== undefined) {
      process.stderr.write(
        `CALIBRATION_RESUME: group ${group.id} cannot be resumed: ${problem}. Run it afresh (without CALIBRATION_RESUME).\n`,
      );
      process.exit(2);
    }
    for (const row of earlier) resumed.set(row!.id, row!);
    seedsDone.set(group.id, new Set(fromRanges(earlier[0]!.seeds!)));
  }
}

// Slow groups first, seeds interleaved, so the pool stays balanced to the end.
const tasks = [...groups]
  .sort((a, b) => b.cost - a.cost)
  .flatMap((group) =>
    Array.from({ length: group.seeds }, (_, i) => ({ group: group.id, seed: i + 1, cost: group.cost })).filter(
      (task) => !seedsDone.get(group.id)?.has(task.seed),
    ),
  )
  .sort((a, b) => b.cost - a.cost || a.seed - b.seed);

/**
 * Writes calibration.json and calibration.md from the tallies so far (atomically). Called at
 * checkpoints while the pool runs, so an interrupted run leaves its progress, and at the end;
 * returns the number of rows outside their targets.
 */
function writeResults(progress: string | undefined): number {
  const measured = new Map(previous);
  for (const group of groups) {
    for (const row of group.rows) {
      const tally = tallies.get(row.id)!;
      if (tally.runs === 0) continue;
      const earlier = resumed.get(row.id);
      const falseAlarmSeeds = [...(earlier?.falseAlarmSeeds ?? []), ...tally.falseAlarms].sort((a, b) => a - b);
      const alpha = Math.max(tally.alpha, earlier?.alpha ?? 0);
      measured.set(row.id, {
        id: row.id,
        description: row.description,
        alpha,
        alphaNote: earlier !== undefined && earlier.alpha > tally.alpha ? earlier.alphaNote : tally.alphaNote,
        runs: (earlier?.runs ?? 0) + tally.runs,
        falseAlarms: (earlier?.falseAlarms ?? 0) + tally.falseAlarms.length,
        falseAlarmSeeds,
        flagged: (earlier?.flagged ?? 0) + tally.flagged,
        unflaggedSeeds: [...(earlier?.unflaggedSeeds ?? []), ...tally.unflagged].sort((a, b) => a - b),
        seeds: toRanges([...fromRanges(earlier?.seeds ?? []), ...tally.seeds]),
        ...(earlier?.failures === undefined && Object.keys(tally.failures).length === 0
          ? {}
          : { failures: { ...earlier?.failures, ...tally.failures } }),
        source: sources.get(group.id)!,
      });
    }
  }
  // Rows in the order of the groups; rows of groups that no longer exist are dropped.
  const rowsInOrder = allGroups
    .flatMap((group) => group.rows.map((row) => measured.get(row.id)))
    .filter((row): row is MeasuredRow => row !== undefined);

  const { markdown, miscalibrated } = renderCalibration(rowsInOrder, measuredOnCurrentSources, progress);
  writeFileAtomically(
    JSON_FILE,
    `${JSON.stringify({ schemaVersion: CALIBRATION_SCHEMA_VERSION, rows: rowsInOrder }, null, 2)}\n`,
  );
  writeFileAtomically(MARKDOWN_FILE, markdown);
  return miscalibrated;
}

/**
 * Tasks a pool runs before it is replaced by a fresh one (fresh threads, fresh WebAssembly
 * instances), per worker: nlopt-js 0.1.1 fails from about the 390th thm1/thm2 claim run in one
 * thread (docs/calibration.md), and a thread recycled every 100 tasks stays far below that.
 */
const TASKS_PER_WORKER_PER_POOL = 100;
const started = Date.now();
let done = 0;
const CHECKPOINT_MS = 5 * 60_000;
const progress = () => `${done} of ${tasks.length} tasks after ${((Date.now() - started) / 60000).toFixed(0)} min`;
const checkpoint = setInterval(() => writeResults(`Checkpoint of a run in progress: ${progress()}`), CHECKPOINT_MS);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    writeResults(`Run stopped by ${signal}: ${progress()}`);
    process.stderr.write(`${signal}: counts so far written to ${MARKDOWN_FILE}; CALIBRATION_RESUME=1 runs the rest\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}
const batch = TASKS_PER_WORKER_PER_POOL * workers;
for (let first = 0; first < tasks.length; first += batch) {
  const pool = createTaskPool(calibrationTaskModule, workers);
  await Promise.all(
    tasks.slice(first, first + batch).map(async (task) => {
      const [outcomes] = await pool.map('runSeed', [[task.group, task.seed, seeds, claimSeeds]]);
      for (const outcome of outcomes) {
        const tally = tallies.get(outcome.row)!;
        tally.runs++;
        tally.seeds.push(task.seed);
        if (!outcome.passed) tally.falseAlarms.push(task.seed);
        if (outcome.flagged) tally.flagged++;
        else tally.unflagged.push(task.seed);
        if (outcome.detail !== undefined) tally.failures[task.seed] = outcome.detail;
        // The stated α of a claim can depend on which checks ran; keep the largest seen.
        if (outcome.alpha >= tally.alpha) {
          tally.alpha = outcome.alpha;
          tally.alphaNote = outcome.alphaNote;
        }
      }
      done++;
      if (done % 100 === 0 || done === tasks.length)
        process.stderr.write(`${done}/${tasks.length} tasks, ${((Date.now() - started) / 60000).toFixed(1)} min\n`);
    }),
  );
  await pool.destroy();
}
clearInterval(checkpoint);
const miscalibrated = writeResults(undefined);
process.stderr.write(
  `${MARKDOWN_FILE} written (${((Date.now() - started) / 60000).toFixed(1)} min, ${workers} workers)\n`,
);
process.exitCode = miscalibrated === 0 ? 0 : 1;
