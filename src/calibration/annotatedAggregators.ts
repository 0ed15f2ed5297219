// Aggregator modules that state the verdict a check command must give them, in comment lines
// `// expect: pass|fail <flags>`: the corpora that measure medmean check's and check-noisy's false
// alarms and power.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckSpec } from '../check/CheckSpec.ts';
import { checkSpecFromArgs } from '../cli/checkCommand.ts';

/** One verdict an annotated module must get: its file, the flags it is checked with (parsed), and pass or fail. */
export interface AnnotatedModule<Spec> {
  /** The file name, with the flags when the file states more than one flag set. */
  readonly name: string;
  readonly file: string;
  readonly args: readonly string[];
  readonly spec: Spec;
  readonly verdict: 'pass' | 'fail';
}

/** A verdict of `medmean check`. */
export type AnnotatedCheck = AnnotatedModule<CheckSpec>;

type Verdict = 'pass' | 'fail';

/**
 * Every verdict `verdict` stated by the modules in `directory`/correct and `directory`/buggy, with
 * its flags parsed by `parse` (which validates them as the command does). A module states its
 * verdicts in `// expect: pass|fail <flags>` lines, one per flag set; a module without any gets
 * `unstated(kind, name)`'s flags, pass in correct/ and fail in buggy/ (none when that is undefined).
 */
export function annotatedModules<Spec>(
  directory: string,
  verdict: Verdict,
  parse: (args: readonly string[]) => Spec,
  unstated?: (name: string) => string[],
): AnnotatedModule<Spec>[] {
  const modules: AnnotatedModule<Spec>[] = [];
  for (const kind of ['correct', 'buggy'] as const) {
    for (const name of readdirSync(path.join(directory, kind))
      .filter((file) => /\.(m?js|ts)$/.test(file))
      .sort()) {
      const file = path.join(directory, kind, name);
      const stated = [...readFileSync(file, 'utf8').matchAll(/^\/\/ expect: (pass|fail) (.+)$/gm)].map((match) => ({
        verdict: match[1] as Verdict,
        args: match[2].trim().split(/\s+/),
      }));
      const expectations =
        stated.length > 0 || unstated === undefined
          ? stated
          : [{ verdict: kind === 'correct' ? ('pass' as const) : ('fail' as const), args: unstated(name) }];
      for (const expectation of expectations) {
        if (expectation.verdict !== verdict) continue;
        const label = stated.length > 1 ? `${name} ${expectation.args.join(' ')}` : name;
        modules.push({ name: label, file, args: expectation.args, spec: parse(expectation.args), verdict });
      }
    }
  }
  return modules;
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
 * medmean check's corpus: without `// expect:` lines, a module in correct/ must pass and one in
 * buggy/ must fail `--rule <rule of its name prefix>`.
 */
export const annotatedChecks = (directory: string, verdict: Verdict): AnnotatedCheck[] =>
  annotatedModules(directory, verdict, checkSpecFromArgs, (name) => ['--rule', ruleOf(name)]);
