import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { slowMomentsNotice } from '../../src/cli/momentsCommand.ts';
import { runCliInProcess } from '../helpers/runCliInProcess.ts';

const bin = path.resolve('bin/medmean.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('medmean CLI', () => {
  it('prints help for the program and every subcommand', () => {
    const top = run('--help');
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/report/);
    expect(run('report', '--help').stdout).toMatch(/--seed <n>/);
  });

  it('exits 2 with a clear message on unknown flags, claim ids and bad values', async () => {
    const run = runCliInProcess;
    const unknownFlag = await run('report', '--bogus');
    expect(unknownFlag.status).toBe(2);
    expect(unknownFlag.stderr).toMatch(/unknown option '--bogus'/);
    const unknownClaim = await run('report', '--claims', 'thm9');
    expect(unknownClaim.status).toBe(2);
    expect(unknownClaim.stderr).toMatch(/unknown claim id `thm9`/);
    const badSeed = await run('report', '--seed', 'abc');
    expect(badSeed.status).toBe(2);
    expect(badSeed.stderr).toMatch(/--seed must be an integer/);
    expect((await run('frobnicate')).status).toBe(2);
    expect((await run('report', '--quick', '--full')).status).toBe(2);
    const badWorkers = await run('report', '--workers', '0');
    expect(badWorkers.status).toBe(2);
    expect(badWorkers.stderr).toMatch(/--workers must be an integer in \[1, 256\]. Value: `0`/);
    const badRounds = await run('bench', '--rounds', 'two');
    expect(badRounds.status).toBe(2);
    expect(badRounds.stderr).toMatch(/--rounds must be an integer in \[1, 20\]. Value: `two`/);
    // Refused before a minute of timing: a directory, and a path under a file.
    const dir = mkdtempSync(path.join(tmpdir(), 'medmean-bench-out-'));
    writeFileSync(path.join(dir, 'a-file'), '');
    const intoDirectory = await run('bench', '--out', dir);
    expect(intoDirectory.status).toBe(2);
    expect(intoDirectory.stderr).toMatch(/`--out` must be a file path, not a directory/);
    const underFile = await run('bench', '--out', path.join(dir, 'a-file', 'bench.md'));
    expect(underFile.status).toBe(2);
    expect(underFile.stderr).toMatch(/`--out` must be a file path that can be written \(EEXIST/);
  });

  it('exits 2 on a missing or malformed --cifar10 directory, naming it, and writes no report', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medmean-cli-cifar-'));
    const out = path.join(dir, 'reports');
    const missing = await runCliInProcess(
      'report',
      '--quick',
      '--claims',
      'prop1',
      '--out',
      out,
      '--cifar10',
      path.join(dir, 'absent'),
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--cifar10: .*`directory` must be a directory holding the CIFAR-10 binary version/);
    for (const file of [
      'data_batch_1.bin',
      'data_batch_2.bin',
      'data_batch_3.bin',
      'data_batch_4.bin',
      'data_batch_5.bin',
    ])
      writeFileSync(path.join(dir, file), new Uint8Array(3073));
    writeFileSync(path.join(dir, 'test_batch.bin'), new Uint8Array(3000));
    const malformed = await runCliInProcess('report', '--quick', '--claims', 'prop1', '--out', out, '--cifar10', dir);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toMatch(/--cifar10: .*test_batch\.bin.* whole number of 3073-byte records.*3000 bytes/);
    expect(existsSync(out)).toBe(false);
  });

  it('writes the same reports from two separate processes with `report --quick --out DIR`', () => {
    const outs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), 'medmean-cli-')));
    for (const out of outs) {
      const stdout = execFileSync(
        process.execPath,
        [bin, 'report', '--quick', '--workers', '1', '--claims', 'prop1', '--seed', '3', '--out', out],
        { encoding: 'utf8' },
      );
      expect(stdout).toMatch(/prop1\s+holds/);
    }
    for (const file of ['results.json', 'prop1.md', 'figures/prop1-mismatch-rate.svg', 'README.md', 'proof-steps.md']) {
      expect(readFileSync(path.join(outs[0], file)), file).toEqual(readFileSync(path.join(outs[1], file)));
    }
    expect(
      JSON.parse(readFileSync(path.join(outs[0], 'results.json'), 'utf8')).claims.map((c: { id: string }) => c.id),
    ).toEqual(['prop1']);
  });
});

