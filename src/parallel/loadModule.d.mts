/** Imports a module by absolute path, through tsx when it is TypeScript. */
export function loadModule(file: string): Promise<Record<string, unknown>>;
