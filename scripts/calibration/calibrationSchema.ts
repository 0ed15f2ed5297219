import { z } from 'zod';
import { readJsonFile } from '../../src/report/resultsSchema.ts';

export const CALIBRATION_SCHEMA_VERSION = 1;

/** One row of reports/calibration.json: everything the table shows, as measured. */
export const measuredRowSchema = z.object({
  id: z.string(),
  description: z.string(),
  alpha: z.number(),
  alphaNote: z.string(),
  runs: z.number().int().nonnegative(),
  falseAlarms: z.number().int().nonnegative(),
  /** The seeds of the false alarms (the first ten at least), to replay them. */
  falseAlarmSeeds: z.array(z.number().int()),
  flagged: z.number().int().nonnegative(),
  /** The seeds whose negative control went unflagged (power misses); absent in older rows. */
  unflaggedSeeds: z.array(z.number().int()).optional(),
  /** The seeds run, as sorted disjoint [first, last] ranges; absent in older rows (seeds 1 … runs). */
  seeds: z.array(z.tuple([z.number().int(), z.number().int()])).optional(),
  /** What failed on each seed of a false alarm or a missed control, keyed by seed; absent in older rows. */
  failures: z.record(z.string(), z.string()).optional(),
  /** sourceFingerprint of the group's code; absent in older rows. */
  source: z.string().optional(),
});
export type MeasuredRow = z.infer<typeof measuredRowSchema>;

const calibrationFileSchema = z.object({
  schemaVersion: z.literal(CALIBRATION_SCHEMA_VERSION),
  rows: z.array(measuredRowSchema),
});

/**
 * The rows of a calibration.json, validated; a file written before it carried a schemaVersion is
 * read as version 1 (the fields are the same). Anything else is an error naming the file.
 */
export function readCalibrationFile(file: string): MeasuredRow[] {
  const legacy = (parsed: unknown) =>
    typeof parsed === 'object' && parsed !== null && !('schemaVersion' in parsed)
      ? { ...parsed, schemaVersion: CALIBRATION_SCHEMA_VERSION }
      : parsed;
  return readJsonFile(
    'calibrate',
    file,
    calibrationFileSchema,
    `a calibration.json of schemaVersion ${CALIBRATION_SCHEMA_VERSION} written by npm run calibrate`,
    legacy,
  ).rows;
}
