import type { VegaLiteSpec } from './VegaLiteSpec.ts';

/** One point of a training curve: a metric's value at a step, for an algorithm (on a split). */
export interface TrainingCurveRow {
  readonly step: number;
  readonly value: number;
  /** 'train loss' or 'test accuracy' */
  readonly metric: string;
  readonly algorithm: string;
}

/** How the panels are laid out: Vega-Lite's `facet` (and `columns` for a wrapped facet). */
export interface TrainingCurvesLayout {
  readonly facet: Readonly<Record<string, unknown>>;
  readonly columns?: number;
}

/**
 * Train loss and test accuracy against steps, one line per algorithm, in panels laid out by
 * `layout`, each panel on its own y scale (the metrics share no unit); the legend below, its
 * labels cut at `legendLabelLimit` pixels.
 */
export function trainingCurvesSpec(
  rows: readonly TrainingCurveRow[],
  layout: TrainingCurvesLayout,
  legendLabelLimit: number,
): VegaLiteSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: rows },
    ...layout,
    spec: {
      width: 300,
      height: 200,
      mark: { type: 'line', point: { size: 12 } },
      encoding: {
        x: { field: 'step', type: 'quantitative', title: 'step' },
        y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
        color: {
          field: 'algorithm',
          type: 'nominal',
          title: null,
          legend: { orient: 'bottom', columns: 2, labelLimit: legendLabelLimit },
        },
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}
