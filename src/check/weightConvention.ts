import fc from 'fast-check';
import type { RandomStream } from '../rng/RandomStream.ts';
import type { Dtype } from './dtype.ts';

/** What the FedAvg weights of `medmean check --rule weighted-mean` are, as `--weights` names it. */
export const weightKinds = ['real', 'counts', 'normalized'] as const;
export type WeightKind = (typeof weightKinds)[number];

/**
 * The weights a weighted mean receives: how they are generated and what the aggregator may
 * assume of them. Every kind is checked against Σ w_i·v_i / Σ w_i.
 */
export interface WeightConvention {
  readonly kind: WeightKind;
  /** The convention in words, for the report header. */
  readonly description: string;
  /** One client's weight before `finish`. */
  readonly weight: fc.Arbitrary<number>;
  /** Seeded weights for M clients (before `finish`), for the fixed-input checks. */
  seeded(stream: RandomStream, M: number): number[];
  /** The weights the aggregator receives: the generated ones, or divided by their sum. */
  finish(weights: readonly number[]): number[];
  /** Whether multiplying every weight by one number keeps the weights within the convention. */
  readonly scalable: boolean;
}

/** Example counts of FedAvg clients: small ones (ties, 1) and dataset-sized ones. */
const exampleCount = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 10 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 100_000 }) },
);

/**
 * Positive weights of the dtype across 2^−20 … 100 000: fractions p_k, real-valued importances
 * (up to 2^16) and counts; none larger than the counts', so that w·v stays finite wherever it does
 * for counts.
 */
function realWeight(dtype: Dtype): fc.Arbitrary<number> {
  const within = (low: number, high: number) =>
    fc.double({ min: low, max: high, noNaN: true }).map((w) => Math.min(Math.max(dtype.round(w), low), high));
  return fc.oneof(
    { weight: 2, arbitrary: exampleCount },
    { weight: 3, arbitrary: within(2 ** -20, 1) },
    { weight: 2, arbitrary: within(1, 2 ** 16) },
  );
}

/** Log-uniform over 2^−10 … 2^10, rounded to the dtype: no weight is an integer by accident. */
const seededReal = (dtype: Dtype) => (stream: RandomStream, M: number) =>
  Array.from({ length: M }, () => dtype.round(2 ** (20 * stream.next() - 10)));

const seededCounts = (stream: RandomStream, M: number) =>
  Array.from({ length: M }, () => 1 + Math.floor(stream.next() * 1000));

/** Counts and real weights reach the aggregator as generated (a copy). */
const asGiven = (weights: readonly number[]) => [...weights];

/** The convention `kind` for aggregators computing in `dtype` (generated weights are representable in it). */
export function weightConvention(kind: WeightKind, dtype: Dtype): WeightConvention {
  switch (kind) {
    case 'counts':
      return {
        kind,
        description: 'weights: positive integers (example counts), Σ w_i·v_i / Σ w_i',
        weight: exampleCount,
        seeded: seededCounts,
        finish: asGiven,
        scalable: true,
      };
    case 'real':
      return {
        kind,
        description: 'weights: positive reals (fractions, importances or counts), Σ w_i·v_i / Σ w_i',
        weight: realWeight(dtype),
        seeded: seededReal(dtype),
        finish: asGiven,
        scalable: true,
      };
    case 'normalized':
      return {
        kind,
        description: `weights: positive reals summing to 1 up to rounding (p_i = w_i / Σ w, each rounded to ${dtype.name}), Σ p_i·v_i`,
        weight: realWeight(dtype),
        seeded: seededReal(dtype),
        finish: (weights) => {
          const total = weights.reduce((sum, w) => sum + w, 0);
          return weights.map((w) => dtype.round(w / total));
        },
        scalable: false,
      };
  }
}
