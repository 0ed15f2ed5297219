import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckSpec } from '../../src/check/CheckSpec.ts';
import { checkSpecFromArgs } from '../../src/cli/checkCommand.ts';

const root = path.resolve('test/fixtures/aggregators');

/** One verdict a fixture aggregator must get: its file, the flags it is checked with, and pass or fail. */
export interface FixtureCheck {
  /** The file name, with the flags when they are not the default for its rule. */
  readonly name: string;
  readonly file: string;
  readonly args: readonly string[];
  readonly spec: CheckSpec;
  readonly verdict: 'pass' | 'fail';
}

/** The rule a fixture implements by default, from its name prefix. */
const ruleOf = (name: string) => (name.startsWith('vote') || name.startsWith('sign-vote') ? 'sign-vote' : name.startsWith('weighted-mean') ? 'weighted-mean' : name.startsWith('mean') ? 'mean' : 'median');

/**
 * Every verdict of the fixture aggregators. A fixture states its verdicts in comment lines
 * `// expect: pass|fail <flags>` (one per flag set: a conventions fixture passes under its
 * convention and fails under the default); without any, a module in correct/ must pass and one in
 * buggy/ must fail `--rule <rule of its name prefix>`.
 */
export function fixtureChecks(verdict: 'pass' | 'fail'): FixtureCheck[] {
  const checks: FixtureCheck[] = [];
  for (const kind of ['correct', 'buggy'] as const) {
    for (const name of readdirSync(path.join(root, kind)).filter((file) => /\.(m?js|ts)$/.test(file)).sort()) {
      const file = path.join(root, kind, name);
      const stated = [...readFileSync(file, 'utf8').matchAll(/^\/\/ expect: (pass|fail) (.+)$/gm)].map((match) => ({ verdict: match[1] as 'pass' | 'fail', args: match[2].trim().split(/\s+/) }));
      const expectations = stated.length > 0 ? stated : [{ verdict: kind === 'correct' ? ('pass' as const) : ('fail' as const), args: ['--rule', ruleOf(name)] }];
      for (const expectation of expectations) {
        if (expectation.verdict !== verdict) continue;
        const label = stated.length > 1 ? `${name} ${expectation.args.join(' ')}` : name;
        checks.push({ name: label, file, args: expectation.args, spec: checkSpecFromArgs(expectation.args), verdict });
      }
    }
  }
  return checks;
}

/** The verdict of one fixture file under one flag set (the file's only or default one when `args` is omitted). */
export function findFixtureCheck(verdict: 'pass' | 'fail', file: string, args?: string): FixtureCheck {
  const found = fixtureChecks(verdict).filter((check) => path.basename(check.file) === file && (args === undefined || check.args.join(' ') === args));
  if (found.length !== 1) throw new Error(`${found.length} fixture checks match ${file} ${args ?? ''} (${verdict})`);
  return found[0];
}
