import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  AggregatorSetupError,
  type AggregatorUnderTest,
  type CallOutcome,
  type OverwroteEarlier,
} from './AggregatorUnderTest.ts';
import { callTimeoutMs } from './callTimeout.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const workerHost = path.join(here, '..', 'parallel', 'workerHost.mjs');
const workerEntry = path.join(here, 'aggregatorWorker.mjs');

/** One call's result as the worker posts it. */
interface ResultMessage {
  readonly type: string;
  readonly id: number;
  readonly values?: Float64Array;
  readonly error?: string;
  readonly mutated?: string;
  readonly overwrote?: OverwroteEarlier;
  readonly elapsedMs?: number;
  /** The results of calls made together, in order. */
  readonly outcomes?: readonly ResultMessage[];
}

interface Pending {
  /** Takes the worker's result message. */
  settle: (message: ResultMessage) => void;
  /** Ends the call with this outcome when no result comes (the worker exited). */
  fail: (outcome: CallOutcome) => void;
  timer: NodeJS.Timeout;
  started: number;
}

function toOutcome(message: ResultMessage): CallOutcome {
  const { values, error, mutated } = message;
  const overwroteEarlier = message.overwrote;
  const elapsedMs = message.elapsedMs ?? 0;
  if (error !== undefined)
    return { kind: 'error', error: mutated === undefined ? error : `${error} (and it ${mutated})`, elapsedMs };
  return mutated !== undefined
    ? { kind: 'mutated', mutated, values, elapsedMs, overwroteEarlier }
    : { kind: 'values', values: values!, elapsedMs, overwroteEarlier };
}

/**
 * Loads a .js, .mjs or .ts module whose default export (or export `aggregate`) is
 * (vectors, weights?) => ArrayLike<number>, in a worker thread: vectors is an array of Float64Array
 * (Float32Array under --dtype float32), weights the example counts of the weighted mean. A call that does
 * not return within `timeoutMs` fails and the worker is replaced, so a hang cannot stop medmean;
 * nor can a module that hangs or exits while it loads (`loadTimeoutMs`: loading may compile
 * TypeScript, so it gets at least 30 s unless told otherwise).
 */
export async function moduleAggregator(
  modulePath: string,
  timeoutMs: number,
  loadTimeoutMs = Math.max(timeoutMs, 30_000),
): Promise<AggregatorUnderTest> {
  const absolute = path.resolve(modulePath);
  if (!existsSync(absolute)) throw new AggregatorSetupError(`module not found: ${modulePath}`);
  if (!/\.(m|c)?(j|t)s$/.test(absolute))
    throw new AggregatorSetupError(`module must be a .js, .mjs, .cjs or .ts file: ${modulePath}`);

  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const start = () =>
    new Promise<Worker>((resolve, reject) => {
      const created = new Worker(workerHost, {
        workerData: { medmeanEntry: workerEntry, path: absolute },
        stdout: true,
        stderr: true,
      });
      // Settling is idempotent: whichever of ready, load error, error, exit or timeout comes first wins.
      const loading = setTimeout(() => {
        void created.terminate();
        reject(
          new AggregatorSetupError(
            `the module did not finish loading within ${loadTimeoutMs} ms (does its top level hang?)`,
          ),
        );
      }, loadTimeoutMs);
      created.once('message', (message: { type: string; message?: string }) => {
        clearTimeout(loading);
        if (message.type === 'ready') resolve(created);
        else {
          void created.terminate();
          reject(new AggregatorSetupError(message.message ?? 'the module could not be loaded'));
        }
      });
      created.once('error', (error) => {
        clearTimeout(loading);
        reject(new AggregatorSetupError(`the module could not be loaded: ${error.message}`));
      });
      created.once('exit', (code) => {
        clearTimeout(loading);
        reject(
          new AggregatorSetupError(
            `the module's worker exited with code ${code} while the module loaded (process.exit at its top level?)`,
          ),
        );
      });
      created.on('message', (message: ResultMessage) => {
        if (message.type !== 'result') return;
        const waiting = pending.get(message.id);
        if (waiting === undefined) return;
        clearTimeout(waiting.timer);
        pending.delete(message.id);
        waiting.settle(message);
      });
      created.on('exit', () => {
        if (worker === created) worker = undefined;
        for (const [id, waiting] of pending) {
          clearTimeout(waiting.timer);
          pending.delete(id);
          waiting.fail({
            kind: 'error',
            error: 'the worker running the module exited during the call (process.exit, or out of memory)',
            elapsedMs: performance.now() - waiting.started,
          });
        }
      });
    });

  worker = await start();

  /**
   * Posts `message` to the worker (restarted first if a call before stopped it) and waits for its
   * result, for at most `limitMs`; a timeout stops the worker.
   */
  async function send<T>(
    message: object,
    limitMs: number,
    settle: (result: ResultMessage) => T,
    fail: (outcome: CallOutcome) => T,
  ): Promise<T> {
    if (worker === undefined) {
      // A restart after a timeout or crash: a module that no longer loads fails the call, not medmean.
      const started = performance.now();
      try {
        worker = await start();
      } catch (error) {
        return fail({
          kind: 'error',
          error: `could not restart the module after a failed call: ${(error as Error).message}`,
          elapsedMs: performance.now() - started,
        });
      }
    }
    const current = worker;
    const id = nextId++;
    return new Promise<T>((resolve) => {
      const started = performance.now();
      const timer = setTimeout(() => {
        pending.delete(id);
        if (worker === current) worker = undefined;
        void current.terminate();
        resolve(
          fail({
            kind: 'timeout',
            error: `did not return within ${limitMs} ms (timeout; the call was stopped)`,
            elapsedMs: performance.now() - started,
          }),
        );
      }, limitMs);
      pending.set(id, {
        settle: (result) => resolve(settle(result)),
        fail: (outcome) => resolve(fail(outcome)),
        timer,
        started,
      });
      current.postMessage({ id, ...message });
    });
  }

  return {
    description: modulePath,
    observesMutation: true,
    call({ vectors, weights, refill }) {
      return send({ vectors, weights, refill }, callTimeoutMs(timeoutMs, vectors), toOutcome, (outcome) => outcome);
    },
    callTogether(requests) {
      // One limit for the batch: the calls share the worker, so they may take as long as all of them in a row.
      const limitMs = requests.reduce((total, request) => total + callTimeoutMs(timeoutMs, request.vectors), 0);
      const together = requests.map(({ vectors, weights }) => ({ vectors, weights }));
      return send(
        { together },
        limitMs,
        (result) => (result.outcomes ?? []).map(toOutcome),
        (outcome) => requests.map(() => outcome),
      );
    },
    async close() {
      const current = worker;
      worker = undefined;
      if (current !== undefined) await current.terminate();
    },
  };
}
