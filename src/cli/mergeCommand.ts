import { Command } from 'commander';

export function mergeCommand(): Command {
  return new Command('merge')
    .description(
      'merge shard directories from `medmean report --shard i/N` into reports identical to a single run with the same seed',
    )
    .argument('<dirs...>', 'shard directories')
    .option('--out <dir>', 'output directory', 'reports')
    .action(async (dirs: string[], flags: { out: string }) => {
      const { mergeShards } = await import('../report/shards.ts');
      const results = mergeShards(dirs, flags.out);
      for (const result of results.claims)
        process.stdout.write(`${result.id.padEnd(20)} ${result.verdict.padEnd(13)} ${result.keyFigure}\n`);
      process.stdout.write(`merged ${dirs.length} shards into ${flags.out}/\n`);
    });
}
