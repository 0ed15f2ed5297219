import { createRequire } from 'node:module';

/**
 * Raised when a feature needs one of medmean's optional dependencies (the report's figures, the
 * digits dataset, exact rationals, the worst-case optimiser, TypeScript loading) and it is not
 * installed, as after `npm install medmean --omit=optional`.
 */
export class MissingOptionalDependencyError extends Error {
  override readonly name = 'MissingOptionalDependencyError';
  constructor(
    readonly dependency: string,
    readonly feature: string,
  ) {
    super(
      `${feature} needs the optional dependency \`${dependency}\`, which is not installed. Install it with: npm install ${dependency}`,
    );
  }
}

const isNotFound = (error: unknown, dependency: string): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    String((error as Error).message).includes(dependency)
  );
};

/** Imports an optional dependency on first use, with an error that says what to install. */
export async function importOptional<T>(dependency: string, feature: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isNotFound(error, dependency)) throw new MissingOptionalDependencyError(dependency, feature);
    throw error;
  }
}

/** `require` of an optional dependency (or a file inside it), with the same error. */
export function requireOptional<T>(dependency: string, specifier: string, feature: string): T {
  try {
    return createRequire(import.meta.url)(specifier) as T;
  } catch (error) {
    if (isNotFound(error, dependency)) throw new MissingOptionalDependencyError(dependency, feature);
    throw error;
  }
}

/** Whether an optional dependency is installed (resolvable from here), without loading it. */
export function optionalDependencyInstalled(dependency: string): boolean {
  try {
    createRequire(import.meta.url).resolve(`${dependency}/package.json`);
    return true;
  } catch (error) {
    if (isNotFound(error, dependency)) return false;
    throw error;
  }
}
