import path from 'node:path';
import { annotatedChecks, type AnnotatedCheck } from '../../src/calibration/annotatedAggregators.ts';

/** The fixture aggregators: correct/ and buggy/ modules that state their verdicts (see annotatedAggregators.ts). */
export const FIXTURE_DIRECTORY = path.resolve('test/fixtures/aggregators');

export const fixtureChecks = (verdict: 'pass' | 'fail'): AnnotatedCheck[] =>
  annotatedChecks(FIXTURE_DIRECTORY, verdict);

/** The verdict of one fixture file under one flag set (the file's only or default one when `args` is omitted). */
export function findFixtureCheck(verdict: 'pass' | 'fail', file: string, args?: string): AnnotatedCheck {
  const found = fixtureChecks(verdict).filter(
    (check) => path.basename(check.file) === file && (args === undefined || check.args.join(' ') === args),
  );
  if (found.length !== 1) throw new Error(`${found.length} fixture checks match ${file} ${args ?? ''} (${verdict})`);
  return found[0];
}
