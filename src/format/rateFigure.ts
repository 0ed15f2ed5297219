import type { VegaLiteSpec } from './VegaLiteSpec.ts';

export interface RateRow {
  readonly panel: string;
  readonly b: number;
  readonly value: number;
  /** 'measured', 'fitted slope …', 'claimed slope …' */
  readonly series: string;
}

/**
 * A faceted log-log plot of a quantity against the noise scale b: one panel per noise family,
 * measured values as points and lines, fitted and claimed power laws as dashed reference lines.
 */
export function rateFigureSpec(
  rows: readonly RateRow[],
  yTitle: string,
  logY = true,
  xTitle = 'noise scale b',
  xBase = 2,
): VegaLiteSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: rows as unknown as Record<string, unknown>[] },
    facet: { field: 'panel', type: 'nominal', title: null, header: { labelFontSize: 12 } },
    columns: 3,
    spec: {
      width: 220,
      height: 170,
      mark: { type: 'line', point: { size: 18 }, clip: true },
      encoding: {
        x: {
          field: 'b',
          type: 'quantitative',
          title: xTitle,
          scale: { type: 'log', base: xBase },
          axis: { format: '~g' },
        },
        y: {
          field: 'value',
          type: 'quantitative',
          title: yTitle,
          scale: logY ? { type: 'log' } : { zero: false },
          axis: { format: '.0e' },
        },
        color: {
          field: 'series',
          type: 'nominal',
          title: null,
          legend: { orient: 'bottom', columns: 1, labelLimit: 480 },
        },
        strokeDash: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 1 } },
      },
    },
    resolve: { scale: { y: 'independent' } },
  } as VegaLiteSpec;
}

/** Rows of a power law C·b^slope through (b0, y0), over the given b values. */
export function referenceLine(
  panel: string,
  series: string,
  bs: readonly number[],
  b0: number,
  y0: number,
  slope: number,
): RateRow[] {
  return bs.map((b) => ({ panel, b, value: Math.abs(y0) * (b / b0) ** slope, series }));
}
