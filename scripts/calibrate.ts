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
// Every row records the exact seeds it has run; SIGINT or SIGTERM writes them and stops.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jstat from 'jstat';
import { createTaskPool } from '../src/parallel/TaskRunner.ts';
import { calibrationTaskModule } from './calibration/calibrationTasks.ts';
import { calibrationGroups } from './calibration/calibrationGroups.ts';
import { recordedSourceIsCurrent, sourceFingerprint } from './calibration/sourceFingerprint.ts';
import { CALIBRATION_SCHEMA_VERSION, readCalibrationFile, type MeasuredRow } from './calibration/calibrationSchema.ts';
import { markdownTable } from '../src/format/markdownTable.ts';
import { writeFileAtomically } from '../src/report/writeFileAtomically.ts';
import { formatNumber } from '../src/format/formatNumber.ts';

const { jStat } = jstat;

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
/** A row counts as within target only after this many independent seeds. */
const MINIMUM_RUNS = 200;
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
  alpha: number;
  alphaNote: string;
}
const tallies = new Map<string, Tally>();
for (const group of groups)
  for (const row of group.rows)
    tallies.set(row.id, { runs: 0, seeds: [], falseAlarms: [], flagged: 0, unflagged: [], alpha: 0, alphaNote: '' });

// Every group's current fingerprint: a kept row measured on other sources is marked stale.
const sources = new Map(allGroups.map((group) => [group.id, sourceFingerprint(group.entries)]));
const groupOfRow = new Map(allGroups.flatMap((group) => group.rows.map((row) => [row.id, group.id] as const)));
const entriesOf = new Map(allGroups.map((group) => [group.id, group.entries]));
/** Whether `row` was measured on the current code of its group (a fingerprint of the previous form on unchanged code counts). */
const measuredOnCurrentSources = (row: MeasuredRow) => {
  const group = groupOfRow.get(row.id);
  return group !== undefined && recordedSourceIsCurrent(row.source, entriesOf.get(group)!, sources.get(group)!);
};

