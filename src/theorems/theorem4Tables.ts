import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import type { SweepCell } from '../estimators/noiseScaleSweep.ts';
import { formatNumber } from '../format/formatNumber.ts';
import { markdownTable } from '../format/markdownTable.ts';
import { referenceLine, type RateRow } from '../format/rateFigure.ts';
import { ASYMPTOTIC_B, EXPONENT_TOLERANCE, fitRate, type RateFit } from './theorem4Sweep.ts';
import type { Criterion } from '../verdict/Criterion.ts';
import { anyOfEach, atMost } from '../verdict/criteria.ts';

type Moments = SweepCell['points'][number]['moments'];

/** A fitted rate per sweep cell, judged against a claimed exponent. */
export interface CellRate {
  readonly cell: SweepCell;
  readonly rate: RateFit;
  /** slope ≤ claimed + tolerance; undefined when the value is at the numerical floor or too few points. */
  readonly withinClaim: boolean | undefined;
}

export function rateByCell(
  cells: readonly SweepCell[],
  value: (m: Moments) => number,
  error: (m: Moments) => number,
  claimed: number,
): CellRate[] {
  return cells.map((cell) => {
    const rate = fitRate(cell, value, error);
    return {
      cell,
      rate,
      withinClaim: rate.fit === undefined ? undefined : rate.fit.slope <= claimed + EXPONENT_TOLERANCE,
    };
  });
}

/** Names the hypotheses a family breaks, for the report's survival table. */
export function brokenHypotheses(family: NoiseFamily): string {
  const broken: string[] = [];
  if (!family.hypotheses.symmetric) broken.push('symmetry');
  if (!family.hypotheses.h0PrimeBounded) broken.push('h0′ bounded');
  if (!family.hypotheses.h0SecondBounded) broken.push('h0″ bounded');
  return broken.length === 0 ? 'none' : broken.join(', ');
}

/** Per family: the range of fitted exponents, their 95% intervals, and how many cells meet the claim. */
export function exponentTable(
  rates: readonly CellRate[],
  families: readonly NoiseFamily[],
  claimedLabel: string,
): string {
  const rows = families.map((family) => {
    const own = rates.filter((r) => r.cell.family === family);
    const fitted = own.filter((r) => r.rate.fit !== undefined);
    const slopes = fitted.map((r) => r.rate.fit!.slope);
    const lows = fitted.map((r) => r.rate.fit!.ci95[0]);
    const highs = fitted.map((r) => r.rate.fit!.ci95[1]);
    const floor = own.filter((r) => r.rate.fit === undefined).length;
    return [
      family.name,
      brokenHypotheses(family),
      slopes.length === 0 ? '—' : `${formatNumber(Math.min(...slopes), 4)} … ${formatNumber(Math.max(...slopes), 4)}`,
      slopes.length === 0 ? '—' : `[${formatNumber(Math.min(...lows), 4)}, ${formatNumber(Math.max(...highs), 4)}]`,
      `${own.filter((r) => r.withinClaim === true).length}/${own.length}`,
      floor === 0 ? '0' : `${floor} (value below 20× its error bound at b ≥ ${ASYMPTOTIC_B})`,
    ];
  });
  return markdownTable(
    [
      'noise',
      'broken hypotheses',
      'fitted exponent (min … max over u)',
      '95% intervals span',
      `cells within ${claimedLabel}`,
      'cells at the numerical floor',
    ],
    rows,
  );
}

/** Figure rows for u = (0, 1, 5): measured |value|, the fitted slope and the claimed slope. */
export function rateRows(
  rates: readonly CellRate[],
  value: (m: Moments) => number,
  claimedSlope: number,
  claimedLabel: string,
  uLabel = 'u = (0, 1, 5)',
): RateRow[] {
  const rows: RateRow[] = [];
  for (const { cell, rate } of rates) {
    if (cell.uLabel !== uLabel) continue;
    const panel = cell.family.name;
    const bs = cell.points.map((p) => p.b);
    for (const { b, moments } of cell.points) {
      const y = Math.abs(value(moments));
      if (y > 0) rows.push({ panel, b, value: y, series: 'measured' });
    }
    const anchor = cell.points.find((p) => p.b === ASYMPTOTIC_B);
    if (anchor !== undefined && Math.abs(value(anchor.moments)) > 0) {
      const asymptotic = bs.filter((b) => b >= ASYMPTOTIC_B / 4);
      rows.push(
        ...referenceLine(
          panel,
          `claimed ${claimedLabel}`,
          asymptotic,
          ASYMPTOTIC_B,
          value(anchor.moments),
          claimedSlope,
        ),
      );
      if (rate.fit !== undefined)
        rows.push(
          ...referenceLine(
            panel,
            'fitted slope (b ≥ 16)',
            asymptotic,
            ASYMPTOTIC_B,
            Math.exp(rate.fit.intercept) * ASYMPTOTIC_B ** rate.fit.slope,
            rate.fit.slope,
          ),
        );
    }
  }
  return rows;
}

/** The claim "exponent ≤ claimed" in one cell (NaN, which fails, where no rate was fitted). */
export const exponentCriterion = (rate: CellRate, claimed: number): Criterion => exponentWithin(rate.rate.fit, claimed);

/** "Fitted exponent ≤ claimed" for any fit (NaN, which fails, where none was fitted). */
export const exponentWithin = (fit: { readonly slope: number } | undefined, claimed: number): Criterion =>
  atMost(fit?.slope ?? Number.NaN, claimed, EXPONENT_TOLERANCE);

/** "Some cell meets exponent ≤ claimed": a control that must fail in every cell states the claim as this. */
export const someCellWithin = (rates: readonly CellRate[], claimed: number): Criterion =>
  anyOfEach(
    rates,
    (rate) => `${rate.cell.family.name}, ${rate.cell.uLabel}`,
    (rate) => exponentCriterion(rate, claimed),
  );
