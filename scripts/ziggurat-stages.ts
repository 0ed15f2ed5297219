// npx tsx scripts/ziggurat-stages.ts: where the Gaussian sampler's time goes, in ns per draw, on
// one thread: a whole fill of a chunk of 8192 draws as the estimators take it
// (fillStandardNormalZiggurat: seeding, the WebAssembly fast path window by window, the copy out,
// and the misses finished in TypeScript), the fast path with the copy, the fast path alone, and
// the same fast path on two streams in the lanes of an i64x2 (scripts/wasm/twoLaneZigguratFastPath.wat,
// a design not used by medmean). Each stage runs 2^26 draws, five rounds; the last round is
// printed. docs/performance.md reads these numbers against the bench's 2.5× target.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillStandardNormalZiggurat, ZIGGURAT_TAIL_START } from '../src/distributions/ziggurat.ts';
import { deriveStream } from '../src/rng/RandomStream.ts';
import { monteCarloKernels, ZIGGURAT_WINDOW } from '../src/wasm/monteCarloKernels.ts';
import { compileKernelsWat } from './wasm/compileKernels.ts';

const DRAWS = 2 ** 26;
const CHUNK = 8192;
const kernels = monteCarloKernels();
if (kernels === null) {
  process.stderr.write('WebAssembly SIMD is not available here: the kernels cannot be timed\n');
  process.exit(1);
}

// Marsaglia & Tsang's block edges and ratios, built as src/distributions/ziggurat.ts builds them
// (which does not export them: a change there voids every calibration row's fingerprint).
const BLOCKS = 256;
const AREA = 4.92867323399e-3;
const edges = new Float64Array(BLOCKS + 1);
const ratios = new Float64Array(BLOCKS);
{
  let f = Math.exp(-0.5 * ZIGGURAT_TAIL_START ** 2);
  edges[0] = AREA / f;
  edges[1] = ZIGGURAT_TAIL_START;
  for (let i = 2; i < BLOCKS; i++) {
    edges[i] = Math.sqrt(-2 * Math.log(AREA / edges[i - 1] + f));
    f = Math.exp(-0.5 * edges[i] ** 2);
  }
  for (let i = 0; i < BLOCKS; i++) ratios[i] = edges[i + 1] / edges[i];
}

// The two-lane prototype's memory: draws, state (4 × i64x2), edges, ratios, misses.
const here = path.dirname(fileURLToPath(import.meta.url));
const source = readFileSync(path.join(here, 'wasm', 'twoLaneZigguratFastPath.wat'), 'utf8');
const twoLane = new WebAssembly.Instance(
  new WebAssembly.Module(Uint8Array.from(await compileKernelsWat(source, 'twoLaneZigguratFastPath.wat'))),
).exports as { memory: WebAssembly.Memory; zig2(...pointers: number[]): number };
const [OUT, STATE, EDGES, RATIOS, PENDING] = [0, 65536, 66560, 68672, 70784];
new Float64Array(twoLane.memory.buffer, EDGES, BLOCKS + 1).set(edges);
new Float64Array(twoLane.memory.buffer, RATIOS, BLOCKS).set(ratios);
const state = new BigUint64Array(twoLane.memory.buffer, STATE, 8);
for (let i = 0; i < 8; i++) state[i] = (0x9e3779b97f4a7c15n * BigInt(i + 1)) & 0xffffffffffffffffn;

const stream = deriveStream(1, 'ziggurat-stages');
const out = new Float64Array(CHUNK);
const stages: Array<[string, () => void]> = [
  ['whole fill (fillStandardNormalZiggurat)', () => fillStandardNormalZiggurat(stream, out)],
  [
    'fast path and copy',
    () => {
      for (let start = 0; start < CHUNK; start += ZIGGURAT_WINDOW) {
        kernels.zigguratWindow(ZIGGURAT_WINDOW, edges, ratios);
        out.set(kernels.zigguratDraws, start);
      }
    },
  ],
  [
    'fast path alone',
    () => {
      for (let start = 0; start < CHUNK; start += ZIGGURAT_WINDOW)
        kernels.zigguratWindow(ZIGGURAT_WINDOW, edges, ratios);
    },
  ],
  [
    'fast path on two lanes (prototype)',
    () => {
      for (let start = 0; start < CHUNK; start += ZIGGURAT_WINDOW)
        twoLane.zig2(OUT, ZIGGURAT_WINDOW, STATE, EDGES, RATIOS, PENDING);
    },
  ],
];
const rows = ['| stage | ns per draw | draws per second |', '|---|---|---|'];
for (const [name, fill] of stages) {
  let seconds = 0;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (let done = 0; done < DRAWS; done += CHUNK) fill();
    seconds = (performance.now() - start) / 1000;
  }
  rows.push(`| ${name} | ${((seconds / DRAWS) * 1e9).toFixed(2)} | ${(DRAWS / seconds / 1e6).toFixed(0)} M/s |`);
}
process.stdout.write(`${rows.join('\n')}\n`);
