import { Command } from 'commander';
import os from 'node:os';
import { parseIntegerFlag } from './parseFlags.ts';

export function benchCommand(): Command {
  return new Command('bench')
    .description(
      'time the Monte Carlo estimators in medmean and NumPy side by side, the worker pool and the exact engine; writes reports/bench.md',
    )
    .option('--json', 'print JSON: { results: [{ name, medmeanPerSec, numpyPerSec, ratio, ratioRange }], ... }')
    .option('--out <file>', 'markdown output', 'reports/bench.md')
    .option(
      '--rounds <n>',
      'rounds of NumPy then medmean, back to back; throughputs are the best over the rounds',
      parseIntegerFlag('--rounds', 1, 20),
      3,
    )
    .action(async (flags: { json?: boolean; out: string; rounds: number }) => {
      const { runBenchmark } = await import('../bench/runBenchmark.ts');
      const { renderBenchmark } = await import('../bench/renderBenchmark.ts');
      const { writeFileAtomically } = await import('../report/writeFileAtomically.ts');
      const { requireWritablePath } = await import('../report/requireWritablePath.ts');
      // Refused now rather than after a minute of timing.
      requireWritablePath('medmean bench', '--out', flags.out, 'file');
      // The load of the host before and after: ratios are measured side by side, but absolute rates
      // and the spread between rounds move with it.
      const loadBefore = os.loadavg();
      const report = await runBenchmark(flags.rounds);
      const loadAfter = os.loadavg();
      const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
      const load = `load average ${loadBefore[0].toFixed(2)} (1 min) and ${loadBefore[1].toFixed(2)} (5 min) before the run, ${loadAfter[0].toFixed(2)} and ${loadAfter[1].toFixed(2)} after`;
      const markdown = renderBenchmark(report, `${cpu}, ${os.cpus().length} cores, Node ${process.version}; ${load}`);
      writeFileAtomically(flags.out, markdown);
      process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : markdown);
    });
}
