// Node 20's module hooks do not reach worker threads: there, TypeScript modules are loaded through
// tsx's tsImport, and compiled JavaScript is imported as is. tsx is imported only when needed, so the
// compiled package runs without it.
import { pathToFileURL } from 'node:url';

/** Imports a module by absolute path, through tsx when it is TypeScript. */
export async function loadModule(file) {
  const url = pathToFileURL(file).href;
  if (!/\.(c|m)?ts$/.test(file)) return import(url);
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(
      `Loading the TypeScript module ${file} needs the optional dependency \`tsx\`, which is not installed. Install it with: npm install tsx (or compile the module to JavaScript).`,
    );
  }
  const { tsImport } = tsx;
  return tsImport(url, import.meta.url);
}
