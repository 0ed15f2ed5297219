// npx tsx scripts/ziggurat-stages.ts: where the Gaussian sampler's time goes, in ns per draw, on
// one thread: a whole fill of a chunk of 8192 draws as a caller of fillStandardNormalZiggurat takes
// it (seeding, blockKernels.wat's fillNormals with its misses, the copy out), the kernel's fill in
// place as the Monte Carlo block takes it (no copy), the TypeScript reference, and the fast path
// alone on two streams in the lanes of an i64x2 (scripts/wasm/twoLaneZigguratFastPath.wat, a design
// not used by medmean; its misses are not finished). Each stage runs 2^26 draws, five rounds; the
// last round is printed. docs/performance.md reads these numbers against the bench's 2.5× target.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillStandardNormalZiggurat } from '../src/distributions/ziggurat.ts';
import { ZIGGURAT_EDGES, ZIGGURAT_RATIOS, ZIGGURAT_WINDOW } from '../src/wasm/zigguratTables.ts';
import { deriveStream } from '../src/rng/RandomStream.ts';
import { blockKernels, KERNEL_CAPACITY } from '../src/wasm/blockKernels.ts';
import { compileKernelsWat } from './wasm/compileKernels.ts';

const DRAWS = 2 ** 26;
const CHUNK = KERNEL_CAPACITY;
const kernels = blockKernels();
if (kernels === null) {
  process.stderr.write('WebAssembly SIMD is not available here: the kernels cannot be timed\n');
  process.exit(1);
}

// The two-lane prototype's memory: draws, state (4 × i64x2), edges, ratios, misses.
const here = path.dirname(fileURLToPath(import.meta.url));
const source = readFileSync(path.join(here, 'wasm', 'twoLaneZigguratFastPath.wat'), 'utf8');
const twoLane = new WebAssembly.Instance(
  new WebAssembly.Module(Uint8Array.from(await compileKernelsWat(source, 'twoLaneZigguratFastPath.wat'))),
).exports as { memory: WebAssembly.Memory; zig2(...pointers: number[]): number };
const [OUT, STATE, EDGES, RATIOS, PENDING] = [0, 65536, 66560, 68672, 70784];
new Float64Array(twoLane.memory.buffer, EDGES, ZIGGURAT_EDGES.length).set(ZIGGURAT_EDGES);
new Float64Array(twoLane.memory.buffer, RATIOS, ZIGGURAT_RATIOS.length).set(ZIGGURAT_RATIOS);
const state = new BigUint64Array(twoLane.memory.buffer, STATE, 8);
for (let i = 0; i < 8; i++) state[i] = (0x9e3779b97f4a7c15n * BigInt(i + 1)) & 0xffffffffffffffffn;

const stream = deriveStream(1, 'ziggurat-stages');
const out = new Float64Array(CHUNK);
const stages: Array<[string, () => void]> = [
  ['whole fill (fillStandardNormalZiggurat)', () => fillStandardNormalZiggurat(stream, out)],
  ['kernel fill in place (BlockKernels.fillNormals)', () => kernels.fillNormals(stream, CHUNK)],
  ['TypeScript reference', () => fillStandardNormalZiggurat(stream, out, 'typescript')],
  [
    'fast path alone on two lanes (prototype)',
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
