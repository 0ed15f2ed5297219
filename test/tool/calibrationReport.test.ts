import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCalibrationFile, type MeasuredRow } from '../../scripts/calibration/calibrationSchema.ts';
import { renderCalibration } from '../../scripts/calibration/renderCalibration.ts';

describe('calibration report', () => {
  const rows = readCalibrationFile('reports/calibration.json');
  const row = rows.find((r) => r.id === 'check-fixtures')!;
  const complete = (r: MeasuredRow): MeasuredRow => ({
    ...r,
    runs: 200,
    falseAlarms: 0,
    falseAlarmSeeds: [],
    flagged: 200,
    unflaggedSeeds: [],
    seeds: [[1, 200]],
  });

  it('counts a row as within target only after 200 runs', () => {
    const short: MeasuredRow = { ...complete(row), runs: 51, flagged: 51, seeds: [[1, 51]] };
    const rendered = renderCalibration(
      rows.map((r) => (r.id === row.id ? short : complete(r))),
      () => true,
    );
    expect(rendered.markdown).toMatch(/\| 51 \(seeds 1–51\) \|.*\| not yet: 51 of at least 200 runs \|/);
    expect(rendered.markdown).toMatch(/\| claim thm4a-bias[^\n]*\| 200 \(seeds 1–200\) \| 0 \|[^\n]*\| yes \|/);
    expect(rendered.miscalibrated).toBe(1);
    expect(renderCalibration(rows.map(complete), () => true).miscalibrated).toBe(0);
  });

  it('fails a row on power below 99% or on more false alarms than α allows, not on a count chance explains', () => {
    const judged = (changes: Partial<MeasuredRow>) =>
      renderCalibration([{ ...complete(row), alpha: 1e-3, ...changes }], () => true);
    expect(judged({ flagged: 197 }).markdown).toMatch(/\| no: power below 99% \|/);
    expect(judged({ falseAlarms: 1, falseAlarmSeeds: [7] })).toMatchObject({ miscalibrated: 0 });
    expect(judged({ falseAlarms: 1, falseAlarmSeeds: [7] }).markdown).toMatch(/no, but consistent with α/);
    expect(judged({ falseAlarms: 5, falseAlarmSeeds: [1, 2, 3, 4, 5] }).markdown).toMatch(
      /\| no: more false alarms than α allows \|/,
    );
  });

  it('lists what failed on each recorded seed, and nothing when no failure was recorded', () => {
    const failing = { ...complete(row), falseAlarms: 1, falseAlarmSeeds: [26], failures: { '26': 'inconclusive: x' } };
    expect(renderCalibration([failing], () => true).markdown).toMatch(
      /## What failed\n[\s\S]*\n- check-fixtures, seed 26: inconclusive: x\n/,
    );
    expect(renderCalibration([complete(row)], () => true).markdown).not.toMatch(/What failed/);
  });

  it('marks a row measured on other sources, and counts such rows', () => {
    const rendered = renderCalibration(rows.map(complete), (r) => r.id !== row.id);
    expect(rendered.markdown).toMatch(/changed since: re-run/);
    expect(rendered.markdown).toMatch(new RegExp(`\\*\\*1 of ${rows.length} rows were measured on other sources`));
  });
});

describe('reading calibration.json', () => {
  it('validates it, reads a file without schemaVersion as version 1, and names the file when it is corrupt', async () => {
    const { readCalibrationFile } = await import('../../scripts/calibration/calibrationSchema.ts');
    const dir = mkdtempSync(path.join(tmpdir(), 'medmean-calibration-'));
    const file = path.join(dir, 'calibration.json');
    const row = {
      id: 'x',
      description: 'd',
      alpha: 1e-3,
      alphaNote: 'n',
      runs: 3,
      falseAlarms: 0,
      falseAlarmSeeds: [],
      flagged: 3,
    };
    writeFileSync(file, JSON.stringify({ rows: [row] }));
    expect(readCalibrationFile(file)).toEqual([row]);
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, rows: [row] }));
    expect(readCalibrationFile(file)).toEqual([row]);
    writeFileSync(file, '{"rows": [');
    expect(() => readCalibrationFile(file)).toThrow(
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}.*not JSON`),
    );
    writeFileSync(file, JSON.stringify({ rows: [{ ...row, runs: 'three' }] }));
    expect(() => readCalibrationFile(file)).toThrow(/rows\.0\.runs/);
    writeFileSync(file, JSON.stringify({ schemaVersion: 2, rows: [] }));
    expect(() => readCalibrationFile(file)).toThrow(/schemaVersion/);
  });
});
