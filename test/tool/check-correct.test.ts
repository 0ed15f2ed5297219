import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandAggregator, vectorToJson, withNonFiniteAsNull } from '../../src/check/commandAggregator.ts';
import { moduleAggregator } from '../../src/check/moduleAggregator.ts';
import { createRule } from '../../src/check/rules.ts';
import { runChecks } from '../../src/check/runChecks.ts';
import { fixtureChecks } from '../helpers/fixtureAggregators.ts';
import { testSeed } from '../helpers/testSeed.ts';
import { withThisSeedsShare } from '../helpers/corpusShare.ts';
import { checkFixture } from '../../src/calibration/fixtureCalibration.ts';
import { pythonWith } from '../helpers/python.ts';
import { runCliInProcess } from '../helpers/runCliInProcess.ts';
import type { CallOutcome } from '../../src/check/AggregatorUnderTest.ts';

const errorOf = (outcome: CallOutcome) =>
  outcome.kind === 'error' || outcome.kind === 'timeout' ? outcome.error : `no error (${outcome.kind})`;
const valuesOf = (outcome: CallOutcome) =>
  outcome.kind === 'values' ? Array.from(outcome.values) : `no values (${outcome.kind})`;
import { STOPPED_STATES, waitUntilStopped } from '../helpers/processStopped.ts';

// Correct implementations in different styles (sort, quickselect in TypeScript, reduce, pairwise
// summation) must pass every check. The Theorem 4 check is statistical: false failure ≤ 2e-5.
// This seed's share of the corpus (helpers/corpusShare.ts; CORPUS=all for every fixture).
describe.each(withThisSeedsShare(fixtureChecks('pass')))('correct %s', (_name, fixture, runs) => {
  it.runIf(runs)('passes every check', async () => {
    const results = await checkFixture(fixture, testSeed());
    expect(results.filter((r) => r.status === 'fail' || r.status === 'incomplete')).toEqual([]);
    expect(results.filter((r) => r.status === 'pass').length).toBeGreaterThanOrEqual(9);
  });
});

const python = pythonWith([]);
const hasPython = python !== undefined;

