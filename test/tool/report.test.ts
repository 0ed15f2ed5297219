import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MedmeanError, runReport } from '../../src/index.ts';
import { writeDirectoryAtomically } from '../../src/report/writeDirectoryAtomically.ts';
import { filesUnder } from '../helpers/directorySnapshot.ts';
import { emptyEvidence } from '../helpers/emptyEvidence.ts';

describe('runReport', () => {
  it('writes byte-identical reports for the same seed, with index, per-claim reports, SVG figures and results.json', async () => {
    const first = mkdtempSync(path.join(tmpdir(), 'medmean-a-'));
    const second = mkdtempSync(path.join(tmpdir(), 'medmean-b-'));
    await runReport({ out: first, seed: 11, preset: 'quick', claims: ['prop1', 'thm3'], workers: 1 });
    await runReport({ out: second, seed: 11, preset: 'quick', claims: ['prop1', 'thm3'], workers: 1 });
    const files = filesUnder(first);
    expect(files).toEqual(filesUnder(second));
    expect(files).toEqual(expect.arrayContaining(['README.md', 'results.json', 'prop1.md', 'thm3.md']));
    for (const file of files)
      expect(readFileSync(path.join(first, file)), file).toEqual(readFileSync(path.join(second, file)));

    const svgs = files.filter((file) => file.startsWith('figures/') && file.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThanOrEqual(4);
    for (const svg of svgs) expect(readFileSync(path.join(first, svg), 'utf8')).toMatch(/^<svg/);

    const results = JSON.parse(readFileSync(path.join(first, 'results.json'), 'utf8'));
    expect(results.seed).toBe(11);
    expect(results.claims.map((claim: { id: string; verdict: string }) => [claim.id, claim.verdict])).toEqual([
      ['prop1', 'holds'],
      ['thm3', 'holds'],
    ]);
    const index = readFileSync(path.join(first, 'README.md'), 'utf8');
    expect(index).toMatch(/\| `prop1` \| App\. A, \(13\)–\(20\) \| \*\*holds\*\*/);
    expect(index).toMatch(/`thm5` .* not yet checked/);
    const prop1 = readFileSync(path.join(first, 'prop1.md'), 'utf8');
    expect(prop1).toMatch(/## Negative controls/);
    expect(prop1).toMatch(/Shrunk, minimal counterexamples/);
    expect(prop1).toMatch(/Seed 11, preset `quick`/);
  });

  it("re-running one claim keeps the other claims' reports", async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'medmean-c-'));
    await runReport({ out, seed: 5, preset: 'quick', claims: ['prop1', 'thm3'], workers: 1 });
    const before = readFileSync(path.join(out, 'prop1.md'));
    await runReport({ out, seed: 6, preset: 'quick', claims: ['thm3'], workers: 1 });
    expect(readFileSync(path.join(out, 'prop1.md'))).toEqual(before);
    expect(existsSync(path.join(out, 'figures', 'prop1-mismatch-rate.svg'))).toBe(true);
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(results.claims.map((claim: { id: string; seed: number }) => [claim.id, claim.seed])).toEqual([
      ['prop1', 5],
      ['thm3', 6],
    ]);
  });

  it('rejects bad options with typed errors', async () => {
    await expect(runReport({ seed: -1 })).rejects.toThrow(MedmeanError);
    await expect(runReport({ claims: ['thm9'] })).rejects.toThrow(/`claims` must be claim ids/);
    await expect(runReport({ claims: [] })).rejects.toThrow(/`claims` must be a non-empty list/);
    await expect(runReport({ preset: 'huge' as never })).rejects.toThrow(/`preset`/);
    await expect(runReport({ workers: 0 })).rejects.toThrow(/`workers`/);
  });

  it('rejects an out it could not write before computing any claim: a file, or a path under one', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'medmean-out-')), 'a-file');
    writeFileSync(file, 'not a directory');
    let started = 0;
    const quick = { claims: ['prop1'], preset: 'quick', workers: 1, onProgress: () => started++ } as const;
    await expect(runReport({ ...quick, out: file })).rejects.toThrow(/`out` must be a directory path, not a file/);
    await expect(runReport({ ...quick, out: path.join(file, 'reports') })).rejects.toThrow(
      /`out` must be a directory path that can be written \(EEXIST[^)]*\)\. Value: `[^`]*a-file\/reports`/,
    );
    expect(started, 'claims started').toBe(0);
    expect(readdirSync(path.dirname(file))).toEqual(['a-file']);
  });
});

describe('writeDirectoryAtomically', () => {
  it('leaves the previous directory intact when writing fails halfway', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'medmean-atomic-'));
    const target = path.join(root, 'reports');
    mkdirSync(target);
    writeFileSync(path.join(target, 'README.md'), 'old index');
    const files = new Map([
      ['README.md', 'new index'],
      ['figures', 'a file where a directory is needed below'],
      ['figures/x.svg', '<svg/>'],
    ]);
    expect(() => writeDirectoryAtomically(target, files)).toThrow();
    expect(readFileSync(path.join(target, 'README.md'), 'utf8')).toBe('old index');
    writeDirectoryAtomically(target, new Map([['README.md', 'new index']]));
    expect(readFileSync(path.join(target, 'README.md'), 'utf8')).toBe('new index');
    expect(readdirSync(root)).toEqual(['reports']);
  });
});

describe('results.json and shard.json schemas', () => {
  it('a corrupt previous results.json is an error naming the file, not silently dropped', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medmean-corrupt-'));
    writeFileSync(path.join(dir, 'results.json'), '{"seed": 1, "claims": [{"id": 3}]}');
    await expect(runReport({ out: dir, seed: 1, preset: 'quick', claims: ['prop1'], workers: 1 })).rejects.toThrow(
      /results\.json.*must be a results\.json of schemaVersion 1/,
    );
    writeFileSync(path.join(dir, 'results.json'), 'not json');
    await expect(runReport({ out: dir, seed: 1, preset: 'quick', claims: ['prop1'], workers: 1 })).rejects.toThrow(
      /results\.json.*not JSON/,
    );
  });

  it('a shard.json that is not one is an error naming the file', async () => {
    const { mergeShards } = await import('../../src/report/shards.ts');
    const dir = mkdtempSync(path.join(tmpdir(), 'medmean-shard-'));
    writeFileSync(path.join(dir, 'shard.json'), '{"seed": "x"}');
    expect(() => mergeShards([dir], path.join(dir, 'out'))).toThrow(/shard\.json.*schemaVersion 1/);
  });
});

describe('data the user supplies', () => {
  it('reaches a claim as context.inputs, on one thread and on a pool', async () => {
    const { computeClaims } = await import('../../src/report/runReport.ts');
    const { inlineRunner, withTaskRunner } = await import('../../src/parallel/TaskRunner.ts');
    const { reportTaskModule } = await import('../../src/report/reportTasks.ts');
    const { claimMetadata } = await import('../../src/theorems/claimRegistry.ts');
    const seen: unknown[] = [];
    const probe = {
      ...claimMetadata('cifar-analogue'),
      statement: 'probe',
      hypotheses: [],
      spreadsCells: true,
      verify(context: { inputs: unknown }) {
        seen.push(context.inputs);
        return emptyEvidence();
      },
    };
    const inputs = { cifar10Directory: '/data/cifar-10-batches-bin' };
    await computeClaims([probe], 1, 'quick', undefined, inlineRunner(reportTaskModule.tasks), inputs);
    await withTaskRunner(reportTaskModule, 2, (runner) =>
      computeClaims([probe], 1, 'quick', undefined, runner, inputs),
    );
    expect(seen).toEqual([inputs, inputs]);
  });
});
