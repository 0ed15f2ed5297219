import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResultsFile, serializeResultsFile } from '../../src/report/resultsSchema.ts';
import { RESULTS_SCHEMA_VERSION } from '../../src/report/resultsSchemaVersion.ts';
import { judge } from '../../src/verdict/judge.ts';
import { atMost } from '../../src/verdict/criteria.ts';

const resultsWith = (measurements: Record<string, unknown>, value: number) => ({
  schemaVersion: RESULTS_SCHEMA_VERSION,
  seed: 1,
  version: '0.0.0',
  commit: 'abc',
  claims: [
    {
      id: 'thm3',
      title: 'Theorem 3',
      reference: 'App. D',
      verdict: 'violated',
      keyFigure: 'gap NaN',
      seed: 1,
      preset: 'quick',
      measurements,
      checks: [{ name: 'gap', passed: false, detail: 'NaN', criterion: atMost(value, 1, 0.5) }],
      negativeControls: [],
    },
  ],
});

describe('results.json with non-finite numbers', () => {
  it('writes a NaN or infinite measurement and criterion instead of crashing, and reads them back as numbers', () => {
    const text = serializeResultsFile(
      resultsWith(
        { slope: Number.NaN, bound: Number.POSITIVE_INFINITY, slopes: [1, Number.NEGATIVE_INFINITY] },
        Number.NaN,
      ),
    );
    expect(text).toContain('"slope": "NaN"');
    expect(text).toContain('"bound": "Infinity"');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'medmean-results-')), 'results.json');
    writeFileSync(file, text);
    const [claim] = readResultsFile(file);
    expect(claim.measurements.slope).toBeNaN();
    expect(claim.measurements.bound).toBe(Number.POSITIVE_INFINITY);
    expect(claim.measurements.slopes).toEqual([1, Number.NEGATIVE_INFINITY]);
    const criterion = claim.checks[0].criterion!;
    expect(criterion.kind === 'at-most' && Number.isNaN(criterion.value)).toBe(true);
    expect(judge(criterion).passed).toBe(false);
    // Re-serialising what was read gives the same bytes.
    expect(serializeResultsFile({ ...resultsWith({}, 0), claims: [claim] })).toBe(text);
  });

  it('reads null, as JSON.stringify writes NaN, as NaN', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'medmean-results-')), 'results.json');
    writeFileSync(file, JSON.stringify(resultsWith({ slope: Number.NaN }, Number.NaN)));
    const [claim] = readResultsFile(file);
    expect(claim.measurements.slope).toBeNaN();
  });
});
