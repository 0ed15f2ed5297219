import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNoisyFixture, noisyFixtures } from '../../src/calibration/noisyCheckCalibration.ts';
import { addNoise } from '../../src/aggregators/addNoise.ts';
import { majorityVote } from '../../src/aggregators/majorityVote.ts';
import { noisyVote } from '../../src/aggregators/noisyVote.ts';
import { inProcessAggregator } from '../../src/check/inProcessAggregator.ts';
import { createNoisyRule } from '../../src/check/noisy/noisyRules.ts';
import {
  noisyFalseFailure,
  NOISY_Z_LIMIT,
  noisySettings,
  noisyTestCount,
  runNoisyChecks,
  TWO_SIDED_TAIL,
} from '../../src/check/noisy/runNoisyChecks.ts';
import { TAIL_TESTS } from '../../src/check/noisy/tailCounts.ts';
import { middleOrderStatistics } from '../../src/estimators/middleOrderStatistics.ts';
import { noisyMedianMoments } from '../../src/estimators/noisyMedianMoments.ts';
import { getNoiseFamily } from '../../src/distributions/noiseFamilies.ts';
import { deriveStream } from '../../src/rng/RandomStream.ts';
import { MedmeanError } from '../../src/errors/MedmeanError.ts';
import { runCliInProcess } from '../helpers/runCliInProcess.ts';
import { testSeed } from '../helpers/testSeed.ts';
import { withThisSeedsShare } from '../helpers/corpusShare.ts';
import evenReferences from '../fixtures/noisy-even-m.json' with { type: 'json' };

const DIRECTORY = 'test/fixtures/noisy-aggregators';
const failures = (results: Awaited<ReturnType<typeof checkNoisyFixture>>) =>
  results.filter((result) => result.status === 'fail').map((result) => `${result.name}: ${result.detail}`);

// Each correct (module, flags) pair passes: its z-tests and law tests have a false-failure probability
// of at most 2.1e-4 per pair (noisyFalseFailure, stated by the command; measured by the calibration row
// check-noisy-fixtures).
// This seed's share of each corpus (helpers/corpusShare.ts; CORPUS=all for every fixture).
describe.each(withThisSeedsShare(noisyFixtures(DIRECTORY, 'pass')))('noisy %s', (_name, fixture, runs) => {
  it.runIf(runs)('passes medmean check-noisy', async () => {
    expect(failures(await checkNoisyFixture(fixture, testSeed()))).toEqual([]);
  });
});

// Each buggy module (one realistic bug each), and each correct one under a wrong scale or noise, fails.
describe.each(withThisSeedsShare(noisyFixtures(DIRECTORY, 'fail')))('noisy %s', (_name, fixture, runs) => {
  it.runIf(runs)('fails medmean check-noisy (--bail)', async () => {
    expect(failures(await checkNoisyFixture(fixture, testSeed(), { bail: true })).length).toBeGreaterThan(0);
  });
});

