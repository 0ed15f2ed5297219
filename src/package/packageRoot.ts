import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (where package.json lives): two levels above this file, in src/package/. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
