import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = path.resolve('bin/medmean.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('medmean CLI', () => {
  it('prints help for the program and every subcommand', () => {
    const top = run('--help');
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/report/);
    expect(run('report', '--help').stdout).toMatch(/--seed <n>/);
  });

  it('exits 2 with a clear message on unknown flags, claim ids and bad values', () => {
    const unknownFlag = run('report', '--bogus');
    expect(unknownFlag.status).toBe(2);
    expect(unknownFlag.stderr).toMatch(/unknown option '--bogus'/);
    const unknownClaim = run('report', '--claims', 'thm9');
    expect(unknownClaim.status).toBe(2);
    expect(unknownClaim.stderr).toMatch(/unknown claim id `thm9`/);
    const badSeed = run('report', '--seed', 'abc');
    expect(badSeed.status).toBe(2);
    expect(badSeed.stderr).toMatch(/--seed must be an integer/);
    expect(run('frobnicate').status).toBe(2);
    expect(run('report', '--quick', '--full').status).toBe(2);
  });

  it('writes the same reports from two separate processes with `report --quick --out DIR`', () => {
    const outs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), 'medmean-cli-')));
    for (const out of outs) {
      const stdout = execFileSync(process.execPath, [bin, 'report', '--quick', '--claims', 'prop1,thm4a-variance', '--seed', '3', '--out', out], { encoding: 'utf8' });
      expect(stdout).toMatch(/prop1\s+holds/);
    }
    for (const file of ['results.json', 'prop1.md', 'thm4a-variance.md', 'figures/thm4a-variance-ratio.svg', 'README.md']) {
      expect(readFileSync(path.join(outs[0], file)), file).toEqual(readFileSync(path.join(outs[1], file)));
    }
    expect(JSON.parse(readFileSync(path.join(outs[0], 'results.json'), 'utf8')).claims.map((c: { id: string }) => c.id)).toEqual(['prop1', 'thm4a-variance']);
  });
});
