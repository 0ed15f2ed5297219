import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callsInReusedArrays } from '../../src/check/fixedChecks.ts';
import { moduleAggregator } from '../../src/check/moduleAggregator.ts';
import { checkFixture, isCaught } from '../../src/calibration/fixtureCalibration.ts';
import { pathToFileURL } from 'node:url';
import { createRule } from '../../src/check/rules.ts';
import { LARGE_M, LARGE_M_CHECK_NAME, type CheckResult } from '../../src/check/runChecks.ts';
import { findFixtureCheck, fixtureChecks } from '../helpers/fixtureAggregators.ts';
import { testSeed } from '../helpers/testSeed.ts';
import { withThisSeedsShare } from '../helpers/corpusShare.ts';

// Every deliberately buggy aggregator (test/fixtures/aggregators/buggy, one realistic bug each,
// described in its first comment) must fail at least one check, with a minimal counterexample.
// This seed's share of the corpus (helpers/corpusShare.ts; CORPUS=all for every fixture).
describe.each(withThisSeedsShare(fixtureChecks('fail')))('buggy %s', (_name, fixture, runs) => {
  it.runIf(runs)('is caught', async () => {
    const results = await checkFixture(fixture, testSeed());
    expect(isCaught(results), JSON.stringify(results, null, 1)).toBe(true);
  });
});

// The mid-size-M law shrinks workers and coordinates, not values (dozens of values shrunk one by
// one cost 56000 calls): the counterexample of a path for 33 to 64 workers stays in that path, fails
// the module, and says its values are as generated. (How far fast-check drops workers depends on
// the values, so the count is not pinned.)
it('a mid-size-M counterexample fails the module and says its values are as generated', async () => {
  const fixture = findFixtureCheck('fail', 'median-network-mid-m.mjs');
  const results = await checkFixture(fixture, testSeed());
  const failure = results.find((r) => r.status === 'fail');
  expect(failure?.name).toMatch(/M = 16 to 100/);
  expect(failure?.valuesAsGenerated).toBe(true);
  const rows = JSON.parse(failure!.counterexample!) as number[][];
  expect(rows.length).toBeGreaterThanOrEqual(33);
  expect(rows.length).toBeLessThanOrEqual(64);
  const aggregate = (await import(pathToFileURL(fixture.file).href)).default as (
    v: Float64Array[],
  ) => ArrayLike<number>;
  const vectors = rows.map((row) => Float64Array.from(row));
  const rule = createRule(fixture.spec);
  expect(rule.mismatch(Float64Array.from(aggregate(vectors)), rule.reference({ vectors }), { vectors })).toBeDefined();
});

// Calibration found mean-returns-nan (NaN only on an all-zero column) escaping 2 of 158 seeds: the
// generated cases held no all-zero column. The fixed edge cases catch it on every seed.
it('the fixed edge cases catch a bug that needs an all-zero column, whatever the seed', async () => {
  const fixture = findFixtureCheck('fail', 'mean-returns-nan.mjs');
  for (const seed of [156, 186, testSeed()]) {
    const firstFailure = (await checkFixture(fixture, seed)).find((r) => r.status === 'fail');
    expect(firstFailure?.name).toMatch(/fixed edge cases/);
    expect(firstFailure?.counterexample).toBe('[[0],[0],[0]]');
  }
});

// The large-M check shrinks the worker count only (values stay as generated), then drops single
// workers and adjacent pairs while the input still fails: no such drop may leave a failing input.
// How far it gets depends on the time budget, so these tests give it one that time never reaches.
it.each(['median-subsamples-large-m.mjs', 'median-upper-for-even.mjs'])(
  'a large-M counterexample of %s keeps no worker it could drop',
  async (name) => {
    const fixture = findFixtureCheck('fail', name, '--rule median');
    const aggregate = (await import(pathToFileURL(fixture.file).href)).default as (
      vectors: Float64Array[],
    ) => ArrayLike<number>;
    const rule = createRule(fixture.spec);
    const fails = (rows: number[][]) => {
      const vectors = rows.map((row) => Float64Array.from(row));
      return (
        rule.mismatch(Float64Array.from(aggregate(vectors)), rule.reference({ vectors }), { vectors }) !== undefined
      );
    };
    // upper-for-even fails only when one of the few generated worker counts is even (7 in 8 seeds).
    let largeM: CheckResult | undefined;
    for (let seed = testSeed(); largeM?.status !== 'fail' && seed <= testSeed() + 10; seed++) {
      // Every check, not only up to the first failure: the large-M check is not the first to fail.
      largeM = (await checkFixture(fixture, seed, { bail: false, budgetMs: 300_000 })).find(
        (r) => r.name === LARGE_M_CHECK_NAME,
      );
    }
    expect(largeM?.status).toBe('fail');
    const rows = JSON.parse(largeM!.counterexample!) as number[][];
    expect(fails(rows)).toBe(true);
    expect(rows.length).toBeGreaterThanOrEqual(LARGE_M.min);
    for (const width of [1, 2]) {
      for (let i = 0; i + width <= rows.length && rows.length - width >= LARGE_M.min; i++) {
        expect(
          fails([...rows.slice(0, i), ...rows.slice(i + width)]),
          `dropping ${width} worker(s) at ${i} of ${rows.length} still fails`,
        ).toBe(false);
      }
    }
  },
);

