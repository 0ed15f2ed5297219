// The unrolled kernels of blockKernels.wat, two rows at a time (lane 0: row r, lane 1: row
// r + 1). The median's: for each odd M, the comparator network of medianSelectionNetwork(M)
// written out on v128 locals, so that no comparator loads or stores; the same comparators in the
// same order, with pmin/pmax as medianNetworkPairs applies them: the same bits. The vote's: for
// each M, majorityVotePairs with its loop over the workers written out.
import { medianSelectionNetwork } from '../../src/wasm/medianNetwork.ts';

/** The odd M that get an unrolled median kernel; larger M use the network in memory. */
export const UNROLLED_MEDIAN_M: readonly number[] = [3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25];

/** The M that get an unrolled vote kernel; others use majorityVotePairs. */
export const UNROLLED_VOTE_M: readonly number[] = Array.from({ length: 24 }, (_, k) => k + 2);

/**
 * x64 has 16 vector registers. u_i is splatted once before the row loop when every v128 local of
 * the kernel then fits them (the median: M values, M u's, the scale and a temporary; the vote: M
 * u's, the scale, the value and the counts); beyond, it is loaded in the loop, where spilling the
 * locals would cost more than the loads.
 */
const VECTOR_REGISTERS = 16;

/** The lines that splat u_i into $u<i> before the loop, and the expression for u_i inside it. */
function uLoads(M: number, hoisted: boolean): { locals: string[]; expression: (i: number) => string } {
  const offset = (i: number) => (i === 0 ? '' : ` offset=${8 * i}`);
  if (!hoisted) return { locals: [], expression: (i) => `(v128.load64_splat${offset(i)} (local.get $u))` };
  return {
    locals: [
      `    ${Array.from({ length: M }, (_, i) => `(local $u${i} v128)`).join(' ')}`,
      ...Array.from({ length: M }, (_, i) => `    (local.set $u${i} (v128.load64_splat${offset(i)} (local.get $u)))`),
    ],
    expression: (i) => `(local.get $u${i})`,
  };
}

/** Two values of the previous chunk's deviation pass per turn of the row loop, then the rest after it. */
const DEVIATIONS_STEP = [
  '        (if (i32.lt_u (local.get $previous) (local.get $end))',
  '          (then',
  '            (local.set $d (f64.sub (f64.load (local.get $previous)) (local.get $previousMean)))',
  '            (local.set $m2 (f64.add (local.get $m2) (f64.mul (local.get $d) (local.get $d))))',
  '            (local.set $previous (i32.add (local.get $previous) (i32.const 8)))',
  '            (if (i32.lt_u (local.get $previous) (local.get $end))',
  '              (then',
  '                (local.set $d (f64.sub (f64.load (local.get $previous)) (local.get $previousMean)))',
  '                (local.set $m2 (f64.add (local.get $m2) (f64.mul (local.get $d) (local.get $d))))',
  '                (local.set $previous (i32.add (local.get $previous) (i32.const 8)))))))',
];
const DEVIATIONS_REST = [
  '    (block $deviationsDone',
  '      (loop $deviations',
  '        (br_if $deviationsDone (i32.ge_u (local.get $previous) (local.get $end)))',
  '        (local.set $d (f64.sub (f64.load (local.get $previous)) (local.get $previousMean)))',
  '        (local.set $m2 (f64.add (local.get $m2) (f64.mul (local.get $d) (local.get $d))))',
  '        (local.set $previous (i32.add (local.get $previous) (i32.const 8)))',
  '        (br $deviations)))',
  '    (global.set $previousDeviations (local.get $m2))',
];

/**
 * `medianOf<M>Pairs(draws, reps, u, b, out, previous, previousCount, previousMean)`, exported under
 * that name; returns the sum of the medians in row order. Beside them it runs the previous chunk's
 * deviation pass, Σ (previous[j] − previousMean)² over j < previousCount in order, into the global
 * previousDeviations: a chain bound by the adds' latency, which runs in the shadow of this chunk's
 * work instead of on its own.
 */
