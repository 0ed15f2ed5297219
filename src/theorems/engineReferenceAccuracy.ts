import { readFileSync } from 'node:fs';
import path from 'node:path';
import { noisyMedianMoments } from '../estimators/noisyMedianMoments.ts';
import { packageRoot } from '../package/packageRoot.ts';

interface ReferenceCase {
  readonly noise: string;
  readonly u: number[];
  readonly b: number;
  readonly mean: string;
  readonly variance: string;
}

/**
 * The exact engine against the committed mpmath reference values
 * (data/noisy-median-moments.json, made by scripts/fixtures/noisy-median-moments.py; the package
 * ships it, so that an installed medmean verifies thm4a-bias as a checkout does).
 */
export function engineReferenceAccuracy(): { cases: number; worstRelative: number } {
  const file = path.join(packageRoot, 'data', 'noisy-median-moments.json');
  const { cases } = JSON.parse(readFileSync(file, 'utf8')) as { cases: ReferenceCase[] };
  let worstRelative = 0;
  for (const reference of cases) {
    const result = noisyMedianMoments(reference.u, reference.b, reference.noise);
    worstRelative = Math.max(
      worstRelative,
      Math.abs(result.mean - Number(reference.mean)) / Math.abs(Number(reference.mean)),
      Math.abs(result.variance - Number(reference.variance)) / Number(reference.variance),
    );
  }
  return { cases: 2 * cases.length, worstRelative };
}
