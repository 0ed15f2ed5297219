import { Command } from 'commander';
import { noiseFamilyNames } from '../distributions/noiseFamilies.ts';
import { EVEN_MEDIAN_MAX_M } from '../estimators/evenMedianMoments.ts';
import { formatNumber } from '../format/formatNumber.ts';
import { deriveStream } from '../rng/RandomStream.ts';
import { DEFAULT_SEED } from '../report/defaultSeed.ts';
import { parseIntegerFlag, parseNumberListFlag, parsePositiveFlag } from './parseFlags.ts';
import { UsageError } from './UsageError.ts';

interface MomentsFlags {
  noise: string;
  u?: number[];
  b?: number;
  json?: boolean;
  seed: number;
  samples: number;
}

export function momentsCommand(): Command {
  return new Command('moments')
    .description(
      'exact moments of median(u_i + b·ξ_i) (Theorem 4): E[median], bias, variance, asymmetric mass, σ²_mid, error bound',
    )
    .requiredOption(
      '--u <values>',
      `comma-separated u_1,...,u_M (exact engine; for even M above ${EVEN_MEDIAN_MAX_M}: exact mean, Monte Carlo variances)`,
      parseNumberListFlag('--u'),
    )
    .requiredOption('--b <scale>', 'noise scale b > 0', parsePositiveFlag('--b'))
    .option('--noise <family>', `noise family: ${noiseFamilyNames.join(', ')}`, 'gaussian')
    .option('--json', 'print JSON: { mean, bias, variance, asymmetry, sigmaMid2, errorBound, ... }')
    .option(
      '--seed <n>',
      `seed for the Monte Carlo part (even M above ${EVEN_MEDIAN_MAX_M} only)`,
      parseIntegerFlag('--seed', 0),
      DEFAULT_SEED,
    )
    .option(
      '--samples <n>',
      `Monte Carlo replicates (even M above ${EVEN_MEDIAN_MAX_M} only)`,
      parseIntegerFlag('--samples', 100, 1e7),
      1_000_000,
    )
    .action(async (flags: MomentsFlags) => {
      if (!noiseFamilyNames.includes(flags.noise))
        throw new UsageError(`--noise must be one of ${noiseFamilyNames.join(', ')}. Value: \`${flags.noise}\`.`);
      const u = flags.u!;
      const b = flags.b!;
      if (u.length > 2001) throw new UsageError(`--u accepts at most 2001 values. Value: ${u.length} values.`);
      const notice = slowMomentsNotice(u.length);
      if (notice !== undefined && process.stderr.isTTY === true) process.stderr.write(`${notice}\n`);
      const result =
        u.length % 2 === 1
          ? await oddResult(u, b, flags.noise)
          : u.length <= EVEN_MEDIAN_MAX_M
            ? await evenResult(u, b, flags.noise)
            : await evenMonteCarloResult(u, b, flags);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const lines = [
        `median of u_i + b·ξ_i, M = ${u.length}, b = ${b}, noise = ${flags.noise} (${result.method})`,
        `  mean of u (ū)        ${formatNumber(result.uBar, 12)}`,
        `  E[median]            ${formatNumber(result.mean, 15)}`,
        `  bias E[median] − ū   ${formatNumber(result.bias, 10)}`,
        `  Var(median)          ${formatNumber(result.variance, 12)}`,
        `  asymmetric mass      ${result.asymmetry === null ? 'n/a (even M)' : formatNumber(result.asymmetry, 8)}`,
        `  σ²_mid               ${formatNumber(result.sigmaMid2, 12)}`,
        `  error bound (mean)   ${formatNumber(result.errorBound, 3)}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

/**
 * Above this M the exact engine takes more than a few seconds: the odd-M moments and the even-M
 * exact mean alike (docs/cli.md: 7.9 s at M = 201, 111 s at 501, 161 s at an even 1000).
 */
const SLOW_EXACT_M = 201;

/** What a terminal user is told before a computation long enough to look like a hang. */
export function slowMomentsNotice(M: number): string | undefined {
  if (M <= SLOW_EXACT_M) return undefined;
  return `computing the exact moments at M = ${M}: the work grows about as M³, minutes from M ≈ 500 (docs/cli.md lists measured times)`;
}

interface Moments {
  readonly M: number;
  readonly uBar: number;
  readonly mean: number;
  readonly bias: number;
  readonly variance: number;
  readonly sigmaMid2: number;
}

/** What `moments` prints, in the same key order for every route. */
function momentsResult(
  method: string,
  b: number,
  noise: string,
  m: Moments,
  rest: {
    asymmetry: number | null;
    distanceToIid: number | null;
    errorBound: number;
    errorBounds: Record<string, number>;
  },
) {
  return {
    method,
    M: m.M,
    b,
    noise,
    uBar: m.uBar,
    mean: m.mean,
    bias: m.bias,
    variance: m.variance,
    asymmetry: rest.asymmetry,
    distanceToIid: rest.distanceToIid,
    sigmaMid2: m.sigmaMid2,
    errorBound: rest.errorBound,
    errorBounds: rest.errorBounds,
  };
}

async function oddResult(u: number[], b: number, noise: string) {
  const { noisyMedianMoments } = await import('../estimators/noisyMedianMoments.ts');
  const m = noisyMedianMoments(u, b, noise);
  return momentsResult('exact (order-statistic density, adaptive quadrature)', b, noise, m, {
    asymmetry: m.asymmetry,
    distanceToIid: m.distanceToIid,
    errorBound: m.errorBound,
    errorBounds: m.errorBounds,
  });
}

async function evenResult(u: number[], b: number, noise: string) {
  const { evenMedianMoments } = await import('../estimators/evenMedianMoments.ts');
  const m = evenMedianMoments(u, b, noise);
  return momentsResult(
    'exact (two middle order statistics: densities and Hoeffding covariance, adaptive quadrature)',
    b,
    noise,
    m,
    { asymmetry: null, distanceToIid: null, errorBound: m.errorBounds.mean, errorBounds: m.errorBounds },
  );
}

async function evenMonteCarloResult(u: number[], b: number, flags: MomentsFlags) {
  const { evenMedianMonteCarloMoments } = await import('../estimators/evenMedianMonteCarloMoments.ts');
  const m = evenMedianMonteCarloMoments(u, b, flags.noise, flags.samples, deriveStream(flags.seed, 'moments', 'even'));
  return momentsResult(
    `even M: exact mean; Monte Carlo variances (${m.samples} replicates, seed ${flags.seed})`,
    b,
    flags.noise,
    m,
    {
      asymmetry: null,
      distanceToIid: null,
      errorBound: m.meanErrorBound,
      errorBounds: {
        mean: m.meanErrorBound,
        varianceStandardError: m.varianceStandardError,
        sigmaMid2StandardError: m.sigmaMid2StandardError,
      },
    },
  );
}
