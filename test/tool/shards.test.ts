import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claims } from '../../src/index.ts';
import { claimsOfShard, mergeShards, runShard } from '../../src/report/shards.ts';
import { runReport } from '../../src/report/runReport.ts';
import { snapshotDirectory } from '../helpers/directorySnapshot.ts';

describe('shards', () => {
  it('split the claims so that every claim is in exactly one shard', () => {
    const ids = [1, 2, 3].flatMap((i) => claimsOfShard(claims, i, 3).map((c) => c.id));
    expect([...ids].sort()).toEqual(claims.map((c) => c.id).sort());
  });

  it('merge into reports byte-identical to a single run with the same seed', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'medmean-shards-'));
    // Cheap claims at the quick preset: one with Monte Carlo checks (its draws keyed by the seed),
    // one that spreads its cells over workers, and a third so that one shard holds two claims.
    const ids = ['prop1', 'thm3', 'thm4b-symmetry'];
    const subset = claims.filter((c) => ids.includes(c.id));
    await runShard(subset, 1, 2, 7, 'quick', path.join(root, 's1'));
    await runShard(subset, 2, 2, 7, 'quick', path.join(root, 's2'));
    mergeShards([path.join(root, 's2'), path.join(root, 's1')], path.join(root, 'merged'));
    await runReport({
      out: path.join(root, 'single'),
      seed: 7,
      preset: 'quick',
      claims: ids,
      workers: 1,
    });
    expect(snapshotDirectory(path.join(root, 'merged'))).toEqual(snapshotDirectory(path.join(root, 'single')));
  });

  it('refuse shards from different seeds', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'medmean-shards-'));
    const subset = claims.filter((c) => c.id === 'prop1');
    await runShard(subset, 1, 1, 1, 'quick', path.join(root, 'a'));
    await runShard(subset, 1, 1, 2, 'quick', path.join(root, 'b'));
    expect(() => mergeShards([path.join(root, 'a'), path.join(root, 'b')], path.join(root, 'out'))).toThrow(/seed/);
    // An out that cannot be written is refused before the shards are read.
    expect(() => mergeShards([path.join(root, 'a')], path.join(root, 'a', 'shard.json', 'out'))).toThrow(
      /`out` must be a directory path that can be written/,
    );
  });

  it('CLI: --shard validates its value', () => {
    const bin = path.resolve('bin/medmean.mjs');
    expect(() => execFileSync(process.execPath, [bin, 'report', '--shard', '3/2'], { stdio: 'pipe' })).toThrow(
      /--shard must be i\/N/,
    );
  });
});
