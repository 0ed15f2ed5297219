// Preloaded with `node --import` into a process under test: counts the file-system changes it
// makes under MEDMEAN_KILL_UNDER (writes, renames, removals, directory creations, copies), and
// before one of them:
// - MEDMEAN_KILL_AT=k: before the k-th (1-based), kills the process with SIGKILL, as a crash or power cut at that moment would;
// - MEDMEAN_SIGNAL_BEFORE=suffix: before its first operation on a path ending in the suffix, creates
//   the file MEDMEAN_SIGNAL_FILE;
// - MEDMEAN_PAUSE_AFTER=suffix: when the operation before the k-th was the first on a path ending in
//   the suffix (after `writeFileSync DIR.lock`: with the lock taken), creates MEDMEAN_PAUSED_FILE
//   if set, then waits until the file MEDMEAN_PAUSE_UNTIL exists (at most 60 s).
// With MEDMEAN_OPERATIONS_OUT set, the process writes the operations it made, one "name path" per
// line, to that file when it exits.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const under = process.env.MEDMEAN_KILL_UNDER;
if (under === undefined || under === '') throw new Error('killAtFileOperation: set MEDMEAN_KILL_UNDER');
const at = (name) => Number(process.env[name] ?? 0);
const killAt = at('MEDMEAN_KILL_AT');
const { existsSync, writeFileSync } = fs;
const operations = [];
const sleep = new Int32Array(new SharedArrayBuffer(4));

// The signal is made once; the pause comes once, right after the first operation on its suffix.
let signalled = false;
let pauseNext = false;
let pauseSeen = false;

function before(operation) {
  operations.push(operation);
  if (operations.length === killAt) process.kill(process.pid, 'SIGKILL');
  const signalBefore = process.env.MEDMEAN_SIGNAL_BEFORE;
  if (!signalled && signalBefore !== undefined && operation.endsWith(signalBefore)) {
    signalled = true;
    writeFileSync(process.env.MEDMEAN_SIGNAL_FILE, operation);
  }
  if (pauseNext) {
    pauseNext = false;
    if (process.env.MEDMEAN_PAUSED_FILE !== undefined) writeFileSync(process.env.MEDMEAN_PAUSED_FILE, operation);
    for (let waited = 0; !existsSync(process.env.MEDMEAN_PAUSE_UNTIL) && waited < 60_000; waited += 10)
      Atomics.wait(sleep, 0, 0, 10);
  }
  const pauseAfter = process.env.MEDMEAN_PAUSE_AFTER;
  if (!pauseSeen && pauseAfter !== undefined && operation.endsWith(pauseAfter)) {
    pauseSeen = true;
    pauseNext = true;
  }
}

for (const name of [
  'writeFileSync',
  'renameSync',
  'rmSync',
  'mkdirSync',
  'cpSync',
  'copyFileSync',
  'unlinkSync',
  'rmdirSync',
]) {
  const original = fs[name];
  fs[name] = function countedOperation(...args) {
    const target = args.find((arg) => typeof arg === 'string' && arg.startsWith(under));
    if (target !== undefined) before(`${name} ${target}`);
    return original.apply(this, args);
  };
}
// `import { renameSync } from 'node:fs'` reads these bindings: point them at the counted functions.
syncBuiltinESMExports();

const operationsOut = process.env.MEDMEAN_OPERATIONS_OUT;
if (operationsOut !== undefined) process.on('exit', () => writeFileSync(operationsOut, operations.join('\n')));
