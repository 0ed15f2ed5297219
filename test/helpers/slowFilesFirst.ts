import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take over ~5 s, longest first (measured on 2 idle cores). Started first, they
 * spread over both workers and the short files fill in behind them, so both workers finish
 * together; a fresh clone has no duration cache to order by, and by file size check-buggy came
 * last and ran alone for its last 10 s.
 */
const SLOW_FILES = [
  'test/claims.test.ts',
  'test/tool/check-correct.test.ts',
  'test/tool/check-buggy.test.ts',
  'test/tool/check-noisy.test.ts',
  'test/tool/cli.test.ts',
  'test/tool/taskRunner.test.ts',
  'test/tool/kill.test.ts',
  'test/tool/shards.test.ts',
  'test/tool/report.test.ts',
  'test/tool/calibrationReport.test.ts',
];

export class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = SLOW_FILES.findIndex((file) => spec.moduleId.endsWith(file));
      return index === -1 ? SLOW_FILES.length : index;
    };
    // Stable: files outside the list keep the base order.
    return sorted
      .map((spec, position) => ({ spec, position }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.position - b.position)
      .map(({ spec }) => spec);
  }
}
