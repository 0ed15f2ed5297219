// Aggregator modules that state the verdict medmean check must give them, in comment lines
// `// expect: pass|fail <flags>`: the corpus that measures medmean check's false alarms and power.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckSpec } from '../check/CheckSpec.ts';
import { checkSpecFromArgs } from '../cli/checkCommand.ts';

/** One verdict an annotated aggregator must get: its file, the flags it is checked with, and pass or fail. */
export interface AnnotatedCheck {
  /** The file name, with the flags when the file states more than one flag set. */
  readonly name: string;
  readonly file: string;
  readonly args: readonly string[];
  readonly spec: CheckSpec;
  readonly verdict: 'pass' | 'fail';
}

/** The rule a module implements by default, from its name prefix. */
const ruleOf = (name: string) =>
  name.startsWith('vote') || name.startsWith('sign-vote')
    ? 'sign-vote'
    : name.startsWith('weighted-mean')
      ? 'weighted-mean'
      : name.startsWith('mean')
        ? 'mean'
        : 'median';

/**
 * Every verdict of the modules in `directory`/correct and `directory`/buggy. A module states its
 * verdicts in `// expect: pass|fail <flags>` lines (one per flag set: a conventions module passes
 * under its convention and fails under the default); without any, a module in correct/ must pass
 * and one in buggy/ must fail `--rule <rule of its name prefix>`.
 */
export function annotatedChecks(directory: string, verdict: 'pass' | 'fail'): AnnotatedCheck[] {
  const checks: AnnotatedCheck[] = [];
  for (const kind of ['correct', 'buggy'] as const) {
    for (const name of readdirSync(path.join(directory, kind))
      .filter((file) => /\.(m?js|ts)$/.test(file))
      .sort()) {
      const file = path.join(directory, kind, name);
      const stated = [...readFileSync(file, 'utf8').matchAll(/^\/\/ expect: (pass|fail) (.+)$/gm)].map((match) => ({
        verdict: match[1] as 'pass' | 'fail',
        args: match[2].trim().split(/\s+/),
      }));
      const expectations =
        stated.length > 0
          ? stated
          : [{ verdict: kind === 'correct' ? ('pass' as const) : ('fail' as const), args: ['--rule', ruleOf(name)] }];
      for (const expectation of expectations) {
        if (expectation.verdict !== verdict) continue;
        const label = stated.length > 1 ? `${name} ${expectation.args.join(' ')}` : name;
        checks.push({ name: label, file, args: expectation.args, spec: checkSpecFromArgs(expectation.args), verdict });
      }
    }
  }
  return checks;
}