describe('medmean check-noisy', () => {
  it('passes its seed to the aggregator: the same seed gives the same measurements, another seed others', async () => {
    // A vote: its exact law is a sum, where the even-M median's costs an integral per point.
    const fixture = noisyFixtures(DIRECTORY, 'pass').find(({ name }) => name.startsWith('noisy-vote-gaussian.mjs'))!;
    const details = async (seed: number) => (await checkNoisyFixture(fixture, seed)).map((result) => result.detail);
    const first = await details(5);
    expect(await details(5)).toEqual(first);
    expect(await details(6)).not.toEqual(first);
  });

  it("computes E[vote] as an independent count does: P(at least (M + 1)/2 of the workers' noisy values > 0), twice, minus 1", () => {
    // mpmath at 30 digits (rounded to doubles), from the Poisson-binomial law of the number of positive workers
    // (p_i = F(u_i / b)); independent of the engine's order-statistic integrals.
    const cases: [string, number, number[], number][] = [
      ['gaussian', 1, [0, 1, 5], 0.841344459416971],
      ['gaussian', 1, [-1, 0.5, 2], 0.4521296810385295],
      ['gaussian', 1, [-2, -1, 0.5, 1, 4], 0.2951523530233419],
      ['uniform', 0.5, [0, 0.5, 2.5], 0.7886751345948129],
    ];
    for (const [noise, scale, u, reference] of cases) {
      expect(Math.abs(createNoisyRule('noisy-sign-vote', noise, scale).expectation(u).mean - reference)).toBeLessThan(
        1e-13,
      );
    }
  });

  it('at even M, computes the vote with its declared tie and the median with its declared middle as mpmath does', () => {
    // scripts/fixtures/noisy-even-m.py: the count's Poisson-binomial law, and each middle order
    // statistic's mean by quadrature of its CDF, at 30 digits (Gaussian ξ, b = 1).
    for (const row of evenReferences) {
      const at = (rule: ReturnType<typeof createNoisyRule>) => rule.expectation(row.u).mean;
      const close = (got: number, want: number) =>
        expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThan(1e-12);
      close(at(createNoisyRule('noisy-sign-vote', 'gaussian', 1)), row.voteTie0);
      close(at(createNoisyRule('noisy-sign-vote', 'gaussian', 1, { tie: 1 })), row.voteTiePlus1);
      close(at(createNoisyRule('noisy-median', 'gaussian', 1)), row.medianAverage);
      close(at(createNoisyRule('noisy-median', 'gaussian', 1, { even: 'lower' })), row.medianLower);
      close(at(createNoisyRule('noisy-median', 'gaussian', 1, { even: 'upper' })), row.medianUpper);
    }
    expect(() => createNoisyRule('noisy-median', 'gaussian', 1, { even: 'middle' as 'lower' })).toThrow(/`even`/);
  });

  it('under bail stops at the first failing check, which fails as in a full run, and makes fewer calls', async () => {
    // Noisy votes with two bugs: noise for the first 8 workers only, which fails a setting's tests
    // (at M = 31, z = 85, at the latest), and a generator reseeded on every call, which passes
    // every setting and fails a check made after the calls (fresh noise on every call).
    // The library's noisyVote, and the two bugs made from its parts (addNoise, majorityVote).
    const noisyVoteUnderTest = (workersWithNoise: number, reseeded: boolean) => {
      let stream = deriveStream(testSeed(), 'bail-test');
      let calls = 0;
      const target = inProcessAggregator('noisy vote', ({ vectors }) => {
        calls++;
        if (reseeded) stream = deriveStream(testSeed(), 'bail-test');
        if (workersWithNoise >= vectors.length) return noisyVote(vectors, { b: 1, stream });
        const noisy = addNoise('noisyVote', vectors.slice(0, workersWithNoise), { b: 1, stream });
        return majorityVote([...noisy, ...vectors.slice(workersWithNoise)]);
      });
      return { target, calls: () => calls };
    };
    const rule = createNoisyRule('noisy-sign-vote', 'gaussian', 1);
    const run = async (workersWithNoise: number, reseeded: boolean, bail: boolean) => {
      const { target, calls } = noisyVoteUnderTest(workersWithNoise, reseeded);
      const results = await runNoisyChecks(target, rule, { bail });
      return { results, calls: calls() };
    };
    for (const [workersWithNoise, reseeded] of [
      [8, false],
      [Infinity, true],
    ] as const) {
      const [full, bailed] = [
        await run(workersWithNoise, reseeded, false),
        await run(workersWithNoise, reseeded, true),
      ];
      const bailedFailures = bailed.results.filter(({ status }) => status === 'fail');
      expect(bailedFailures).toEqual([bailed.results.at(-1)]);
      expect(full.results).toContainEqual(bailedFailures[0]);
      expect(bailed.calls).toBeLessThan(full.calls);
    }
    // A correct vote: every check runs, with the results of a full run.
    const [correctFull, correctBailed] = [await run(Infinity, false, false), await run(Infinity, false, true)];
    expect(correctBailed).toEqual(correctFull);
    expect(correctFull.results.every(({ status }) => status === 'pass')).toBe(true);
    // The stated false-failure bound counts every test the run made at the z-tests' level: the
    // mean and the law in each setting, and each count of the tail setting.
    const made = (pattern: RegExp) => correctFull.results.filter(({ name }) => pattern.test(name)).length;
    expect(made(/^E\[vote\]/) + made(/^P\(vote = −1\)/) + TAIL_TESTS * made(/^the vote in the noise's tails/)).toBe(
      noisyTestCount(rule),
    );
    expect(made(/^the vote in the noise's tails/)).toBe(1);
  });

  it("states as each z-test's level the two-sided tail at its limit: P(|Z| > 4.5)", () => {
    // erfc(4.5/√2) = 6.79534624946012e-6 (mpmath, 30 digits); 6.795e-6, written out, would fail.
    expect(NOISY_Z_LIMIT).toBe(4.5);
    expect(Math.abs(TWO_SIDED_TAIL - 6.79534624946012e-6) / TWO_SIDED_TAIL).toBeLessThan(1e-12);
  });

  it('counts a variance test exactly where the rule gives a variance to test, and names each rule in its own words', () => {
    // noisyTestCount (and so the stated false-failure bound) reads testsVariance; momentsVerdict tests
    // the variance wherever the expectation has one: the two must agree in every moments setting.
    for (const name of ['noisy-median', 'noisy-sign-vote'] as const) {
      const rule = createNoisyRule(name, 'gaussian', 1);
      for (const { centres, moments } of noisySettings(rule.family).filter(({ moments }) => moments)) {
        expect(rule.testsVariance(centres.length), `${name} at M = ${centres.length}`).toBe(
          moments && rule.expectation(centres).variance !== undefined,
        );
      }
    }
    const [median, vote] = [
      createNoisyRule('noisy-median', 'gaussian', 1),
      createNoisyRule('noisy-sign-vote', 'gaussian', 1),
    ];
    expect([median.testsVariance(3), median.testsVariance(4), vote.testsVariance(3)]).toEqual([true, false, false]);
    // A vote certain to be +1 has no spread to lose; the median always has.
    expect([vote.varies([0, 1, 5]), vote.varies([60, 70, 80]), median.varies([60, 70, 80])]).toEqual([
      true,
      false,
      true,
    ]);
    expect([median.words.point(0.123456789), vote.words.point(-1)]).toEqual(['0.12346', '-1']);
  });

  it("keeps the noisy median's moments apart by law, scale, even-M convention and u", () => {
    const odd = [0, 1, 5];
    const even = [-1, 0, 0.5, 2];
    const median = (noise: string, scale: number, conventions = {}) =>
      createNoisyRule('noisy-median', noise, scale, conventions);
    // Asked in an order where a key missing any one part returns an earlier answer.
    for (const [noise, scale] of [
      ['gaussian', 1],
      ['gaussian', 2],
      ['laplace', 2],
      ['gaussian', 1],
    ] as const) {
      const { mean, variance } = noisyMedianMoments(odd, scale, noise);
      expect(median(noise, scale).expectation(odd)).toEqual({ mean, variance });
      expect(median(noise, scale).expectation([0, 1, 6]).mean).toBe(noisyMedianMoments([0, 1, 6], scale, noise).mean);
    }
    const [low, high] = middleOrderStatistics(
      Float64Array.from(even),
      1,
      getNoiseFamily('gaussian', 'test', 'noise'),
      1e-12,
    );
    const at = (k: typeof low) => low.model.uBar + k.first.value;
    for (const [convention, expected] of [
      ['lower', at(low)],
      ['upper', at(high)],
      ['average', (at(low) + at(high)) / 2],
      ['lower', at(low)],
    ] as const)
      expect(median('gaussian', 1, { even: convention }).expectation(even).mean).toBe(expected);
  });

  it('rejects a bad rule, scale or noise with a typed error naming it', () => {
    expect(() => createNoisyRule('noisy-mean' as 'noisy-median', 'gaussian', 1)).toThrow(MedmeanError);
    expect(() => createNoisyRule('noisy-median', 'gaussian', 0)).toThrow(/`scale`/);
    expect(() => createNoisyRule('noisy-median', 'gaussian', Number.NaN)).toThrow(/`scale`/);
    expect(() => createNoisyRule('noisy-median', 'cauchy', 1)).toThrow(/`noise`/);
  });

  it('names noise shared by the coordinates, and writes each z as a reader can take it in', async () => {
    const failing = await runCliInProcess(
      'check-noisy',
      '--rule',
      'noisy-median',
      '--scale',
      '1',
      `${DIRECTORY}/buggy/noisy-median-noise-per-worker.mjs`,
    );
    expect(failing.status).toBe(1);
    expect(failing.stdout).toMatch(
      /every output of call 1 is \S+: noise drawn once per worker and call, shared by the coordinates/,
    );
    expect(failing.stdout).toMatch(/all 20000 coordinates returned \S+: noise drawn once per worker and call/);
    // Three significant digits or ∞, never a 15-digit or e+299 statistic.
    expect(failing.stdout).toMatch(/z = (∞|\d\.\d\de\+\d+)/);
    expect(failing.stdout).not.toMatch(/z = \d{5,}|z = \d(\.\d+)?e\+\d{3}/);
    // A correct aggregator's outputs vary, and no such cause is named.
    const passing = await runCliInProcess(
      'check-noisy',
      '--rule',
      'noisy-median',
      '--scale',
      '1',
      `${DIRECTORY}/correct/noisy-median-lower.mjs`,
      '--even',
      'lower',
    );
    expect(passing.stdout).not.toMatch(/shared by the coordinates/);
  });

  it('exits 2 on usage errors, 1 on a failing aggregator, 0 on a correct one', async () => {
    const module = `${DIRECTORY}/correct/noisy-vote-gaussian.mjs`;
    for (const args of [
      ['--rule', 'noisy-sign-vote', module],
      ['--rule', 'noisy-sign-vote', '--scale', '-1', module],
      ['--rule', 'noisy-sign-vote', '--scale', 'x', module],
      ['--rule', 'noisy-mean', '--scale', '1', module],
      ['--rule', 'noisy-sign-vote', '--scale', '1', '--noise', 'cauchy', module],
      ['--rule', 'noisy-sign-vote', '--scale', '1'],
      ['--rule', 'noisy-sign-vote', '--scale', '1', '--command', 'cat', module],
      ['--rule', 'noisy-sign-vote', '--scale', '1', '--even', 'lower', module],
      ['--rule', 'noisy-median', '--scale', '1', '--tie', '+1', module],
      ['--rule', 'noisy-median', '--scale', '1', '--even', 'middle', module],
    ]) {
      expect((await runCliInProcess('check-noisy', ...args)).status, args.join(' ')).toBe(2);
    }
    const passing = await runCliInProcess('check-noisy', '--rule', 'noisy-sign-vote', '--scale', '1', module);
    expect(passing.status).toBe(0);
    expect(passing.stdout).toMatch(/^medmean check-noisy --rule noisy-sign-vote/);
    const stated = noisyFalseFailure(createNoisyRule('noisy-sign-vote', 'gaussian', 1)).toExponential(1);
    expect(passing.stdout).toContain(`false failure of a correct aggregator ≤ ${stated}`);
    expect(passing.stdout).toMatch(/even M: a tied vote gives 0/);
    const outputs = mkdtempSync(path.join(tmpdir(), 'medmean-noisy-'));
    const failing = await runCliInProcess(
      'check-noisy',
      '--rule',
      'noisy-sign-vote',
      '--scale',
      '1',
      '--bail',
      '--junit',
      path.join(outputs, 'junit.xml'),
      '--report',
      path.join(outputs, 'report.md'),
      `${DIRECTORY}/buggy/noisy-vote-reseeded.mjs`,
    );
    expect(failing.status).toBe(1);
    expect(failing.stdout).toMatch(/FAIL draws fresh noise on every call/);
    expect(failing.stdout).toMatch(
      /replay: medmean check-noisy --rule noisy-sign-vote --scale 1 --noise gaussian --seed \d+ --timeout \d+ --bail /,
    );
    // The files name the command that wrote them.
    expect(readFileSync(path.join(outputs, 'junit.xml'), 'utf8')).toMatch(
      /<testsuites name="medmean check-noisy" tests="\d+" failures="1"/,
    );
    expect(readFileSync(path.join(outputs, 'report.md'), 'utf8')).toMatch(/^# medmean check-noisy: noisy-sign-vote/);
  });
});
