// npm run calibrate: measures, over many independent seeds, how often each stochastic check fails
// although its claim is true (false alarms, to compare with the α it states) and how often it
// flags its negative control (power). Writes reports/calibration.md.
import jstat from 'jstat';
import { gaussian, logistic, deriveStream, noisyMedianMoments, monteCarloMedianMoments, claims, createVerifyContext, computeVerdict, median, mean } from '../src/index.ts';
import { ksCriticalValue, ksStatistic } from '../src/estimators/ksStatistic.ts';
import { medianGoodnessOfFit } from '../src/estimators/medianGoodnessOfFit.ts';
import { createRule } from '../src/check/rules.ts';
import { runChecks } from '../src/check/runChecks.ts';
import type { AggregatorUnderTest } from '../src/check/AggregatorUnderTest.ts';
import { markdownTable } from '../src/report/markdownTable.ts';
import { writeFileAtomically } from '../src/report/writeFileAtomically.ts';
import type { ClaimId } from '../src/theorems/Claim.ts';

const { jStat } = jstat;
const SEEDS = Number(process.env.CALIBRATION_SEEDS ?? 200);

interface Row {
  check: string;
  alpha: string;
  runs: number;
  falseAlarms: number;
  powerRuns: number;
  flagged: number;
}
const rows: Row[] = [];

async function calibrate(check: string, alpha: string, holds: (seed: number) => boolean | Promise<boolean>, flags: (seed: number) => boolean | Promise<boolean>, seeds = SEEDS) {
  let falseAlarms = 0;
  let flagged = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    if (!(await holds(seed))) falseAlarms++;
    if (await flags(seed)) flagged++;
  }
  rows.push({ check, alpha, runs: seeds, falseAlarms, powerRuns: seeds, flagged });
  process.stderr.write(`${check}: ${falseAlarms}/${seeds} false alarms, power ${flagged}/${seeds}\n`);
}

/** Cheap checks get five times as many seeds, so that small false-alarm rates are measured more finely. */
const CHEAP_SEEDS = 5 * SEEDS;

const started = Date.now();

// 1. Kolmogorov–Smirnov test of the samplers (test/distributions.test.ts), n = 20000, α = 1e-4.
{
  const n = 20_000;
  const critical = ksCriticalValue(1e-4, n);
  await calibrate(
    'sampler KS test (gaussian, n = 20000)',
    '1e-4',
    (seed) => ksStatistic(gaussian.sample(deriveStream(seed, 'ks'), new Float64Array(n)), gaussian.cdf) < critical,
    (seed) => ksStatistic(logistic.sample(deriveStream(seed, 'ks-control'), new Float64Array(n)), gaussian.cdf) >= critical,
    CHEAP_SEEDS,
  );
}

// 2. Exact engine inside the Monte Carlo interval (test/noisyMedianMoments.test.ts), z = 4.42 on mean and variance.
{
  const exact = noisyMedianMoments([0, 1, 5], 0.5, 'gaussian');
  const inside = (u: number[], seed: number) => {
    const mc = monteCarloMedianMoments(u, 0.5, 'gaussian', 100_000, deriveStream(seed, 'mc'));
    return Math.abs(exact.mean - mc.mean) <= 4.42 * mc.meanStandardError && Math.abs(exact.variance - mc.variance) <= 4.42 * mc.varianceStandardError;
  };
  await calibrate('exact moments inside Monte Carlo intervals (gaussian, u = (0, 1, 5), b = 0.5, 1e5 draws)', '2e-5 (two z-tests at 4.42)', (seed) => inside([0, 1, 5], seed), (seed) => !inside([0.05, 1.05, 5.05], seed), CHEAP_SEEDS);
}

// 3. χ² goodness of fit of the order-statistic density (test/proofSteps.test.ts), 20 bins, 5e4 draws, α = 1e-4.
{
  const critical = jStat.chisquare.inv(1 - 1e-4, 19);
  await calibrate(
    'order-statistic density χ² fit (gaussian, u = (0, 1, 5), b = 1)',
    '1e-4',
    (seed) => medianGoodnessOfFit([0, 1, 5], 1, gaussian, 50_000, deriveStream(seed, 'gof')) < critical,
    (seed) => medianGoodnessOfFit([0, 1, 5], 1, gaussian, 50_000, deriveStream(seed, 'gof-control'), 20, 0.1) >= critical,
    CHEAP_SEEDS,
  );
}

