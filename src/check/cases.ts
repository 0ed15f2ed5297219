import fc from 'fast-check';
import type { AggregationRequest } from './AggregatorUnderTest.ts';
import { largestAtMost, roundWithin } from './dtype.ts';
import { fitRows } from './fitToRange.ts';
import type { Rule } from './rules.ts';

/** One generated input: M rows of length d (plain numbers, so fast-check can shrink and print them), and the weights when the rule has them. */
export interface Case {
  readonly rows: number[][];
  readonly weights?: number[];
}

/** The request a case becomes: rows as typed arrays of the rule's dtype. */
export function toRequest(rule: Rule, testCase: Case): AggregationRequest {
  return { vectors: testCase.rows.map((row) => rule.dtype.array(row)), weights: testCase.weights };
}

/** JSON of a counterexample, −0 kept visible (JSON.stringify writes it as 0): the rows, or {vectors, weights}. */
export function renderCase(value: unknown): string {
  const shown = isCase(value)
    ? value.weights === undefined
      ? value.rows
      : { vectors: value.rows, weights: value.weights }
    : value;
  return JSON.stringify(shown, (_key, v) => (Object.is(v, -0) ? '-0' : v)).replace(/"-0"/g, '-0');
}

function isCase(value: unknown): value is Case {
  return typeof value === 'object' && value !== null && Array.isArray((value as Case).rows);
}

export interface ShapeOptions {
  readonly minM: number;
  readonly maxM: number;
  /** Coordinates per row: from minD (default 1) to maxD. */
  readonly minD?: number;
  readonly maxD: number;
  /** Worker counts spread over minM … maxM, instead of fast-check's bias toward the smallest. */
  readonly spreadM?: boolean;
  readonly entry: fc.Arbitrary<number>;
  readonly parity?: 'odd';
  /**
   * Scale each case by a power of two into the declared range (default). False for a law that
   * fits the case together with a value it adds to it, so that both keep one scale.
   */
  readonly fit?: boolean;
}

/**
 * Cases of M rows of one length d, generated as rows of free length cut to the shortest, so
 * fast-check can shrink a counterexample by dropping workers, dropping coordinates and simplifying
 * values. M starts at the rule's smallest worker count (a trimmed mean keeps one value at least).
 */
export function cases(
  rule: Rule,
  { minM, maxM, minD = 1, maxD, spreadM = false, entry, parity, fit = true }: ShapeOptions,
): fc.Arbitrary<Case> {
  const lowest = Math.max(minM, rule.minWorkers);
  const highest = Math.max(maxM, lowest + 4);
  let rows = fc
    .array(fc.array(entry, { minLength: minD, maxLength: maxD }), {
      minLength: lowest,
      maxLength: highest,
      ...(spreadM ? { size: 'max' as const } : {}),
    })
    .map((matrix) => {
      const d = Math.min(...matrix.map((row) => row.length));
      const cut = matrix.map((row) => row.slice(0, d));
      return fit ? fitRows(cut, rule.maxAbs) : cut;
    });
  if (parity === 'odd') rows = rows.filter((matrix) => matrix.length % 2 === 1);
  const { weights } = rule;
  if (weights === undefined) return rows.map((matrix) => ({ rows: matrix }));
  return fc
    .tuple(rows, fc.array(weights.weight, { minLength: highest, maxLength: highest }))
    .map(([matrix, drawn]) => ({ rows: matrix, weights: weights.finish(drawn.slice(0, matrix.length)) }));
}

/** Values of the rule's dtype across magnitudes up to its range: small integers (ties), moderate values, ±0, subnormals, normals near the smallest, values up to the largest. */
export function magnitudes(rule: Rule, limit = rule.maxAbs): fc.Arbitrary<number> {
  const { dtype } = rule;
  const within = (x: number) => roundWithin(dtype, x, largestAtMost(dtype, limit));
  const top = largestAtMost(dtype, limit);
  const moderate = Math.min(1000, top);
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -4, max: 4 }).map(within) },
    { weight: 3, arbitrary: fc.double({ min: -moderate, max: moderate, noNaN: true }).map(within) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        0,
        -0,
        dtype.minSubnormal,
        -dtype.minSubnormal,
        3 * dtype.minSubnormal,
        -dtype.minNormal,
        dtype.minNormal,
        top,
        -top,
      ),
    },
    { weight: 2, arbitrary: fc.double({ min: -top, max: top, noNaN: true }).map(within) },
  );
}

/** Multiples of 1/1024 small enough that sums of a dozen of them, shifted or scaled by a power of two, are exact in float32 and float64. */
export const dyadic = fc.integer({ min: -1 << 16, max: 1 << 16 }).map((k) => k / 1024);

/**
 * Small inputs every run sees, not left to generation: one worker, all-zero coordinates (dead
 * units, untouched embedding rows), ±0, ties; and values at the edge of the declared range (even-M
 * medians and means of near-maximal values, (m + m)/2 at odd M), so that an overflow is caught on
 * every seed.
 */
export function edgeCases(rule: Rule): Case[] {
  const small: number[][][] = [
    [[1]],
    [[-0.5, 2]],
    [[1], [2]],
    [[0], [0], [0]],
    [
      [1, -2],
      [3, 0.5],
      [2, 4],
    ],
    [[2], [2], [-1]],
    [[0]],
    [
      [0, 0],
      [0, 0],
    ],
    [
      [0, 1],
      [0, -1],
      [0, 2],
    ],
    [[-0], [0]],
    [[-0], [-0], [-0]],
    [[3], [3], [3], [3]],
    [
      [-1, 0],
      [1, 0],
      [-1, 0],
      [1, 0],
    ],
  ];
  const top = largestAtMost(rule.dtype, rule.maxAbs);
  const half = rule.dtype.round(top / 2);
  const m = rule.minWorkers;
  const repeat = (count: number, row: number[]) => Array.from({ length: count }, () => [...row]);
  const extreme: number[][][] = [
    repeat(2, [top, -top]),
    repeat(3, [top, -top]),
    [[top], [half], [top], [top], [half]],
    repeat(4, [-top]),
    [
      [top, -top],
      [-top, top],
      [top, top],
    ],
    // Opposite extremes at even M: the "overflow-safe" midpoint a + (b − a)/2 overflows in b − a.
    [
      [-top, top],
      [top, -top],
    ],
  ];
  // Where the rule needs more workers than a case has, the same pattern at its smallest worker counts.
  const atLeast = (rows: number[][]) => (rows.length >= m ? [rows] : []);
  const sized =
    m > 1
      ? [
          repeat(m, [0]),
          repeat(m + 1, [1]),
          repeat(m, [top]),
          repeat(m + 1, [-top, top]),
          Array.from({ length: m }, (_, i) => [i - (m >> 1)]),
        ]
      : [];
  const all = [...small, ...sized].flatMap(atLeast).map((rows) => fitRows(rows, rule.maxAbs));
  return [...all, ...extreme.flatMap(atLeast)].map((rows) =>
    rule.weights === undefined
      ? { rows }
      : { rows, weights: rule.weights.finish(rows.map((_, i) => [1, 3, 60_000, 7, 2][i % 5])) },
  );
}