describe('external commands (--command)', () => {
  it.runIf(hasPython)(
    'a Python median (statistics.median) over newline-delimited JSON passes on |v| ≤ 1e300, and overflows at the top of the double range',
    async () => {
      const target = await commandAggregator(
        `${python} ${path.resolve('test/fixtures/aggregators/correct/median.py')}`,
        10_000,
      );
      try {
        const results = await runChecks(target, createRule({ rule: 'median', maxAbs: 1e300 }), {
          seed: testSeed(),
          runs: 30,
          budgetMs: 30_000,
        });
        expect(results.filter((r) => r.status === 'fail')).toEqual([]);
        expect(results.find((r) => r.name === 'does not mutate its input')?.status).toBe('skip');
        // statistics.median averages the two middle values as (a + b)/2, which overflows for two values near 1.8e308.
        const wholeRange = await runChecks(target, createRule('median'), {
          seed: testSeed(),
          runs: 30,
          budgetMs: 30_000,
          bail: true,
        });
        const failure = wholeRange.find((r) => r.status === 'fail');
        expect(failure?.name).toMatch(/fixed edge cases/);
        expect(failure?.detail).toMatch(/non-finite/);
      } finally {
        await target.close();
      }
    },
  );

  it('a command that answers garbage, or dies, fails with a clear message instead of crashing', async () => {
    const garbage = await commandAggregator(
      `node -e "process.stdin.on('data', () => process.stdout.write('not json\\n'))"`,
      20_000,
    );
    const outcome = await garbage.call({ vectors: [Float64Array.from([1])] });
    expect(errorOf(outcome)).toMatch(/not JSON/);
    await garbage.close();
    const dying = await commandAggregator('node -e "process.exit(3)"', 20_000);
    const died = await dying.call({ vectors: [Float64Array.from([1])] });
    expect(errorOf(died)).toMatch(/exited|did not answer/);
    await dying.close();
  });

  it('reads NaN, Infinity and -Infinity as Python writes them as non-finite values, and sends −0 as -0.0', async () => {
    expect(withNonFiniteAsNull('{"id":1,"result":[-Infinity,NaN,Infinity,2]}')).toBe(
      '{"id":1,"result":[null,null,null,2]}',
    );
    expect(withNonFiniteAsNull('{"id":1,"error":"-Infinity in a string stays"}')).toBe(
      '{"id":1,"error":"-Infinity in a string stays"}',
    );
    expect(vectorToJson(Float64Array.from([-0, 0, 5e-324]))).toBe('[-0.0,0,5e-324]');
    // A program that answers -Infinity, as Python's json.dumps writes it, gets a non-finite failure, not "not JSON".
    const infinite = await commandAggregator(
      `node -e "require('readline').createInterface({input: process.stdin}).on('line', (l) => process.stdout.write(JSON.stringify({id: JSON.parse(l).id, result: ['X']}).replace('\\"X\\"', '-Infinity') + '\\n'))"`,
      20_000,
    );
    const outcome = await infinite.call({ vectors: [Float64Array.from([1])] });
    expect(errorOf(outcome)).toMatch(/non-finite value/);
    await infinite.close();
    // A program that reports whether it received −0.
    const signs = await commandAggregator(
      `node -e "require('readline').createInterface({input: process.stdin}).on('line', (l) => { const r = JSON.parse(l); process.stdout.write(JSON.stringify({id: r.id, result: [Object.is(r.vectors[0][0], -0) ? 1 : 0]}) + '\\n'); })"`,
      20_000,
    );
    expect(valuesOf(await signs.call({ vectors: [Float64Array.from([-0])] }))).toEqual([1]);
    await signs.close();
  });

  it("gives a program's first answer its start-up allowance (a slow import), and later calls only the call limit", async () => {
    // Starts in about 1 s, then answers the first element of the first vector; from the second
    // request on it takes 1 s per call.
    const program = `node -e "let n = 0; setTimeout(() => require('readline').createInterface({input: process.stdin}).on('line', (s) => setTimeout(() => process.stdout.write(JSON.stringify({id: JSON.parse(s).id, result: [JSON.parse(s).vectors[0][0]]}) + '\\n'), n++ === 0 ? 0 : 1000)), 1000)"`;
    const slow = await commandAggregator(program, 300, 20_000);
    expect(valuesOf(await slow.call({ vectors: [Float64Array.from([7])] }))).toEqual([7]);
    expect(errorOf(await slow.call({ vectors: [Float64Array.from([8])] }))).toMatch(
      /did not answer within 300 ms \(timeout/,
    );
    await slow.close();
    // Control: without the allowance the same start-up times the first call out.
    const impatient = await commandAggregator(program, 300, 0);
    expect(errorOf(await impatient.call({ vectors: [Float64Array.from([7])] }))).toMatch(
      /did not answer within 300 ms/,
    );
    await impatient.close();
  });

  it.runIf(hasPython)(
    'a Python program that prints its replies without flushing answers (medmean runs it unbuffered)',
    async () => {
      // With stdout a pipe, Python buffers it in blocks unless PYTHONUNBUFFERED is set: the reply
      // stayed in the buffer and the first call timed out.
      const saved = process.env.PYTHONUNBUFFERED;
      delete process.env.PYTHONUNBUFFERED;
      try {
        const program = `${python} -c "import sys, json
for line in sys.stdin: print(json.dumps({'id': json.loads(line)['id'], 'result': [1.5]}))"`;
        const target = await commandAggregator(program, 20_000, 0);
        expect(valuesOf(await target.call({ vectors: [Float64Array.from([1.5])] }))).toEqual([1.5]);
        await target.close();
      } finally {
        if (saved !== undefined) process.env.PYTHONUNBUFFERED = saved;
      }
    },
  );

  it('a timeout kills the whole process group: no child of the shell is left holding the pipes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medmean-check-'));
    const pidFile = path.join(dir, 'pid');
    // The shell stays the parent (it waits), so killing the shell alone would orphan the sleep.
    // The command never answers, so any timeout is reached, however busy the machine.
    const target = await commandAggregator(`sleep 1000 & echo $! > ${pidFile}; wait`, 300, 200);
    // The shell has started its child before the call times out and kills the group.
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === '')
      await new Promise((resolve) => setTimeout(resolve, 10));
    const outcome = await target.call({ vectors: [Float64Array.from([1])] });
    expect(errorOf(outcome)).toMatch(/did not answer within 500 ms \(200 ms of it for the program's start-up/);
    await target.close();
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(pid).toBeGreaterThan(0);
    expect(STOPPED_STATES).toContain(await waitUntilStopped(pid));
  });
});

