// npx tsx scripts/calibration-groups-of.ts <file>...: the calibration groups whose measured code
// (the static import closure that fingerprints their rows, and the package files it reads) contains
// any of the files, so that the re-calibration a change costs is known before it is made.
import path from 'node:path';
import { calibrationGroups } from './calibration/calibrationGroups.ts';
import { packageFilesRead, staticImportClosure } from './calibration/sourceFingerprint.ts';

const files = process.argv.slice(2).map((file) => path.normalize(file));
if (files.length === 0) {
  process.stderr.write('usage: npx tsx scripts/calibration-groups-of.ts <file>...\n');
  process.exit(2);
}
let hits = 0;
for (const group of calibrationGroups(1000, 200)) {
  const closure = staticImportClosure(group.entries);
  const measured = new Set([...closure, ...packageFilesRead(closure)]);
  const inGroup = files.filter((file) => measured.has(file));
  if (inGroup.length === 0) continue;
  hits++;
  process.stdout.write(`${group.id} (${group.seeds} seeds): ${inGroup.join(', ')}\n`);
}
if (hits === 0) process.stdout.write('no calibration group measures these files\n');
