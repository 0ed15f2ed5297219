// Node 20's module hooks do not reach worker threads: there, TypeScript modules are loaded through
// tsx's tsImport, and compiled JavaScript is imported as is.
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

/** Imports a module by absolute path, through tsx when it is TypeScript. */
export function loadModule(file) {
  const url = pathToFileURL(file).href;
  return /\.(c|m)?ts$/.test(file) ? tsImport(url, import.meta.url) : import(url);
}
