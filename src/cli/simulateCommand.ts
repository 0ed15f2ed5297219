import { Command, Option } from 'commander';
import { algorithmNames, type AlgorithmName } from '../algorithms/algorithmNames.ts';
import { noiseFamilyNames } from '../distributions/noiseFamilies.ts';
import { formatNumber } from '../format/formatNumber.ts';
import { DEFAULT_SEED } from '../report/defaultSeed.ts';
import { parseIntegerFlag, parsePositiveFlag } from './parseFlags.ts';
import { UsageError } from './UsageError.ts';

interface SimulateFlags {
  algorithm: AlgorithmName;
  problem: string;
  steps: number;
  lr: number;
  b?: number;
  noise: string;
  seed: number;
  json?: boolean;
  x0?: string;
}

export function simulateCommand(): Command {
  return new Command('simulate')
    .description(
      'run one of the five algorithms with full local gradients and report where it ends and the averaged quantities of Theorems 1–6',
    )
    .addOption(new Option('--algorithm <name>', 'algorithm').choices([...algorithmNames]).makeOptionMandatory())
    .requiredOption(
      '--problem <spec>',
      'scalar:a1,a2,... (Theorem 3), quadratic:M,d[,seed] (heterogeneous quadratic) or logistic:M,d[,seed] (heterogeneous logistic regression)',
    )
    .requiredOption('--steps <T>', 'number of steps', parseIntegerFlag('--steps', 1, 10_000_000))
    .requiredOption('--lr <delta>', 'step size δ > 0', parsePositiveFlag('--lr'))
    .option('--b <scale>', 'noise scale b > 0 (noisy algorithms)', parsePositiveFlag('--b'))
    .option('--noise <family>', `noise family: ${noiseFamilyNames.join(', ')}`, 'gaussian')
    .option('--seed <n>', 'seed of the noise', parseIntegerFlag('--seed', 0), DEFAULT_SEED)
    .option('--x0 <values>', 'start point, comma-separated (default: 0)')
    .option('--json', 'print JSON: { x, f, gradNormL1, gradNormL2, ... }')
    .action(async (flags: SimulateFlags) => {
      if (!noiseFamilyNames.includes(flags.noise))
        throw new UsageError(`--noise must be one of ${noiseFamilyNames.join(', ')}. Value: \`${flags.noise}\`.`);
      const noisy = flags.algorithm.startsWith('noisy-');
      if (noisy && flags.b === undefined) throw new UsageError(`--b is required for ${flags.algorithm}.`);
      if (!noisy && flags.b !== undefined)
        throw new UsageError(`--b applies to noisy-signsgd and noisy-mediansgd only, not ${flags.algorithm}.`);
      const { parseProblemSpec } = await import('../problems/parseProblemSpec.ts');
      const { runAlgorithm } = await import('../algorithms/runAlgorithm.ts');
      const { deriveStream } = await import('../rng/RandomStream.ts');
      const { MedmeanError } = await import('../errors/MedmeanError.ts');
      let problem: ReturnType<typeof parseProblemSpec>;
      try {
        problem = parseProblemSpec(flags.problem);
      } catch (error) {
        if (error instanceof MedmeanError)
          throw new UsageError(`--problem: ${error.message.replace(/^parseProblemSpec: /, '')}`);
        throw error;
      }
      const x0 = flags.x0 === undefined ? undefined : flags.x0.split(',').map(Number);
      if (x0 !== undefined && (x0.length !== problem.d || x0.some((v) => !Number.isFinite(v)))) {
        throw new UsageError(`--x0 must be ${problem.d} comma-separated finite numbers. Value: \`${flags.x0}\`.`);
      }
      const T = flags.steps;
      const trace = runAlgorithm({
        algorithm: flags.algorithm,
        problem,
        steps: T,
        lr: flags.lr,
        b: flags.b,
        noise: flags.noise,
        x0,
        stream: noisy ? deriveStream(flags.seed, 'simulate') : undefined,
      });
      const average = (values: Float64Array) => values.subarray(0, T).reduce((s, v) => s + v, 0) / T;
      const result = {
        algorithm: flags.algorithm,
        problem: problem.name,
        steps: T,
        lr: flags.lr,
        ...(noisy ? { b: flags.b, noise: flags.noise, seed: flags.seed } : {}),
        x: Array.from(trace.x),
        f: trace.f[T],
        fMin: problem.minValue,
        gradNormL1: trace.gradNormL1[T],
        gradNormL2: Math.sqrt(trace.gradNormL2Sq[T]),
        avgGradNormL1: average(trace.gradNormL1),
        avgGradNormL2Sq: average(trace.gradNormL2Sq),
        avgMedianGapL1: average(trace.medianGapL1),
        avgMedianGapL2Sq: average(trace.medianGapL2Sq),
      };
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const head = result.x
        .slice(0, 8)
        .map((v) => formatNumber(v, 8))
        .join(', ');
      process.stdout.write(
        [
          `${flags.algorithm} on ${problem.name}, T = ${T}, δ = ${flags.lr}${noisy ? `, b = ${flags.b} (${flags.noise}, seed ${flags.seed})` : ''}`,
          `  final x            [${head}${result.x.length > 8 ? `, … (${result.x.length})` : ''}]`,
          `  f(x_T) − min f     ${formatNumber(result.f - result.fMin, 8)}`,
          `  ‖∇f(x_T)‖₁         ${formatNumber(result.gradNormL1, 8)}`,
          `  ‖∇f(x_T)‖₂         ${formatNumber(result.gradNormL2, 8)}`,
          `  (1/T)Σ‖∇f‖₁        ${formatNumber(result.avgGradNormL1, 8)}   (Theorem 1, left side)`,
          `  (1/T)Σ‖∇f‖²        ${formatNumber(result.avgGradNormL2Sq, 8)}   (Theorems 2, 6, left side)`,
          `  (1/T)Σ gap ‖med − ∇f‖₁  ${formatNumber(result.avgMedianGapL1, 8)}   (full-gradient median–mean gap)`,
          '',
        ].join('\n'),
      );
    });
}
