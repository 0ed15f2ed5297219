// The schema of reports/results.json. A results.json that does not match it is an error naming
// the file: a report never silently drops the previous claims' results.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MedmeanError } from '../errors/MedmeanError.ts';
import type { Criterion } from '../verdict/Criterion.ts';
import type { ClaimResult } from './ClaimResult.ts';
import { RESULTS_SCHEMA_VERSION } from './resultsSchemaVersion.ts';

const measurement = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.array(z.number()),
  z.array(z.string()),
  z.record(z.string(), z.union([z.number(), z.string(), z.array(z.number())])),
]);

const proofStep = z.object({
  equation: z.string(),
  method: z.enum([
    'exact arithmetic',
    'quadrature',
    'property over generated instances',
    'worst-case search',
    'Monte Carlo',
  ]),
  alpha: z.number().optional(),
  instances: z.number(),
  measure: z.enum(['ratio', 'slack', 'relative error']).optional(),
  worst: z.number().optional(),
  instance: z.string().optional(),
  verdict: z.enum(['holds', 'violated', 'typo']),
  note: z.string(),
});

// JSON writes a NaN or an infinity as null: read back as NaN, which no criterion passes on.
const criterionNumber = z
  .number()
  .nullable()
  .transform((value) => value ?? Number.NaN);
export const criterionSchema: z.ZodType<Criterion, unknown> = z.lazy(() =>
  z.union([
    z.object({
      kind: z.literal('at-most'),
      value: criterionNumber,
      bound: criterionNumber,
      tolerance: criterionNumber,
      alpha: z.number(),
    }),
    z.object({
      kind: z.literal('at-least'),
      value: criterionNumber,
      bound: criterionNumber,
      tolerance: criterionNumber,
      alpha: z.number(),
    }),
    z.object({
      kind: z.literal('within'),
      value: criterionNumber,
      expected: criterionNumber,
      tolerance: criterionNumber,
      alpha: z.number(),
    }),
    z.object({
      kind: z.literal('no-counterexample'),
      cases: z.number(),
      counterexamples: z.number(),
      alpha: z.number(),
    }),
    z.object({
      kind: z.literal('exceeds-margin'),
      mean: criterionNumber,
      lower: criterionNumber,
      upper: criterionNumber,
      margin: z.number(),
      runs: z.number(),
      alpha: z.number(),
    }),
    z.object({ kind: z.literal('enough-data'), measured: z.number(), required: z.number(), alpha: z.number() }),
    z.object({
      kind: z.literal('all'),
      parts: z.array(z.object({ label: z.string(), criterion: criterionSchema })),
      alpha: z.number(),
    }),
    z.object({
      kind: z.literal('any'),
      parts: z.array(z.object({ label: z.string(), criterion: criterionSchema })),
      alpha: z.number(),
    }),
  ]),
);

const claimResult = z.object({
  id: z.string(),
  title: z.string(),
  reference: z.string(),
  verdict: z.enum(['holds', 'violated', 'inconclusive']),
  keyFigure: z.string(),
  seed: z.number(),
  preset: z.enum(['quick', 'default', 'full']),
  measurements: z.record(z.string(), measurement),
  checks: z.array(
    z.object({ name: z.string(), passed: z.boolean(), detail: z.string(), criterion: criterionSchema.optional() }),
  ),
  negativeControls: z.array(
    z.object({
      name: z.string(),
      flagged: z.boolean(),
      counterexample: z.string().optional(),
      criterion: criterionSchema.optional(),
    }),
  ),
  proofSteps: z.array(proofStep).optional(),
});

export const resultsFileSchema = z.object({
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  seed: z.number(),
  version: z.string(),
  commit: z.string(),
  claims: z.array(claimResult),
});

/** A JSON file validated against `schema`; anything else is a MedmeanError naming the file and the first mismatch. */
export function readJsonFile<T>(
  api: string,
  file: string,
  schema: z.ZodType<T>,
  expectation: string,
  prepare: (parsed: unknown) => unknown = (parsed) => parsed,
): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new MedmeanError(api, file, `${expectation} (it is not JSON)`, (error as Error).message);
  }
  const result = schema.safeParse(prepare(parsed));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new MedmeanError(api, file, expectation, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data;
}

/**
 * The claims of a previous results.json. Files written before results.json carried a
 * schemaVersion are read as version 1 (the fields are the same).
 */
export function readResultsFile(file: string): ClaimResult[] {
  const legacy = (parsed: unknown) =>
    parsed !== null && typeof parsed === 'object' && !('schemaVersion' in parsed)
      ? { ...parsed, schemaVersion: RESULTS_SCHEMA_VERSION }
      : parsed;
  return readJsonFile(
    'runReport',
    file,
    resultsFileSchema,
    `a results.json of schemaVersion ${RESULTS_SCHEMA_VERSION} written by medmean report (move it aside to start afresh)`,
    legacy,
  ).claims as ClaimResult[];
}

/**
 * results.json as text, every object's keys in the schema's order: a claim's result read back from
 * a previous run or a shard serialises exactly as when it was computed, so that re-running one
 * claim or merging shards writes the same bytes as a single run.
 */
export function serializeResultsFile(results: unknown): string {
  return `${JSON.stringify(resultsFileSchema.parse(results), null, 2)}\n`;
}

export const SHARD_SCHEMA_VERSION = 1;

/** The schema of a shard directory's shard.json. */
export const shardManifestSchema = z.object({
  schemaVersion: z.literal(SHARD_SCHEMA_VERSION),
  seed: z.number(),
  preset: z.enum(['quick', 'default', 'full']),
  version: z.string(),
  commit: z.string(),
  shard: z.number().int().positive(),
  of: z.number().int().positive(),
  results: z.array(claimResult),
});

/** A shard.json, validated; anything else is an error naming the file. */
export function readShardManifest(file: string): z.infer<typeof shardManifestSchema> {
  return readJsonFile(
    'mergeShards',
    file,
    shardManifestSchema,
    `a shard.json of schemaVersion ${SHARD_SCHEMA_VERSION} written by medmean report --shard`,
  );
}
