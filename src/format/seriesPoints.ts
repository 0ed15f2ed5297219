/**
 * Turns a per-iteration series into plot rows {t, value, series}, keeping at most `maxPoints`
 * evenly spaced iterations (always the first and the last) so that figures stay small.
 */
export function seriesPoints(
  series: string,
  values: ArrayLike<number>,
  maxPoints = 300,
  valueField = 'value',
): Array<Record<string, number | string>> {
  const n = values.length;
  const stride = Math.max(1, Math.ceil(n / maxPoints));
  const rows: Array<Record<string, number | string>> = [];
  for (let t = 0; t < n; t += stride) rows.push({ t, [valueField]: values[t], series });
  if ((n - 1) % stride !== 0) rows.push({ t: n - 1, [valueField]: values[n - 1], series });
  return rows;
}