// 4. medmean check's Theorem 4 z-tests (4.5 standard errors at three b), in-process aggregators.
{
  const inProcess = (aggregate: (v: readonly Float64Array[]) => Float64Array): AggregatorUnderTest => ({
    description: 'in-process',
    observesMutation: false,
    call: async (vectors) => ({ values: aggregate(vectors), elapsedMs: 0 }),
    close: async () => undefined,
  });
  const theorem4Passes = async (aggregate: (v: readonly Float64Array[]) => Float64Array, seed: number) => {
    const results = await runChecks(inProcess(aggregate), createRule('median'), { seed, runs: 1, budgetMs: 10_000 });
    return results.find((r) => r.name.startsWith('Theorem 4'))!.status === 'pass';
  };
  await calibrate('medmean check: Theorem 4 behaviour of a median', '2e-5', (seed) => theorem4Passes((v) => median(v), seed), async (seed) => !(await theorem4Passes((v) => mean(v), seed)));
}

// 5. Whole claims at the npm test preset: the verdict must be holds, every negative control flagged.
for (const id of ['prop1', 'thm1', 'thm2', 'thm3', 'thm6'] as ClaimId[]) {
  const claim = claims.find((c) => c.id === id)!;
  const cache = new Map<number, Awaited<ReturnType<typeof claim.verify>>>();
  const evidence = async (seed: number) => {
    if (!cache.has(seed)) cache.set(seed, await claim.verify(createVerifyContext(seed, id, 'quick')));
    return cache.get(seed)!;
  };
  const seedsForClaim = id === 'thm6' ? Math.min(SEEDS, 200) : SEEDS;
  let falseAlarms = 0;
  let flagged = 0;
  for (let seed = 1; seed <= seedsForClaim; seed++) {
    const e = await evidence(seed);
    if (computeVerdict(e) !== 'holds') falseAlarms++;
    if (e.negativeControls.every((c) => c.flagged)) flagged++;
    cache.delete(seed);
  }
  const stated = id === 'thm3' ? '2e-4 (chain t-test)' : id === 'thm6' ? '1e-3 (one-sided test on the fitted exponent)' : id === 'prop1' ? '0 (property, exhaustive check; no stochastic check)' : '1e-3 (stochastic-gradient t-test; the properties cannot false-alarm)';
  rows.push({ check: `claim ${id}, quick preset: verdict holds; every negative control flagged`, alpha: stated, runs: seedsForClaim, falseAlarms, powerRuns: seedsForClaim, flagged });
  process.stderr.write(`claim ${id}: ${falseAlarms}/${seedsForClaim} not holding, controls flagged ${flagged}/${seedsForClaim}\n`);
}

/** P(X ≥ k) for X ~ Binomial(n, p). */
function binomialTail(k: number, n: number, p: number): number {
  if (k === 0) return 1;
  return 1 - jStat.binomial.cdf(k - 1, n, p);
}
const statedAlpha = (label: string) => {
  const match = /^([0-9.]+e-?[0-9]+|0)\b/.exec(label);
  return match ? Number(match[1]) : NaN;
};
const table = markdownTable(
  ['check', 'α stated', 'runs', 'false alarms', 'false-alarm rate', 'P(≥ observed | α)', 'negative control flagged', 'power'],
  rows.map((r) => {
    const alpha = statedAlpha(r.alpha);
    const tail = Number.isNaN(alpha) ? '—' : alpha === 0 ? (r.falseAlarms === 0 ? '1' : '0') : binomialTail(r.falseAlarms, r.runs, alpha).toPrecision(3);
    return [r.check, r.alpha, r.runs, r.falseAlarms, (r.falseAlarms / r.runs).toFixed(4), tail, `${r.flagged}/${r.powerRuns}`, (r.flagged / r.powerRuns).toFixed(4)];
  }),
);
const minutes = ((Date.now() - started) / 60000).toFixed(1);
void minutes;
writeFileAtomically(
  'reports/calibration.md',
  [
    '# Calibration of the stochastic checks',
    '',
    `Generated by \`npm run calibrate\` (independent seeds 1 … N per check: N = ${CHEAP_SEEDS} for the cheap statistical tests, ${SEEDS} for whole claims). A false alarm is a failure on a case where the claim is true; power is the fraction of runs in which the negative control was flagged. Targets: false-alarm rate at most the stated α, power at least 99%. With N runs a stated α far below 1/N should show no false alarm; the column 'P(≥ observed | α)' gives the binomial probability of seeing at least the observed count if the stated α were exact, so a small value flags a miscalibrated check.`,
    '',
    table,
    '',
  ].join('\n'),
);
