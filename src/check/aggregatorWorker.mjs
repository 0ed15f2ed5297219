// Runs a user's aggregation module in a worker thread (started through src/parallel/workerHost.mjs
// with workerData { medmeanEntry: this file, path: the user's module }), so that a call that hangs
// can be stopped (the worker is terminated) without stopping medmean. Plain JavaScript: a worker
// starts for every module and after every timeout, and loading TypeScript through tsx there costs
// about a second each time.
import { parentPort, workerData } from 'node:worker_threads';
import { loadModule } from '../parallel/loadModule.mjs';
import { earlierResults, reusedArguments, sharesInputMemory, snapshotInput } from './callerMemory.mjs';

/**
 * The function to call: the default export, an export named `aggregate`, or either of those on a
 * default-exported object (a CommonJS module's exports, or an instance whose `aggregate` is a
 * method), called on that object, so that a method that uses `this` works.
 */
function pickAggregate(module) {
  const inner = module.default;
  const candidates = [
    [module.default, undefined],
    [module.aggregate, undefined],
    [inner?.default, inner],
    [inner?.aggregate, inner],
  ];
  const found = candidates.find(([candidate]) => typeof candidate === 'function');
  return found === undefined ? undefined : found[1] === undefined ? found[0] : found[0].bind(found[1]);
}

const describeError = (error) => error?.message ?? String(error);

const results = earlierResults();
const callerArrays = reusedArguments();

async function serve(port, modulePath) {
  let aggregate;
  try {
    const module = await loadModule(modulePath);
    aggregate = pickAggregate(module);
    if (aggregate === undefined) {
      port.postMessage({
        type: 'load-error',
        message: `the module has no default export or export named \`aggregate\` that is a function (exports: ${Object.keys(module).join(', ') || 'none'})`,
      });
      return;
    }
    port.postMessage({ type: 'ready' });
  } catch (error) {
    port.postMessage({ type: 'load-error', message: `the module could not be loaded: ${describeError(error)}` });
    return;
  }
  const call = aggregate;
  port.on('message', async ({ id, vectors, weights, refill, together }) => {
    if (together !== undefined) {
      // Every call starts (runs up to its first await) before any is awaited, as Promise.all does.
      const outcomes = await Promise.all(together.map((request) => callOnce(call, request.vectors, request.weights)));
      port.postMessage({ type: 'result', id, outcomes });
      return;
    }
    // The arrays arrived as copies: they are this worker's to keep and refill.
    const passed = callerArrays.arguments(vectors, weights, refill);
    port.postMessage({ type: 'result', id, ...(await callOnce(call, passed.vectors, passed.weights)) });
  });
}

/**
 * One call: the values, or an error in words; whether it changed its input or returned memory it
 * shares with it (`mutated`), and whether it overwrote the array the call before returned
 * (`overwrote`), in words.
 */
async function callOnce(aggregate, vectors, weights) {
  const input = snapshotInput(vectors, weights);
  const started = performance.now();
  let result;
  try {
    // The weights go along only for the weighted mean, so a one-argument aggregator sees what it always saw.
    result = weights === undefined ? aggregate(vectors) : aggregate(vectors, weights);
    // An async aggregator (code that awaits a GPU or WebAssembly result): the value it resolves to.
    if (typeof result?.then === 'function') result = await result;
  } catch (error) {
    return { error: `threw ${error?.name ?? 'an error'}: ${describeError(error)}` };
  }
  const elapsedMs = performance.now() - started;
  const mutated = input.change();
  if (result === null || result === undefined || typeof result !== 'object' || typeof result.length !== 'number') {
    return {
      error: `returned ${result === null ? 'null' : typeof result}, not an array of numbers`,
      mutated,
      elapsedMs,
    };
  }
  const array = result;
  const values = new Float64Array(array.length);
  for (let j = 0; j < array.length; j++) {
    const value = array[j];
    if (typeof value !== 'number') {
      return {
        error: `returned a non-number at index ${j}: ${typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? typeof value)}`,
        mutated,
        elapsedMs,
      };
    }
    values[j] = value;
  }
  // Checked on every call, so that an earlier result overwritten shows at the next call. `values`
  // is only read from here on (postMessage sends a copy), so it is the record of this result.
  const overwrote = results.overwritten(array, values);
  return { values, mutated: mutated ?? sharesInputMemory(array, vectors), overwrote, elapsedMs };
}

if (parentPort !== null) await serve(parentPort, workerData.path);
