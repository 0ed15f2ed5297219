// npx tsx scripts/large-m-engine-values.ts [--with-501] | python3 scripts/fixtures/large-m-float64-route.py
// The exact engine's E[median] and Var(median) beyond the test fixtures' M ≤ 101, one JSON line a
// point, for the independent route to compare: M = 201 for each of the six noise families at
// b = 0.5 and 4 (about 15–35 s a point), and with --with-501 three families at M = 501 (5–10 min
// a point). The centres are a fixed heterogeneous pattern, rounded to 6 decimals.
import { noiseFamilyNames, noisyMedianMoments } from '../src/index.ts';

const centres = (M: number, shift: number): number[] =>
  Array.from({ length: M }, (_, i) => Math.round(1e6 * (3 * Math.sin(i * 12.9898 + shift) + ((i * 7) % 11) / 5)) / 1e6);

const points: [number, number, string, number][] = [];
for (const noise of noiseFamilyNames)
  for (const [b, shift] of [
    [0.5, 2],
    [4, 3],
  ])
    points.push([201, b, noise, shift]);
if (process.argv.includes('--with-501'))
  for (const noise of ['laplace', 'uniform', 'centred-exponential']) points.push([501, 1, noise, 4]);

for (const [M, b, noise, shift] of points) {
  const u = centres(M, shift);
  const started = performance.now();
  const { mean, variance, errorBounds } = noisyMedianMoments(u, b, noise);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ noise, b, u, mean, variance, errorBounds, seconds })}\n`);
}
