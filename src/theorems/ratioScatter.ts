import fc from 'fast-check';
import type { VegaLiteSpec } from '../format/VegaLiteSpec.ts';
import type { BoundSides } from './boundProperty.ts';
import { buildProblem, heterogeneousProblemArbitrary, type GeneratedProblem } from './heterogeneousProblemArbitrary.ts';

/** A scatter of left/right against T for the first generated problems (same seed as the check). */
export function ratioScatter(
  sides: (generated: GeneratedProblem, problem: ReturnType<typeof buildProblem>) => BoundSides | undefined,
  seed: number,
  count = 300,
): VegaLiteSpec {
  const samples = fc.sample(heterogeneousProblemArbitrary, { seed, numRuns: count });
  const rows = samples.flatMap((generated) => {
    const result = sides(generated, buildProblem(generated));
    return result === undefined ? [] : [{ T: generated.T, ratio: result.left / result.right, M: generated.M }];
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 480,
    height: 260,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'point', filled: true, opacity: 0.6 },
        encoding: {
          x: { field: 'T', type: 'quantitative', title: 'horizon T', scale: { type: 'log' } },
          y: { field: 'ratio', type: 'quantitative', title: 'left side / right side' },
          color: { field: 'M', type: 'ordinal', title: 'workers M' },
        },
      },
      {
        data: { values: [{ y: 1 }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: 'firebrick' },
        encoding: { y: { field: 'y', type: 'quantitative' } },
      },
    ],
  } as VegaLiteSpec;
}