const previous = new Map<string, MeasuredRow>();
if ((requested !== undefined || resume) && existsSync(JSON_FILE)) {
  for (const row of readCalibrationFile(JSON_FILE)) {
    // A fingerprint of the previous form on code unchanged since is carried over to the current form.
    const group = groupOfRow.get(row.id);
    const migrate =
      group !== undefined &&
      row.source !== undefined &&
      row.source !== sources.get(group) &&
      measuredOnCurrentSources(row);
    previous.set(row.id, migrate ? { ...row, source: sources.get(group)! } : row);
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

/** P(X ≥ k) for X ~ Binomial(n, p). */
function binomialTail(k: number, n: number, p: number): number {
  if (k === 0) return 1;
  if (p === 0) return 0;
  return 1 - jStat.binomial.cdf(k - 1, n, p);
}

/**
 * Writes calibration.json and calibration.md from the tallies so far (atomically). Called at
 * checkpoints while the pool runs, so an interrupted run leaves its progress, and at the end;
 * returns the number of rows outside their targets.
 */
/** A row's 'within target' label, and whether it makes the run fail (exit code 1). */
function targetVerdict(
  runs: number,
  rate: number,
  power: number,
  alpha: number,
  tail: number,
): { label: string; miscalibrated: boolean } {
  if (runs < MINIMUM_RUNS) return { label: `not yet: ${runs} of at least ${MINIMUM_RUNS} runs`, miscalibrated: true };
  if (power < 0.99) return { label: 'no: power below 99%', miscalibrated: true };
  if (rate <= alpha) return { label: 'yes', miscalibrated: false };
  // A rate above α that chance explains (binomial tail ≥ 0.01) is reported, not failed.
  if (tail >= 0.01) return { label: `no, but consistent with α (p = ${formatNumber(tail, 2)})`, miscalibrated: false };
  return { label: 'no: more false alarms than α allows', miscalibrated: true };
}

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
        source: sources.get(group.id)!,
      });
    }
  }
  // Rows in the order of the groups; rows of groups that no longer exist are dropped.
  const rowsInOrder = allGroups
    .flatMap((group) => group.rows.map((row) => measured.get(row.id)))
    .filter((row): row is MeasuredRow => row !== undefined);

  let miscalibrated = 0;
  let stale = 0;
  const rows = rowsInOrder.map((row) => {
    const current = measuredOnCurrentSources(row);
    if (!current) stale++;
    const falseAlarms = row.falseAlarms;
    const rate = falseAlarms / row.runs;
    const power = row.flagged / row.runs;
    const tail = binomialTail(falseAlarms, row.runs, row.alpha);
    const target = targetVerdict(row.runs, rate, power, row.alpha, tail);
    if (target.miscalibrated) miscalibrated++;
    return [
      row.description,
      row.alpha === 0 ? '0' : row.alpha.toExponential(1),
      row.alphaNote,
      row.seeds === undefined
        ? `${row.runs}`
        : `${row.runs} (seeds ${row.seeds.map(([first, last]) => (first === last ? `${first}` : `${first}–${last}`)).join(', ')})`,
      falseAlarms === 0
        ? '0'
        : `${falseAlarms} (seeds ${row.falseAlarmSeeds.slice(0, 10).join(', ')}${falseAlarms > 10 ? ', …' : ''})`,
      rate.toFixed(4),
      formatNumber(tail, 3),
      `${row.flagged}/${row.runs}${row.unflaggedSeeds !== undefined && row.unflaggedSeeds.length > 0 ? ` (missed: seeds ${row.unflaggedSeeds.slice(0, 10).join(', ')})` : ''}`,
      power.toFixed(4),
      target.label,
      current ? 'current' : row.source === undefined ? 'not recorded: re-run' : 'changed since: re-run',
    ];
  });

  writeFileAtomically(
    JSON_FILE,
    `${JSON.stringify({ schemaVersion: CALIBRATION_SCHEMA_VERSION, rows: rowsInOrder }, null, 2)}\n`,
  );
  writeFileAtomically(
    MARKDOWN_FILE,
    [
      '# Calibration of the stochastic checks',
      '',
      `Generated by \`npm run calibrate\` (raw counts in calibration.json): every statistical test of \`npm test\` (the definitions in src/calibration/, which test/statisticalChecks.test.ts, test/check-correct.test.ts and test/check-buggy.test.ts run with SEED) and every claim at the quick preset, as test/claims.test.ts verifies it (mnist-heterogeneous, which \`npm test\` leaves to the report, included). By default (CALIBRATION_SEEDS=200) a run uses seeds 1 … 1000 for the cheap tests and 1 … 200 for the slower ones and the claims; rows re-run on their own (CALIBRATION_GROUPS, CALIBRATION_SEEDS) may cover other ranges: the column 'runs' gives each row's own count, with its seeds where recorded.`,
      '',
      'A false alarm is a run on a true case that fails (for a claim: a verdict other than holds); the seeds are listed so that each can be replayed with `SEED=<seed> npm test`. Power is the fraction of runs that flag the negative control (for a claim: all of its negative controls). Targets: at least ' +
        MINIMUM_RUNS +
        ' runs, false-alarm rate at most the stated α, power at least 99%. For a claim, α is the sum of the false-failure probabilities its stochastic checks state (a union bound); its other checks are exact or properties and state 0. With N runs a rate far below 1/N cannot be resolved: the column P(≥ observed | α) gives the binomial probability of at least the observed count if α were exact, so a small value flags a miscalibrated check.',
      "The column 'sources' compares the fingerprint of the code each row was measured on (its group's static import closure) with the code now: a row marked 're-run' was measured on other sources (or before rows recorded them) and says nothing certain about the current code.",
      ...(stale === 0
        ? []
        : [
            '',
            `**${stale} of ${rowsInOrder.length} rows were measured on other sources than the current ones**: re-run their groups (\`CALIBRATION_GROUPS=...\`).`,
          ]),
      ...(progress === undefined
        ? []
        : [
            '',
            `**${progress}.** The counts below cover the tasks finished so far; \`CALIBRATION_RESUME=1\` runs the rest.`,
          ]),
      '',
      markdownTable(
        [
          'check (negative control)',
          'α stated',
          'how α is stated',
          'runs',
          'false alarms',
          'false-alarm rate',
          'P(≥ observed | α)',
          'control flagged',
          'power',
          'within target',
          'sources',
        ],
        rows,
      ),
      '',
    ].join('\n'),
  );
  return miscalibrated;
}

const pool = createTaskPool(calibrationTaskModule, workers);
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
await Promise.all(
  tasks.map(async (task) => {
    const [outcomes] = await pool.map('runSeed', [[task.group, task.seed, seeds, claimSeeds]]);
    for (const outcome of outcomes) {
      const tally = tallies.get(outcome.row)!;
      tally.runs++;
      tally.seeds.push(task.seed);
      if (!outcome.passed) tally.falseAlarms.push(task.seed);
      if (outcome.flagged) tally.flagged++;
      else tally.unflagged.push(task.seed);
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
clearInterval(checkpoint);
await pool.destroy();
const miscalibrated = writeResults(undefined);
process.stderr.write(
  `${MARKDOWN_FILE} written (${((Date.now() - started) / 60000).toFixed(1)} min, ${workers} workers)\n`,
);
process.exitCode = miscalibrated === 0 ? 0 : 1;