describe('medmean check CLI', () => {
  const bin = path.resolve('bin/medmean.mjs');
  // One test runs the real binary end to end; the others run the CLI in this process.
  const spawnCheck = (...args: string[]) => spawnSync(process.execPath, [bin, 'check', ...args], { encoding: 'utf8' });
  const run = (...args: string[]) => runCliInProcess('check', ...args);

  it('does not call a large-M counterexample minimal in its values: only the worker count was shrunk; writes it whole', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medmean-check-'));
    const whole = path.join(dir, 'counterexamples.json');
    const report = path.join(dir, 'report.md');
    const result = await run(
      '--rule',
      'median',
      'test/fixtures/aggregators/buggy/median-subsamples-large-m.mjs',
      '--runs',
      '10',
      '--counterexample-out',
      whole,
      '--report',
      report,
    );
    // The summary shortens the 101-worker counterexample; the file and the report hold it whole.
    const largeM = (
      JSON.parse(readFileSync(whole, 'utf8')) as { failures: Array<{ check: string; counterexample: string }> }
    ).failures.find((f) => f.check.includes('large M'))!;
    expect((JSON.parse(largeM.counterexample) as unknown[]).length).toBeGreaterThanOrEqual(101);
    expect(result.stdout).toMatch(/characters; whole in --counterexample-out FILE/);
    expect(readFileSync(report, 'utf8')).toContain(largeM.counterexample);
    expect(result.status).toBe(1);
    const [, afterLargeM] = result.stdout.split(/FAIL agrees with the reference at large M[^\n]*\n/);
    expect(afterLargeM.split('\n')[1]).toMatch(
      /^ +counterexample \(vectors; no worker can be dropped, values as generated\): \[\[/,
    );
  });

  it('exits 1 on a buggy aggregator, prints the counterexample and writes JUnit and markdown (the binary, end to end)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medmean-check-'));
    const junit = path.join(dir, 'junit.xml');
    const report = path.join(dir, 'report.md');
    const result = spawnCheck(
      '--rule',
      'sign-vote',
      'test/fixtures/aggregators/buggy/vote-zero-is-positive.mjs',
      '--runs',
      '30',
      '--junit',
      junit,
      '--report',
      report,
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/FAIL agrees with the reference/);
    expect(result.stdout).toMatch(/minimal counterexample \(vectors\): \[\[0\]\]/);
    // The replay line keeps --seed, --runs and --timeout, and no flag that does not apply to the rule.
    expect(result.stdout).toMatch(/replay: medmean check --rule sign-vote --seed \d+ --runs 30 --timeout 10000 /);
    expect(result.stdout).not.toMatch(/even/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuites name="medmean check" tests="\d+" failures="[1-9]/);
    expect(xml).toMatch(/<failure message=/);
    expect(readFileSync(report, 'utf8')).toMatch(/\| FAIL \|/);
  });

  it('exits 3 when a time budget runs out before the cases are done, and reports the checks as incomplete, not passed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medmean-check-'));
    const junit = path.join(dir, 'junit.xml');
    const result = await run(
      '--rule',
      'median',
      'test/fixtures/slow/median-slow.mjs',
      '--runs',
      '100000',
      '--budget',
      '100',
      '--junit',
      junit,
    );
    expect(result.status).toBe(3);
    expect(result.stdout).toMatch(/INCOMPLETE agrees with the reference/);
    expect(result.stdout).toMatch(/no failure in \d+ of 100000 generated cases: the time budget of 100 ms ran out/);
    expect(result.stdout).toMatch(/\d+ passed, 0 failed, [1-9]\d* incomplete/);
    expect(readFileSync(junit, 'utf8')).toMatch(/<failure type="incomplete"/);
  });

  it('names the conventions and the range it checked, and replays with exactly the flags that apply to the rule', async () => {
    const vote = await run(
      '--rule',
      'sign-vote',
      '--one-bit',
      '--dtype',
      'float32',
      'test/fixtures/aggregators/correct/vote-one-bit-torch-sign.mjs',
      '--runs',
      '20',
    );
    expect(vote.status).toBe(1);
    expect(vote.stdout).toMatch(
      /sign of a zero entry: \+1\n\s+tied vote: \+1\n\s+values of float32 with \|v\| ≤ 3\.4028234663852886e\+38 \(the whole float32 range\)/,
    );
    expect(vote.stdout).toMatch(
      /replay: medmean check --rule sign-vote --one-bit --dtype float32 --seed \d+ --runs 20 --timeout 10000 test/,
    );
    const trimmed = await run(
      '--rule',
      'trimmed-mean',
      '--trim',
      '0.1',
      '--max-abs',
      '1e300',
      'test/fixtures/aggregators/correct/trimmed-mean-sort-slice.mjs',
      '--runs',
      '20',
    );
    expect(trimmed.status).toBe(0);
    expect(trimmed.stdout).toMatch(/trimmed per side: k = ⌊0\.1·M⌋ \(rounded down, as scipy\.stats\.trim_mean\)/);
    const weighted = await run(
      '--rule',
      'weighted-mean',
      'test/fixtures/aggregators/buggy/weighted-mean-divides-by-clients.mjs',
      '--runs',
      '20',
    );
    expect(weighted.status).toBe(1);
    expect(weighted.stdout).toMatch(/minimal counterexample \(vectors\): \{"vectors":\[\[[^\n]*"weights":\[/);
    expect(weighted.stdout).toMatch(/weights: positive reals \(fractions, importances or counts\)/);
    expect(weighted.stdout).toMatch(/replay: medmean check --rule weighted-mean --weights real --seed/);
    expect(weighted.stdout).not.toMatch(/--even|--trim|--tie|--dtype/);
  });

  it('suggests --dtype float32 for an output computed in float32', async () => {
    const float32Sum = await run(
      '--rule',
      'mean',
      '--max-abs',
      '1e30',
      '--bail',
      'test/fixtures/aggregators/buggy/mean-float32-accumulator.mjs',
    );
    expect(float32Sum.status).toBe(1);
    expect(float32Sum.stdout).toMatch(/every output value is a float32: [^\n]*check it with --dtype float32/);
    // The test above is the other half: weighted-mean-divides-by-clients returns float32 values
    // (0.125 for 2/17 on integer inputs) far from the reference, and gets no such hint.
  });

  it('documents every flag in --help', async () => {
    const help = await run('--help');
    for (const flag of [
      '--rule',
      '--even',
      '--trim <beta>',
      '--trim-count <k>',
      '--sign-zero',
      '--tie',
      '--one-bit',
      '--dtype',
      '--max-abs',
      '--command',
      'weighted-mean',
      'trimmed-mean',
    ])
      expect(help.stdout).toContain(flag);
  });

  it('exits 0 on a correct aggregator', async () => {
    expect(
      (await run('--rule', 'median', 'test/fixtures/aggregators/correct/median-sort.mjs', '--runs', '20')).status,
    ).toBe(0);
  });

  it.each([
    [['--rule', 'median'], /exactly one of <module> or --command/],
    [['--rule', 'mode', 'x.mjs'], /Allowed choices are median, sign-vote, mean/],
    [['test/fixtures/aggregators/correct/median-sort.mjs'], /required option '--rule/],
    [['--rule', 'median', 'missing.mjs'], /module not found/],
    [['--rule', 'median', '--even', 'middle', 'x.mjs'], /Allowed choices are average, lower, upper/],
    [
      ['--rule', 'median', '--timeout', '0', 'test/fixtures/aggregators/correct/median-sort.mjs'],
      /--timeout must be an integer/,
    ],
    [
      ['--rule', 'mean', '--even', 'lower', 'x.mjs'],
      /--even applies to --rule median only \(this check is --rule mean\)/,
    ],
    [['--rule', 'median', '--trim', '0.1', 'x.mjs'], /--trim applies to --rule trimmed-mean only/],
    [['--rule', 'trimmed-mean', 'x.mjs'], /--rule trimmed-mean needs exactly one of --trim β .* or --trim-count k/],
    [['--rule', 'trimmed-mean', '--trim', '0.1', '--trim-count', '2', 'x.mjs'], /needs exactly one of --trim/],
    [['--rule', 'trimmed-mean', '--trim', '0.5', 'x.mjs'], /--trim must be a number in \[0, 0\.5\).*Value: `0\.5`/],
    [
      ['--rule', 'trimmed-mean', '--trim-count', '-1', 'x.mjs'],
      /--trim-count must be an integer in \[0, 10000\]\. Value: `-1`/,
    ],
    [['--rule', 'median', '--tie', '+1', 'x.mjs'], /--tie applies to --rule sign-vote only/],
    [['--rule', 'mean', '--weights', 'counts', 'x.mjs'], /--weights applies to --rule weighted-mean only/],
    [['--rule', 'weighted-mean', '--weights', 'int', 'x.mjs'], /Allowed choices are real, counts, normalized/],
    [['--rule', 'sign-vote', '--sign-zero', '2', 'x.mjs'], /Allowed choices are 0, \+1, 1/],
    [['--rule', 'sign-vote', '--one-bit', '--tie', '0', 'x.mjs'], /--one-bit already sets --sign-zero \+1 --tie \+1/],
    [['--rule', 'mean', '--dtype', 'float16', 'x.mjs'], /Allowed choices are float64, float32/],
    [
      ['--rule', 'mean', '--dtype', 'float32', '--max-abs', '1e39', 'x.mjs'],
      /--max-abs must be at most the largest float32 \(3\.4028234663852886e\+38\)\. Value: `1e\+39`/,
    ],
    [['--rule', 'mean', '--max-abs', '-3', 'x.mjs'], /--max-abs must be a positive finite number\. Value: `-3`/],
  ])('exits 2 on usage errors %j', async (args, message) => {
    const result = await runCliInProcess('check', ...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('a module that hangs or exits while it loads fails with a clear message instead of stopping medmean', async () => {
    // The module never finishes loading, so any load timeout is reached, however busy the machine.
    await expect(moduleAggregator('test/fixtures/broken/hangs-at-load.mjs', 500, 300)).rejects.toThrow(
      /did not finish loading within 300 ms/,
    );
    await expect(moduleAggregator('test/fixtures/broken/exits-at-load.mjs', 500)).rejects.toThrow(
      /exited with code 0 while the module loaded/,
    );
    const result = await run('--rule', 'median', 'test/fixtures/broken/exits-at-load.mjs');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/medmean: the module's worker exited with code 0 while the module loaded/);
  });

  it('exits 1 with a clear message for a module without an aggregate function', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medmean-check-'));
    const file = path.join(dir, 'empty.mjs');
    spawnSync('sh', ['-c', `echo "export const x = 1;" > ${file}`]);
    const result = await run('--rule', 'median', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no default export or export named `aggregate`/);
  });
});
