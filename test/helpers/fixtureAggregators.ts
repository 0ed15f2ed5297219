import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { RuleName } from '../../src/check/rules.ts';

const root = path.resolve('test/fixtures/aggregators');

/** The fixture aggregators: file, rule (from the name prefix) and whether it is correct. */
export function fixtureAggregators(kind: 'correct' | 'buggy'): Array<{ name: string; file: string; rule: RuleName }> {
  return readdirSync(path.join(root, kind))
    .filter((name) => /\.(m?js|ts)$/.test(name))
    .sort()
    .map((name) => ({
      name,
      file: path.join(root, kind, name),
      rule: name.startsWith('vote') || name.startsWith('sign-vote') ? 'sign-vote' : name.startsWith('mean') ? 'mean' : 'median',
    }));
}
