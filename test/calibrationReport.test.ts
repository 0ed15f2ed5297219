import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface Row {
  id: string;
  runs: number;
  falseAlarms: number;
  flagged: number;
  seeds?: Array<[number, number]>;
}

// Re-renders calibration.md from a calibration.json (CALIBRATION_GROUPS=, runs no seed).
function render(rows: Row[]): { status: number | null; markdown: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'medmean-calibration-'));
  writeFileSync(path.join(dir, 'calibration.json'), JSON.stringify({ rows }));
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/calibrate.ts'], {
    env: { ...process.env, CALIBRATION_OUT: dir, CALIBRATION_GROUPS: ',' },
    encoding: 'utf8',
  });
  return { status: result.status, markdown: readFileSync(path.join(dir, 'calibration.md'), 'utf8') };
}

describe('calibration report', () => {
  it('counts a row as within target only after 200 runs', () => {
    const rows = (JSON.parse(readFileSync('reports/calibration.json', 'utf8')) as { rows: Row[] }).rows;
    const row = rows.find((r) => r.id === 'check-fixtures')!;
    const short = { ...row, runs: 51, falseAlarms: 0, flagged: 51, seeds: [[1, 51]] as Array<[number, number]> };
    const complete = (r: Row) => ({
      ...r,
      runs: 200,
      falseAlarms: 0,
      flagged: 200,
      seeds: [[1, 200]] as Array<[number, number]>,
    });
    const rendered = render(rows.map((r) => (r.id === row.id ? short : r.id === 'claim-thm4a-bias' ? complete(r) : r)));
    expect(rendered.markdown).toMatch(/\| 51 \(seeds 1–51\) \|.*\| not yet: 51 of at least 200 runs \|/);
    expect(rendered.markdown).toMatch(/\| claim thm4a-bias[^\n]*\| 200 \(seeds 1–200\) \| 0 \|[^\n]*\| yes \|/);
    expect(rendered.status).toBe(1);
  });
});

describe('reading calibration.json', () => {
  it('validates it, reads a file without schemaVersion as version 1, and names the file when it is corrupt', async () => {
    const { readCalibrationFile } = await import('../scripts/calibration/calibrationSchema.ts');
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