// A vote counted in an Int8Array fails only where 128 or more workers agree: the fixed one-signed
// examples at M = 1001 find it on every seed, and dropping halves, then single workers, reaches
// exactly 128 (single drops alone stop at 896, where the count wraps to −128 once more).
it('a count that wraps past 127 is caught on every seed with 128 workers, the smallest that fail', async () => {
  const fixture = findFixtureCheck('fail', 'vote-int8-count.mjs', '--rule sign-vote');
  const largeM = (await checkFixture(fixture, testSeed(), { bail: false, budgetMs: 300_000 })).find(
    (r) => r.name === LARGE_M_CHECK_NAME,
  );
  expect(largeM?.status).toBe('fail');
  expect(largeM?.counterexampleMinimal).toBe(true);
  expect((JSON.parse(largeM!.counterexample!) as number[][]).length).toBe(128);
});

// A count in an Int16Array wraps only past 32767 agreeing workers, beyond the laws' 1001: the
// vote's huge-M call has 32769 workers, all of them positive at one coordinate.
it('a count that wraps past 32767 is caught on every seed by the call at M = 32769, where every worker agrees', async () => {
  const fixture = findFixtureCheck('fail', 'vote-int16-count.mjs', '--rule sign-vote');
  const results = await checkFixture(fixture, testSeed(), { bail: false });
  expect(results.filter((r) => r.status === 'fail').map((r) => r.name)).toEqual([
    'agrees with the reference at M = 32769 workers (d = 3)',
  ]);
  expect(results.find((r) => r.status === 'fail')?.detail).toMatch(/^coordinate 1: got -1, expected 1/);
});

it('--bail stops at the first failing check, which fails exactly as in a full run', async () => {
  const fixture = findFixtureCheck('fail', 'vote-zero-is-positive.mjs', '--rule sign-vote');
  const full = await checkFixture(fixture, testSeed(), { bail: false });
  const bailed = await checkFixture(fixture, testSeed(), { bail: true });
  const firstFailure = full.findIndex((r) => r.status === 'fail');
  expect(full.filter((r) => r.status === 'fail').length).toBeGreaterThan(1);
  expect(bailed).toEqual(full.slice(0, firstFailure + 1));
});

describe('memory the caller keeps', () => {
  it('a result that is a view of an input, or an input itself, fails the call; an earlier result overwritten fails the two-call check', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medmean-memory-'));
    const write = (name: string, body: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, body);
      return file;
    };
    const view = await moduleAggregator(write('view.mjs', 'export default (v) => v[v.length - 1].subarray(0);'), 5000);
    const same = await moduleAggregator(write('same.mjs', 'export default (v) => v[0];'), 5000);
    const fresh = await moduleAggregator(write('fresh.mjs', 'export default (v) => v[0].slice();'), 5000);
    try {
      const request = { vectors: [Float64Array.from([1, 2]), Float64Array.from([3, 4])] };
      const outcomes = [await view.call(request), await same.call(request), await fresh.call(request)];
      expect(outcomes.map((o) => o.kind)).toEqual(['mutated', 'mutated', 'values']);
      expect(outcomes[0].kind === 'mutated' && outcomes[0].mutated).toMatch(/a view of vectors\[1\]'s memory/);
      expect(outcomes[1].kind === 'mutated' && outcomes[1].mutated).toMatch(/returned vectors\[0\] itself/);
      // Returning a copy of the first worker is wrong as a median, but keeps its earlier results.
      expect((await callsInReusedArrays(fresh, createRule('median')))[0].status).toBe('pass');
    } finally {
      await Promise.all([view.close(), same.close(), fresh.close()]);
    }
  });

  it('an async aggregator is awaited: its value is the result, its rejection an error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medmean-async-'));
    const resolving = path.join(dir, 'resolving.mjs');
    const rejecting = path.join(dir, 'rejecting.mjs');
    writeFileSync(resolving, 'export default async (v) => { await null; return v[0].map((x, j) => x + v[1][j]); };');
    writeFileSync(rejecting, "export default async () => { throw new RangeError('no GPU'); };");
    const [good, bad] = [await moduleAggregator(resolving, 5000), await moduleAggregator(rejecting, 5000)];
    try {
      const request = { vectors: [Float64Array.from([1, 2]), Float64Array.from([3, 4])] };
      const outcome = await good.call(request);
      expect(outcome.kind === 'values' && Array.from(outcome.values)).toEqual([4, 6]);
      const failure = await bad.call(request);
      expect(failure.kind === 'error' && failure.error).toBe('threw RangeError: no GPU');
    } finally {
      await Promise.all([good.close(), bad.close()]);
    }
  });
});
