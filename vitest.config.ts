import { defineConfig } from 'vitest/config';
import { SlowFilesFirst } from './test/helpers/slowFilesFirst.ts';

/**
 * `npm test`, the proof checking: the claims, the proof atlas, the numerics against reference
 * values, the library's aggregators and kernels, properties and statistical checks.
 */
const PROOF_TESTS = ['test/*.test.ts', 'properties/**/*.test.ts'];
/**
 * `npm run test:tool`, the tool end to end: medmean check on the fixture corpus and the Python
 * server, the CLI, report writing (kill, shards, the task runner), the package as installed.
 */
const TOOL_TESTS = ['test/tool/**/*.test.ts'];
const REQUIRE_ESM_OFF = process.allowedNodeEnvironmentFlags.has('--no-experimental-require-module')
  ? ['--no-experimental-require-module']
  : [];
/** Files that replace modules with vi.mock: they need a module registry of their own. */
const MOCKING_TESTS = ['test/claims-power.test.ts'];

export default defineConfig({
  test: {
    // Hang protection only, never a speed limit: about 10× the slowest test's idle time, so that a
    // correct run on a busy machine (CI shares two cores) cannot fail by the clock.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Transformed modules kept on disk (node_modules/.experimental-vitest-cache, keyed by content):
    // a second run skips most of the transform and import time of the first.
    experimental: { fsModuleCache: true },
    // The CLI tests run the compiled dist/, as users do: rebuilt here when a source is newer.
    globalSetup: ['test/helpers/buildIfStale.ts'],
    pool: 'threads',
    // Node 20.19+ lets require() load ES modules, and piscina's workers require() their entry before
    // they import() it; once in a full run, when that entry was the ES module
    // src/parallel/workerHost.mjs, that path aborted the whole process (FATAL ERROR:
    // v8::Module::IsGraphAsync must be used on an instantiated module). The pools now give piscina
    // a CommonJS entry (src/parallel/poolEntry.cjs; test/tool/poolEntry.test.ts runs one with require(esm)
    // on), and the test run keeps require(esm) off as a second guard: the test threads pass the
    // flag on to the threads they start; NODE_OPTIONS passes it to the processes the tests spawn.
    // A Node without the flag has no require(esm) to turn off.
    execArgv: REQUIRE_ESM_OFF,
    env: { NODE_OPTIONS: [process.env.NODE_OPTIONS, ...REQUIRE_ESM_OFF].filter(Boolean).join(' ') },
    sequence: { sequencer: SlowFilesFirst },
    // Two files at a time on the 2-core machines this runs on (the default leaves one core idle).
    maxWorkers: 2,
    // The JSON report feeds .ci/run's closing line `N passed, N failed`.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    // Files share a worker's module registry (isolate: false): the suite imports the same heavy
    // modules (the claims, the worker pool, the kernels) into every file, and importing them once
    // per worker instead of once per file saves most of the start-up time. `npm test` runs the
    // projects named proofs*, `npm run test:tool` the tool project, `npm run test:all` (CI) all.
    projects: [
      {
        extends: true,
        test: { name: 'proofs', include: PROOF_TESTS, exclude: MOCKING_TESTS, isolate: false },
      },
      { extends: true, test: { name: 'proofs-isolated', include: MOCKING_TESTS, isolate: true } },
      { extends: true, test: { name: 'tool', include: TOOL_TESTS, isolate: false } },
    ],
  },
});
