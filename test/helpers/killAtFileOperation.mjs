// Preloaded with `node --import` into a process under test: counts the file-system changes it
// makes under MEDMEAN_KILL_UNDER (writes, renames, removals, directory creations, copies) and
// kills the process with SIGKILL just before the MEDMEAN_KILL_AT-th of them (1-based; 0 or unset:
// never), as a crash or power cut at that moment would. With MEDMEAN_OPERATIONS_OUT set, the
// process writes the operations it made, one "name path" per line, to that file when it exits.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const under = process.env.MEDMEAN_KILL_UNDER;
if (under === undefined || under === '') throw new Error('killAtFileOperation: set MEDMEAN_KILL_UNDER');
const killAt = Number(process.env.MEDMEAN_KILL_AT ?? 0);
const operationsOut = process.env.MEDMEAN_OPERATIONS_OUT;
const writeFileSync = fs.writeFileSync;
const operations = [];

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
    if (target !== undefined) {
      operations.push(`${name} ${target}`);
      if (operations.length === killAt) process.kill(process.pid, 'SIGKILL');
    }
    return original.apply(this, args);
  };
}
// `import { renameSync } from 'node:fs'` reads these bindings: point them at the counted functions.
syncBuiltinESMExports();

if (operationsOut !== undefined) process.on('exit', () => writeFileSync(operationsOut, operations.join('\n')));
