// The task pools' entry (piscina's `filename`), in CommonJS. piscina require()s its entry before
// it falls back to import(), and on Node 20.19+ require() loads ES modules: requiring
// workerHost.mjs, which awaits at its top level, once aborted the whole process (FATAL ERROR:
// v8::Module::IsGraphAsync must be used on an instantiated module). Requiring this file loads no
// ES module; the host is import()ed on the first task.
'use strict';

let host;

/** Runs a pool task `{ file, name, args }` in workerHost.mjs. */
module.exports = function runTask(task) {
  host ??= import('./workerHost.mjs');
  return host.then((module) => module.default(task));
};
