// `npm run fuzz`: the fuzz and property tests over many seeds (200 by default), not only the one
// seed a CI run draws. Writes reports/fuzz.md and reports/fuzz.json; every counterexample is listed
// with the seed that replays it, and marked new when the previous fuzz.json did not hold it.
//
//   npm run fuzz                      seeds 1..200
//   npm run fuzz -- --seeds 50 --first 1000
//   FUZZ_OUT=/tmp/fuzz npm run fuzz   write elsewhere than reports/
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';

/** The files whose properties run per seed (they name their describe blocks "(seed N)"). */
const FUZZ_FILES = [
  'test/fuzz.test.ts',
  'properties/aggregators.property.test.ts',
  'properties/aggregators.laws.test.ts',
  'properties/noisyStatisticKernels.property.test.ts',
  'properties/integrate.property.test.ts',
];

const positiveInteger = (flag: string) => (raw: string) => {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1)
    throw new InvalidArgumentError(`${flag} must be a positive integer, got ${raw}`);
  return value;
};

const program = new Command('fuzz')
  .description('Run the fuzz and property tests over many seeds and write reports/fuzz.md')
  .option('--seeds <n>', 'how many seeds', positiveInteger('--seeds'), 200)
  .option('--first <seed>', 'the first seed', positiveInteger('--first'), 1)
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
program.parse();
const { seeds, first } = program.opts<{ seeds: number; first: number }>();
const last = first + seeds - 1;
const out = process.env.FUZZ_OUT ?? 'reports';
mkdirSync(out, { recursive: true });

/** The part of vitest's JSON report read here. */
const vitestReport = z.object({
  numTotalTests: z.number(),
  numFailedTests: z.number(),
  testResults: z.array(
    z.object({
      name: z.string(),
      assertionResults: z.array(
        z.object({
          ancestorTitles: z.array(z.string()),
          title: z.string(),
          status: z.string(),
          failureMessages: z.array(z.string()).nullish(),
        }),
      ),
    }),
  ),
});

const failureSchema = z.object({
  seed: z.number(),
  file: z.string(),
  test: z.string(),
  counterexample: z.string(),
  error: z.string(),
  isNew: z.boolean(),
});
const fuzzFile = z.object({
  schemaVersion: z.literal(1),
  seeds: z.tuple([z.number(), z.number()]),
  tests: z.number(),
  failures: z.array(failureSchema),
});
type Failure = z.infer<typeof failureSchema>;

/** Counterexamples already listed by the previous run: a corrupt file is an error naming it. */
function knownCounterexamples(): Set<string> {
  const file = path.join(out, 'fuzz.json');
  if (!existsSync(file)) return new Set();
  const parsed = fuzzFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    console.error(`fuzz: ${file} is not a fuzz report (schemaVersion 1): ${parsed.error.message}`);
    process.exit(4);
  }
  return new Set(parsed.data.failures.map(failureKey));
}

const failureKey = (failure: Pick<Failure, 'file' | 'test' | 'counterexample'>) =>
  `${failure.file}\u0000${failure.test}\u0000${failure.counterexample}`;

const scratch = mkdtempSync(path.join(tmpdir(), 'medmean-fuzz-'));
const jsonReport = path.join(scratch, 'vitest.json');
const started = Date.now();
console.error(`fuzz: seeds ${first}..${last} over ${FUZZ_FILES.join(', ')}`);
const vitest = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter',
    'dot',
    '--reporter',
    'json',
    '--outputFile.json',
    jsonReport,
    ...FUZZ_FILES,
  ],
  {
    env: { ...process.env, FUZZ_SEEDS: `${first}..${last}` },
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
if (!existsSync(jsonReport)) {
  console.error(`fuzz: vitest wrote no report (exit ${vitest.status}); nothing written`);
  process.exit(4);
}
const report = vitestReport.parse(JSON.parse(readFileSync(jsonReport, 'utf8')));
const known = knownCounterexamples();

const failures: Failure[] = report.testResults.flatMap((file) =>
  file.assertionResults
    .filter((assertion) => assertion.status === 'failed')
    .map((assertion) => {
      const titles = [...assertion.ancestorTitles, assertion.title];
      const seed = Number(/\(seed (\d+)\)/.exec(titles.join(' '))?.[1] ?? NaN);
      const message = (assertion.failureMessages ?? []).join('\n');
      const counterexample =
        /Counterexample: (.*)/.exec(message)?.[1] ?? '(no counterexample: the test failed outside a property)';
      const error = (/Got (?:error: )?(.*)/.exec(message)?.[1] ?? message.split('\n')[0]).slice(0, 300);
      const relative = path.relative(process.cwd(), file.name);
      const failure = {
        seed,
        file: relative,
        test: titles.join(' > ').replace(/ \(seed \d+\)/, ''),
        counterexample,
        error,
      };
      return { ...failure, isNew: !known.has(failureKey(failure)) };
    }),
);

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
const markdown = [
  '# Fuzzing over many seeds',
  '',
  `Generated by \`npm run fuzz\`: the fuzz and property tests (${FUZZ_FILES.join(', ')}) run once per seed, seeds ${first}–${last}; each test draws its inputs from its seed with fast-check, so a row below replays with \`SEED=<seed> npx vitest run <file>\`.`,
  '',
  `- tests run: ${report.numTotalTests} (${seeds} seeds)`,
  `- failures: ${failures.length} (new since the previous fuzz.json: ${failures.filter((f) => f.isNew).length})`,
  '',
  ...(failures.length === 0
    ? ['No counterexample on any seed.']
    : [
        '| seed | file | test | counterexample | error | new |',
        '| --- | --- | --- | --- | --- | --- |',
        ...failures.map(
          (f) =>
            `| ${f.seed} | ${f.file} | ${cell(f.test)} | \`${cell(f.counterexample)}\` | ${cell(f.error)} | ${f.isNew ? 'new' : 'known'} |`,
        ),
      ]),
  '',
].join('\n');
const json = `${JSON.stringify(fuzzFile.parse({ schemaVersion: 1, seeds: [first, last], tests: report.numTotalTests, failures }), null, 2)}\n`;

// Each file is written beside its target and renamed into place: never half written.
for (const [name, content] of [
  ['fuzz.md', markdown],
  ['fuzz.json', json],
] as const) {
  const target = path.join(out, name);
  writeFileSync(`${target}.tmp`, content);
  renameSync(`${target}.tmp`, target);
}
console.error(
  `fuzz: ${report.numTotalTests} tests, ${failures.length} failing (${failures.filter((f) => f.isNew).length} new) in ${minutes} min; wrote ${path.join(out, 'fuzz.md')}`,
);
for (const failure of failures) console.error(`  seed ${failure.seed}: ${failure.test}: ${failure.counterexample}`);
process.exitCode = failures.length === 0 ? 0 : 1;
