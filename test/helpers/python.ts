import { spawnSync } from 'node:child_process';

/**
 * The Python interpreter among `candidates` that can import every one of `modules`, named by its
 * own path (sys.executable), for a shell command; undefined when none can. Commands name the
 * interpreter itself because a version manager's `python3` is a shim (pyenv's starts a shell and
 * `pyenv exec` first): about 0.5 s of CPU per start, on every program a check starts.
 */
export function pythonWith(
  modules: readonly string[],
  candidates: readonly string[] = ['python3'],
): string | undefined {
  const probe = `import sys${modules.map((name) => `, ${name}`).join('')}; print(sys.executable)`;
  for (const candidate of candidates) {
    const found = spawnSync(candidate, ['-c', probe], { encoding: 'utf8' });
    const executable = found.stdout?.trim();
    if (found.status === 0 && executable) return `'${executable.replaceAll("'", `'\\''`)}'`;
  }
  return undefined;
}
