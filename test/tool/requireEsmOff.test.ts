// The suite runs without require(esm) (vitest.config.ts says why: a Node abort when piscina's
// workers require() their ES module entry). This checks that the setting reaches the test
// threads, the threads they start, and the processes they spawn.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

const entry = path.resolve('src/parallel/workerHost.mjs');
/** Code that reports, through `report`, 'loaded' or the code of the error require() throws. */
const requireCode = (entryPath: string, report: string) =>
  `try { require(${JSON.stringify(entryPath)}); ${report}('loaded'); } catch (error) { ${report}(error.code); }`;

describe('require(esm) is off in the test run', () => {
  it('in this thread, a thread it starts and a process it spawns, require() of an ES module fails at once', async () => {
    expect(() => createRequire(import.meta.url)(entry)).toThrow(expect.objectContaining({ code: 'ERR_REQUIRE_ESM' }));
    const fromThread = await new Promise<string>((resolve, reject) => {
      const worker = new Worker(requireCode(entry, "require('node:worker_threads').parentPort.postMessage"), {
        eval: true,
      });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    expect(fromThread).toBe('ERR_REQUIRE_ESM');
    const fromProcess = spawnSync(process.execPath, ['-e', requireCode(entry, 'console.log')], { encoding: 'utf8' });
    expect(fromProcess.stdout.trim()).toBe('ERR_REQUIRE_ESM');
  });
});
