import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MedmeanError } from '../errors/MedmeanError.ts';
import type { Claim, ClaimInputs, Preset } from '../theorems/Claim.ts';
import type { ClaimResult } from './ClaimResult.ts';
import { withTaskRunner } from '../parallel/TaskRunner.ts';
import { reportTaskModule } from './reportTasks.ts';
import { computeClaims, writeReports, type ComputedClaims, type ResultsFile } from './runReport.ts';
import { requireWritablePath } from './requireWritablePath.ts';
import { writeDirectoryAtomically } from './writeDirectoryAtomically.ts';
import { jsonText, readShardManifest, SHARD_SCHEMA_VERSION } from './resultsSchema.ts';

const MANIFEST = 'shard.json';

interface ShardManifest {
  readonly schemaVersion: typeof SHARD_SCHEMA_VERSION;
  readonly seed: number;
  readonly preset: Preset;
  readonly version: string;
  readonly commit: string;
  readonly shard: number;
  readonly of: number;
  readonly results: readonly ClaimResult[];
}

/** Claims of shard i of N (1-based): every N-th claim in report order, starting at the i-th. */
export function claimsOfShard(claims: readonly Claim[], shard: number, of: number): Claim[] {
  if (!Number.isInteger(of) || of < 1 || of > 1000)
    throw new MedmeanError('claimsOfShard', 'of', 'an integer in [1, 1000]', of);
  if (!Number.isInteger(shard) || shard < 1 || shard > of)
    throw new MedmeanError('claimsOfShard', 'shard', `an integer in [1, ${of}]`, shard);
  return claims.filter((_, index) => index % of === shard - 1);
}

/** Computes one shard's claims and writes its partial evidence (reports, figures, manifest) to `dir`. */
export async function runShard(
  claims: readonly Claim[],
  shard: number,
  of: number,
  seed: number,
  preset: Preset,
  dir: string,
  workers = 1,
  inputs: ClaimInputs = {},
): Promise<ComputedClaims> {
  requireWritablePath('runShard', 'dir', dir, 'directory');
  const computed = await withTaskRunner(reportTaskModule, workers, (runner) =>
    computeClaims(claimsOfShard(claims, shard, of), seed, preset, undefined, runner, inputs),
  );
  const manifest: ShardManifest = {
    schemaVersion: SHARD_SCHEMA_VERSION,
    seed,
    preset,
    version: computed.version,
    commit: computed.commit,
    shard,
    of,
    results: computed.results,
  };
  const files = new Map(computed.files);
  files.set(MANIFEST, jsonText(manifest));
  writeDirectoryAtomically(dir, files);
  return computed;
}

/**
 * Merges shard directories into `out`: the same files a single run with the same seed writes.
 * All shards must come from one seed, preset, version and commit, and cover each claim once.
 */
export function mergeShards(dirs: readonly string[], out: string): ResultsFile {
  if (!Array.isArray(dirs) || dirs.length === 0)
    throw new MedmeanError('mergeShards', 'dirs', 'at least one shard directory', dirs);
  requireWritablePath('mergeShards', 'out', out, 'directory');
  const manifests = dirs.map((dir) => {
    const file = path.join(dir, MANIFEST);
    if (!existsSync(file))
      throw new MedmeanError('mergeShards', 'dirs', `shard directories containing ${MANIFEST}`, dir);
    return { dir, manifest: readShardManifest(file) as ShardManifest };
  });
  const first = manifests[0].manifest;
  for (const { dir, manifest } of manifests) {
    for (const key of ['seed', 'preset', 'version', 'commit', 'of'] as const) {
      if (manifest[key] !== first[key])
        throw new MedmeanError('mergeShards', `${dir}: ${key}`, `equal across shards (${first[key]})`, manifest[key]);
    }
  }
  const seen = new Set<string>();
  const files = new Map<string, string>();
  const results: ClaimResult[] = [];
  for (const { dir, manifest } of manifests) {
    for (const result of manifest.results) {
      if (seen.has(result.id))
        throw new MedmeanError('mergeShards', 'dirs', 'shards that do not repeat a claim', result.id);
      seen.add(result.id);
      results.push(result);
    }
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const relative = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      if (relative !== MANIFEST) files.set(relative, readFileSync(path.join(dir, relative), 'utf8'));
    }
  }
  return writeReports(out, {
    seed: first.seed,
    preset: first.preset,
    version: first.version,
    commit: first.commit,
    files,
    results,
  });
}