describe('medmean moments', () => {
  it('prints the exact moments as JSON with the documented keys', async () => {
    const result = await runCliInProcess('moments', '--noise', 'gaussian', '--u', '0,1,5', '--b', '4', '--json');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    for (const key of ['mean', 'bias', 'variance', 'asymmetry', 'sigmaMid2', 'errorBound'])
      expect(typeof json[key], key).toBe('number');
    // Reference: scripts/fixtures/noisy-median-moments.py (mpmath), gaussian u = (0, 1, 5), b = 4, as printed there.
    // biome-ignore lint/correctness/noPrecisionLoss: the reference keeps every digit mpmath printed
    expect(json.mean).toBeCloseTo(1.86051656491484371, 12);
    // biome-ignore lint/correctness/noPrecisionLoss: as above
    expect(json.variance).toBeCloseTo(7.96891672820570128, 10);
    expect(json.bias).toBeCloseTo(json.mean - 2, 14);
    expect(json.errorBound).toBeLessThan(1e-10);
  });
  it('accepts an even count of u: exact up to 8 values (M = 2: Var = b²/2), Monte Carlo variances beyond', async () => {
    const exact = await runCliInProcess('moments', '--u', '0,3', '--b', '1.5', '--json');
    expect(exact.status).toBe(0);
    const moments = JSON.parse(exact.stdout);
    expect(moments.method).toMatch(/^exact/);
    expect(moments.asymmetry).toBeNull();
    expect(Math.abs(moments.variance - 1.125)).toBeLessThanOrEqual(moments.errorBounds.variance);
    const sampled = await runCliInProcess(
      'moments',
      ...['--u', '0,1,5,2,3,4,5,6,7,8', '--b', '1', '--samples', '20000', '--json'],
    );
    expect(sampled.status).toBe(0);
    expect(JSON.parse(sampled.stdout).method).toMatch(/Monte Carlo variances \(20000 replicates/);
  });
  it('has a notice for a computation long enough to look like a hang (M above 201, odd or even), shown on a terminal only', () => {
    expect([slowMomentsNotice(3), slowMomentsNotice(8), slowMomentsNotice(201)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(slowMomentsNotice(203)).toMatch(/^computing the exact moments at M = 203: the work grows about as M³/);
    // An even M's exact mean costs as much (161 s at M = 1000, docs/cli.md).
    expect(slowMomentsNotice(1000)).toMatch(/^computing the exact moments at M = 1000:/);
  });
  it.each([
    [['--u', '0,1,5', '--b', '0'], /--b must be a positive/],
    [['--u', '0,1,5', '--b', '-2'], /--b must be a positive/],
    [['--u', '0,abc', '--b', '1'], /--u must be a comma-separated list/],
    [['--u', '0,1,5', '--b', '1', '--noise', 'cauchy'], /--noise must be one of/],
    [['--b', '1'], /required option '--u/],
  ])('exits 2 on bad input %j', async (args, message) => {
    const result = await runCliInProcess('moments', ...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('medmean simulate', () => {
  it('reports MEDIANSGD stalling at a2 = 1 on scalar:0,1,5 (Theorem 3) as JSON', async () => {
    const result = await runCliInProcess(
      'simulate',
      '--algorithm',
      'mediansgd',
      '--problem',
      'scalar:0,1,5',
      '--steps',
      '200',
      '--lr',
      '0.5',
      '--json',
    );
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.x).toEqual([1]);
    expect(json.gradNormL2).toBeCloseTo(1, 12);
    expect(json.gradNormL1).toBeCloseTo(1, 12);
    expect(typeof json.f).toBe('number');
  });
  it('is reproducible from --seed for noisy algorithms', async () => {
    const args = [
      'simulate',
      '--algorithm',
      'noisy-mediansgd',
      '--problem',
      'quadratic:5,3,7',
      '--steps',
      '300',
      '--lr',
      '0.05',
      '--b',
      '2',
      '--seed',
      '9',
      '--json',
    ];
    expect((await runCliInProcess(...args)).stdout).toBe((await runCliInProcess(...args)).stdout);
  });
  it.each([
    [['--algorithm', 'sgd', '--problem', 'scalar:0,x', '--steps', '10', '--lr', '1'], /--problem/],
    [['--algorithm', 'noisy-signsgd', '--problem', 'scalar:0,1', '--steps', '10', '--lr', '1'], /--b is required/],
    [['--algorithm', 'sgd', '--problem', 'cubic:1', '--steps', '10', '--lr', '1'], /scalar:, quadratic: or logistic:/],
    [['--algorithm', 'sgd', '--problem', 'scalar:1', '--steps', '10', '--lr', '-1'], /--lr must be a positive/],
  ])('exits 2 on bad specs %j', async (args, message) => {
    const result = await runCliInProcess('simulate', ...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
