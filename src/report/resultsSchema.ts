// The schema of reports/results.json. A results.json that does not match it is an error naming
// the file: a report never silently drops the previous claims' results.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MedmeanError } from '../errors/MedmeanError.ts';
import type { Criterion } from '../verdict/Criterion.ts';
import type { ClaimResult } from './ClaimResult.ts';
import { RESULTS_SCHEMA_VERSION } from './resultsSchemaVersion.ts';

const NON_FINITE = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

/**
 * Any number, NaN and the infinities included: a broken measurement is reported, not a crash.
 * JSON has none of the three, so results.json writes them as the strings "NaN", "Infinity" and
 * "-Infinity" (jsonText) and they are read back as numbers; null (how JSON.stringify writes them)
 * reads as NaN.
 */
export const reportNumber = z.union([
  z.custom<number>((value) => typeof value === 'number'),
  z.enum(['NaN', 'Infinity', '-Infinity']).transform((text) => NON_FINITE[text]),
  z.null().transform(() => Number.NaN),
]);

/** JSON text of a report file, non-finite numbers as the strings reportNumber reads back. */
export function jsonText(value: unknown): string {
  const replacer = (_key: string, item: unknown) =>
    typeof item === 'number' && !Number.isFinite(item) ? String(item) : item;
  return `${JSON.stringify(value, replacer, 2)}\n`;
}

const measurement = z.union([
  reportNumber,
  z.string(),
  z.boolean(),
  z.array(reportNumber),
  z.array(z.string()),
  z.record(z.string(), z.union([reportNumber, z.string(), z.array(reportNumber)])),
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
  worst: reportNumber.optional(),
  instance: z.string().optional(),
  verdict: z.enum(['holds', 'violated', 'typo']),
  note: z.string(),
});

export const criterionSchema: z.ZodType<Criterion, unknown> = z.lazy(() =>
  z.union([
    z.object({
      kind: z.literal('at-most'),
      value: reportNumber,
      bound: reportNumber,
      tolerance: reportNumber,
      alpha: z.number(),
    }),
    z.object({
      kind: z.literal('at-least'),
      value: reportNumber,
      bound: reportNumber,
      tolerance: reportNumber,
      alpha: z.number(),
    }),
    z.object({
      kind: z.literal('within'),
      value: reportNumber,
      expected: reportNumber,
      tolerance: reportNumber,
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
      mean: reportNumber,
      lower: reportNumber,
      upper: reportNumber,
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
  return jsonText(resultsFileSchema.parse(results));
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
