import { Command } from 'commander';
import os from 'node:os';

export function benchCommand(): Command {
  return new Command('bench')
    .description('time the Monte Carlo estimators in medmean and NumPy side by side, the worker pool and the exact engine; writes reports/bench.md')
    .option('--json', 'print JSON: { results: [{ name, medmeanPerSec, numpyPerSec, ratio }], ... }')
    .option('--out <file>', 'markdown output', 'reports/bench.md')
    .action(async (flags: { json?: boolean; out: string }) => {
      const { runBenchmark } = await import('../bench/runBenchmark.ts');
      const { renderBenchmark } = await import('../bench/renderBenchmark.ts');
      const { writeFileAtomically } = await import('../report/writeFileAtomically.ts');
      const report = await runBenchmark();
      const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
      const markdown = renderBenchmark(report, `${cpu}, ${os.cpus().length} cores, Node ${process.version}`);
      writeFileAtomically(flags.out, markdown);
      process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : markdown);
    });
}
