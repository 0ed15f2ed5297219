import os from 'node:os';
import { Command, Option } from 'commander';
import { claimIds, type Preset } from '../theorems/Claim.ts';
import { DEFAULT_SEED } from '../report/defaultSeed.ts';
import { parseIntegerFlag } from './parseFlags.ts';
import { UsageError } from './UsageError.ts';
import { ExitCode } from './ExitCode.ts';

export function reportCommand(): Command {
  return new Command('report')
    .description('verify the claims and regenerate the appendix-style reports (markdown, SVG figures, results.json)')
    .option('--claims <ids>', `comma-separated claim ids (default: all: ${claimIds.join(', ')})`)
    .option('--seed <n>', 'master seed (non-negative integer)', parseIntegerFlag('--seed', 0), DEFAULT_SEED)
    .option('--out <dir>', 'output directory', 'reports')
    .addOption(new Option('--quick', 'small sample sizes (smoke run)').conflicts('full'))
    .option('--full', 'large sample sizes (long sweeps)')
    .option(
      '--workers <n>',
      'worker threads (default: every core); the reports are byte-identical for any number',
      parseIntegerFlag('--workers', 1, 256),
    )
    .option(
      '--cifar10 <dir>',
      'run the CIFAR-10 experiment (claim cifar-analogue) on CIFAR-10 itself with ResNet-20: a directory with its binary version (data_batch_1.bin … data_batch_5.bin, test_batch.bin)',
    )
    .option(
      '--shard <i/N>',
      'compute only shard i of N (every N-th claim) and write partial evidence to --out (default reports-shard-i-of-N); combine with `medmean merge`',
      parseShard,
    )
    .action(
      async (options: {
        claims?: string;
        seed: number;
        out: string;
        quick?: boolean;
        full?: boolean;
        shard?: { shard: number; of: number };
        workers?: number;
        cifar10?: string;
      }) => {
        const ids = options.claims?.split(',').map((id) => id.trim());
        if (ids !== undefined) {
          for (const id of ids) {
            if (!(claimIds as readonly string[]).includes(id)) {
              throw new UsageError(`--claims: unknown claim id \`${id}\`. Known ids: ${claimIds.join(', ')}.`);
            }
          }
        }
        const preset: Preset = options.quick ? 'quick' : options.full ? 'full' : 'default';
        // Checked before any claim runs, so that a bad directory writes nothing.
        if (options.cifar10 !== undefined) {
          const { checkCifar10Directory } = await import('../problems/cifar10.ts');
          try {
            checkCifar10Directory(options.cifar10);
          } catch (error) {
            throw new UsageError(`--cifar10: ${(error as Error).message}`);
          }
        }
        const inputs = options.cifar10 === undefined ? {} : { cifar10Directory: options.cifar10 };
        if (options.shard !== undefined) {
          if (ids !== undefined) throw new UsageError('--shard and --claims cannot be combined.');
          const { shard, of } = options.shard;
          const out = options.out === 'reports' ? `reports-shard-${shard}-of-${of}` : options.out;
          const { runShard } = await import('../report/shards.ts');
          const { claims } = await import('../theorems/claims.ts');
          const computed = await runShard(
            claims,
            shard,
            of,
            options.seed,
            preset,
            out,
            options.workers ?? os.availableParallelism(),
            inputs,
          );
          for (const result of computed.results)
            process.stdout.write(`${result.id.padEnd(20)} ${result.verdict.padEnd(13)} ${result.keyFigure}\n`);
          process.stdout.write(
            `shard ${shard}/${of} written to ${out}/ (merge with: medmean merge <shard dirs> --out reports)\n`,
          );
          return;
        }
        const showProgress = process.stdout.isTTY === true;
        const started = Date.now();
        const { runReport } = await import('../report/runReport.ts');
        const results = await runReport({
          out: options.out,
          seed: options.seed,
          claims: ids,
          preset,
          inputs,
          workers: options.workers,
          onProgress: showProgress
            ? (id, index, total) =>
                process.stderr.write(
                  `[${index + 1}/${total}] ${id} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
                )
            : undefined,
        });
        for (const result of results.claims)
          process.stdout.write(`${result.id.padEnd(20)} ${result.verdict.padEnd(13)} ${result.keyFigure}\n`);
        process.stdout.write(`reports written to ${options.out}/\n`);
        // The reports are written either way; the exit code says whether every claim run here holds.
        const ran = new Set(ids ?? results.claims.map((result) => result.id));
        if (results.claims.some((result) => ran.has(result.id) && result.verdict !== 'holds'))
          process.exitCode = ExitCode.checkFailed;
      },
    );
}

function parseShard(raw: string): { shard: number; of: number } {
  const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const shard = match ? Number(match[1]) : NaN;
  const of = match ? Number(match[2]) : NaN;
  if (!match || of < 1 || of > 1000 || shard < 1 || shard > of)
    throw new UsageError(`--shard must be i/N with 1 ≤ i ≤ N ≤ 1000. Value: \`${raw}\`.`);
  return { shard, of };
}
