// The README and docs/ as a user reads them: every TypeScript snippet runs, every relative link
// resolves, the quoted index row is the generated one, and the README stays an entry point.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const documents = [
  'README.md',
  ...readdirSync('docs')
    .filter((file) => file.endsWith('.md'))
    .map((file) => path.join('docs', file)),
];
const snippets = documents.flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((match, index) => ({
    file,
    index,
    code: match[1],
  })),
);

describe('documentation', () => {
  it('has TypeScript snippets to run', () => {
    expect(snippets.length).toBeGreaterThan(0);
  });

  it.each(snippets.map((s) => [`${s.file} #${s.index + 1}`, s] as const))('snippet %s runs', async (_name, snippet) => {
    const directory = path.resolve('test-results', 'snippets');
    mkdirSync(directory, { recursive: true });
    const file = path.join(directory, `${snippet.file.replace(/[/.]/g, '-')}-${snippet.index}.ts`);
    const index = pathToFileURL(path.resolve('src/index.ts')).href;
    writeFileSync(file, snippet.code.replace(/from 'medmean'/g, `from '${index}'`));
    const log = console.log;
    console.log = () => undefined;
    try {
      await import(pathToFileURL(file).href);
    } finally {
      console.log = log;
    }
  });

  it.each(documents)('%s: every relative link resolves', (file) => {
    // Links outside code blocks (a quoted report row links relative to reports/).
    const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
    const targets = [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
      .map((m) => m[1])
      .filter((target) => !/^[a-z]+:/.test(target));
    const missing = targets.filter((target) => !existsSync(path.resolve(path.dirname(file), target)));
    expect(missing).toEqual([]);
  });

  it('README quotes an index row exactly as reports/README.md has it, and stays under 12000 characters', () => {
    const readme = readFileSync('README.md', 'utf8');
    const quoted = /<!-- index-row: (\S+)[^\n]*-->\n```\n([^\n]+)\n```/.exec(readme);
    expect(quoted).not.toBeNull();
    const generated = readFileSync('reports/README.md', 'utf8')
      .split('\n')
      .find((line) => line.startsWith(`| \`${quoted![1]}\` |`));
    expect(quoted![2]).toBe(generated);
    expect(readme.length).toBeLessThanOrEqual(12_000);
  });
});