function unrolledMedian(M: number): string {
  const network = medianSelectionNetwork(M);
  const u = uLoads(M, 2 * M + 2 <= VECTOR_REGISTERS);
  const lines: string[] = [];
  const locals = Array.from({ length: M }, (_, i) => `(local $v${i} v128)`).join(' ');
  lines.push(`  (func (export "medianOf${M}Pairs")`);
  lines.push('    (param $draws i32) (param $reps i32) (param $u i32) (param $b f64) (param $out i32)');
  lines.push('    (param $previous i32) (param $previousCount i32) (param $previousMean f64) (result f64)');
  lines.push(
    '    (local $r i32) (local $rowA i32) (local $rowB i32) (local $scale v128) (local $low v128) (local $sum f64) (local $at i32)',
  );
  lines.push('    (local $end i32) (local $d f64) (local $m2 f64)');
  lines.push(`    ${locals}`);
  lines.push(...u.locals);
  lines.push('    (local.set $end (i32.add (local.get $previous) (i32.shl (local.get $previousCount) (i32.const 3))))');
  lines.push('    (local.set $scale (f64x2.splat (local.get $b)))');
  lines.push('    (local.set $rowA (local.get $draws))');
  lines.push('    (block $rowsDone');
  lines.push('      (loop $rows');
  lines.push('        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $reps)))');
  lines.push(`        (local.set $rowB (select (i32.add (local.get $rowA) (i32.const ${8 * M})) (local.get $rowA)`);
  lines.push('          (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $reps))))');
  for (let i = 0; i < M; i++) {
    const offset = i === 0 ? '' : ` offset=${8 * i}`;
    lines.push(
      `        (local.set $v${i} (f64x2.add ${u.expression(i)} (f64x2.mul (local.get $scale)` +
        ` (v128.load64_lane${offset} 1 (local.get $rowB) (v128.load64_zero${offset} (local.get $rowA))))))`,
    );
  }
  for (let c = 0; c < network.length; c += 2) {
    const [i, j] = [network[c], network[c + 1]];
    lines.push(`        (local.set $low (f64x2.pmin (local.get $v${i}) (local.get $v${j})))`);
    lines.push(`        (local.set $v${j} (f64x2.pmax (local.get $v${i}) (local.get $v${j})))`);
    lines.push(`        (local.set $v${i} (local.get $low))`);
  }
  const mid = (M - 1) / 2;
  lines.push(...storePairLines(`(local.get $v${mid})`));
  lines.push(...DEVIATIONS_STEP);
  lines.push(`        (local.set $rowA (i32.add (local.get $rowB) (i32.const ${8 * M})))`);
  lines.push('        (local.set $r (i32.add (local.get $r) (i32.const 2)))');
  lines.push('        (br $rows)))');
  lines.push(...DEVIATIONS_REST);
  lines.push('    (local.get $sum))');
  return lines.join('\n');
}

/** Stores the two lanes of `pair` at out[r] and out[r + 1] (when r + 1 < reps) and adds them to $sum, row r's first. */
function storePairLines(pair: string): string[] {
  return [
    '        (local.set $at (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 3))))',
    `        (f64.store (local.get $at) (f64x2.extract_lane 0 ${pair}))`,
    `        (local.set $sum (f64.add (local.get $sum) (f64x2.extract_lane 0 ${pair})))`,
    '        (if (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $reps))',
    `          (then (f64.store offset=8 (local.get $at) (f64x2.extract_lane 1 ${pair}))`,
    `            (local.set $sum (f64.add (local.get $sum) (f64x2.extract_lane 1 ${pair})))))`,
  ];
}

/** `majorityVoteOf<M>Pairs(draws, reps, u, b, out)`; returns the sum of the votes in row order. */
function unrolledVote(M: number): string {
  const u = uLoads(M, M + 4 <= VECTOR_REGISTERS);
  const sign = '(i32.sub (i64.gt_s (local.get $v) (i64.const 0)) (i64.lt_s (local.get $v) (i64.const 0)))';
  const lines = [
    `  (func (export "majorityVoteOf${M}Pairs")`,
    '    (param $draws i32) (param $reps i32) (param $u i32) (param $b f64) (param $out i32) (result f64)',
    '    (local $r i32) (local $rowA i32) (local $rowB i32) (local $scale v128) (local $x v128) (local $votes v128)',
    '    (local $v i64) (local $sum f64) (local $at i32)',
  ];
  lines.push(...u.locals);
  lines.push(
    '    (local.set $scale (f64x2.splat (local.get $b)))',
    '    (local.set $rowA (local.get $draws))',
    '    (block $rowsDone',
    '      (loop $rows',
    '        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $reps)))',
    `        (local.set $rowB (select (i32.add (local.get $rowA) (i32.const ${8 * M})) (local.get $rowA)`,
    '          (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $reps))))',
    '        (local.set $votes (v128.const i64x2 0 0))',
  );
  for (let i = 0; i < M; i++) {
    const offset = i === 0 ? '' : ` offset=${8 * i}`;
    lines.push(
      `        (local.set $x (f64x2.add ${u.expression(i)} (f64x2.mul (local.get $scale)` +
        ` (v128.load64_lane${offset} 1 (local.get $rowB) (v128.load64_zero${offset} (local.get $rowA))))))`,
      '        (local.set $votes (i64x2.add (local.get $votes)',
      '          (i64x2.sub (f64x2.lt (local.get $x) (v128.const f64x2 0 0)) (f64x2.gt (local.get $x) (v128.const f64x2 0 0)))))',
    );
  }
  lines.push(
    '        (local.set $v (i64x2.extract_lane 1 (local.get $votes)))',
    `        (local.set $x (f64x2.splat (f64.convert_i32_s ${sign})))`,
    '        (local.set $v (i64x2.extract_lane 0 (local.get $votes)))',
    `        (local.set $x (f64x2.replace_lane 0 (local.get $x) (f64.convert_i32_s ${sign})))`,
    ...storePairLines('(local.get $x)'),
    `        (local.set $rowA (i32.add (local.get $rowB) (i32.const ${8 * M})))`,
    '        (local.set $r (i32.add (local.get $r) (i32.const 2)))',
    '        (br $rows)))',
    '    (local.get $sum))',
  );
  return lines.join('\n');
}

/** The generated functions: the medians in the order of UNROLLED_MEDIAN_M, then the votes. */
export function unrolledFunctions(): string {
  return [...UNROLLED_MEDIAN_M.map(unrolledMedian), ...UNROLLED_VOTE_M.map(unrolledVote)].join('\n\n');
}
