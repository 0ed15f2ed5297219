import { Command, Option } from 'commander';
import { claimIds, type Preset } from '../theorems/Claim.ts';
import { implementedClaimIds } from '../theorems/implementedClaimIds.ts';
import { DEFAULT_SEED } from '../report/defaultSeed.ts';
import { parseIntegerFlag } from './parseFlags.ts';
import { UsageError } from './UsageError.ts';

export function reportCommand(): Command {
  return new Command('report')
    .description('verify the claims and regenerate the appendix-style reports (markdown, SVG figures, results.json)')
    .option('--claims <ids>', `comma-separated claim ids (default: all implemented: ${implementedClaimIds.join(', ')})`)
    .option('--seed <n>', 'master seed (non-negative integer)', parseIntegerFlag('--seed', 0), DEFAULT_SEED)
    .option('--out <dir>', 'output directory', 'reports')
    .addOption(new Option('--quick', 'small sample sizes (smoke run)').conflicts('full'))
    .option('--full', 'large sample sizes (long sweeps)')
    .action(async (options: { claims?: string; seed: number; out: string; quick?: boolean; full?: boolean }) => {
      const ids = options.claims?.split(',').map((id) => id.trim());
      if (ids !== undefined) {
        for (const id of ids) {
          if (!(claimIds as readonly string[]).includes(id)) {
            throw new UsageError(`--claims: unknown claim id \`${id}\`. Known ids: ${claimIds.join(', ')}.`);
          }
          if (!(implementedClaimIds as readonly string[]).includes(id)) {
            throw new UsageError(`--claims: claim \`${id}\` is not implemented yet. Implemented: ${implementedClaimIds.join(', ')}.`);
          }
        }
      }
      const preset: Preset = options.quick ? 'quick' : options.full ? 'full' : 'default';
      const showProgress = process.stdout.isTTY === true;
      const started = Date.now();
      const { runReport } = await import('../report/runReport.ts');
      const results = await runReport({
        out: options.out,
        seed: options.seed,
        claims: ids,
        preset,
        onProgress: showProgress ? (id, index, total) => process.stderr.write(`[${index + 1}/${total}] ${id} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`) : undefined,
      });
      for (const result of results.claims) process.stdout.write(`${result.id.padEnd(20)} ${result.verdict.padEnd(13)} ${result.keyFigure}\n`);
      process.stdout.write(`reports written to ${options.out}/\n`);
    });
}
