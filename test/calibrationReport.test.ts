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
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/calibrate.ts'], { env: { ...process.env, CALIBRATION_OUT: dir, CALIBRATION_GROUPS: ',' }, encoding: 'utf8' });
  return { status: result.status, markdown: readFileSync(path.join(dir, 'calibration.md'), 'utf8') };
}

describe('calibration report', () => {
  it('counts a row as within target only after 200 runs', () => {
    const rows = (JSON.parse(readFileSync('reports/calibration.json', 'utf8')) as { rows: Row[] }).rows;
    const row = rows.find((r) => r.id === 'check-fixtures')!;
    const short = { ...row, runs: 51, falseAlarms: 0, flagged: 51, seeds: [[1, 51]] as Array<[number, number]> };
    const complete = (r: Row) => ({ ...r, runs: 200, falseAlarms: 0, flagged: 200, seeds: [[1, 200]] as Array<[number, number]> });
    const rendered = render(rows.map((r) => (r.id === row.id ? short : r.id === 'claim-thm4a-bias' ? complete(r) : r)));
    expect(rendered.markdown).toMatch(/\| 51 \(seeds 1–51\) \|.*\| not yet: 51 of at least 200 runs \|/);
    expect(rendered.markdown).toMatch(/\| claim thm4a-bias[^\n]*\| 200 \(seeds 1–200\) \| 0 \|[^\n]*\| yes \|/);
    expect(rendered.status).toBe(1);
  });
});
