// Runs a user's aggregation module in a worker thread, so that a call that hangs can be stopped
// (the worker is terminated) without stopping medmean. Plain JavaScript: Node 20's module hooks
// do not reach workers, so .ts modules are loaded here through tsx's tsImport.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

function pickAggregate(module) {
  const candidates = [module.default, module.aggregate, module.default?.default, module.default?.aggregate];
  return candidates.find((candidate) => typeof candidate === 'function');
}

let aggregate;
try {
  const url = pathToFileURL(workerData.path).href;
  const module = /\.(c|m)?ts$/.test(workerData.path) ? await tsImport(url, import.meta.url) : await import(url);
  aggregate = pickAggregate(module);
  if (aggregate === undefined) {
    parentPort.postMessage({ type: 'load-error', message: `the module has no default export or export named \`aggregate\` that is a function (exports: ${Object.keys(module).join(', ') || 'none'})` });
  } else {
    parentPort.postMessage({ type: 'ready' });
  }
} catch (error) {
  parentPort.postMessage({ type: 'load-error', message: `the module could not be loaded: ${error?.message ?? String(error)}` });
}

parentPort.on('message', ({ id, vectors }) => {
  const copies = vectors.map((vector) => Float64Array.from(vector));
  const started = performance.now();
  let result;
  try {
    result = aggregate(vectors);
  } catch (error) {
    parentPort.postMessage({ type: 'result', id, error: `threw ${error?.name ?? 'an error'}: ${error?.message ?? String(error)}` });
    return;
  }
  const elapsedMs = performance.now() - started;
  let mutated;
  for (let i = 0; i < vectors.length && mutated === undefined; i++) {
    for (let j = 0; j < vectors[i].length; j++) {
      if (!Object.is(vectors[i][j], copies[i][j])) {
        mutated = `vectors[${i}][${j}] changed from ${copies[i][j]} to ${vectors[i][j]}`;
        break;
      }
    }
  }
  if (result === null || result === undefined || typeof result !== 'object' || typeof result.length !== 'number') {
    parentPort.postMessage({ type: 'result', id, error: `returned ${result === null ? 'null' : typeof result}, not an array of numbers`, mutated, elapsedMs });
    return;
  }
  const values = new Float64Array(result.length);
  for (let j = 0; j < result.length; j++) {
    const value = result[j];
    if (typeof value !== 'number') {
      parentPort.postMessage({ type: 'result', id, error: `returned a non-number at index ${j}: ${typeof value === 'bigint' ? `${value}n` : JSON.stringify(value) ?? typeof value}`, mutated, elapsedMs });
      return;
    }
    values[j] = value;
  }
  parentPort.postMessage({ type: 'result', id, values, mutated, elapsedMs });
});
