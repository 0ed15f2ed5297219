// The unrolled median kernels of candidateKernels.wat: for each odd M, the comparator network of
// medianSelectionNetwork(M) written out on v128 locals, two rows at a time (lane 0: row r, lane 1:
// row r + 1), so that no comparator loads or stores. The same comparators in the same order,
// with pmin/pmax as medianNetworkPairs applies them: the same bits.
import { medianSelectionNetwork } from '../../src/wasm/medianNetwork.ts';

/** The odd M that get an unrolled kernel (M = 3 is hand-written; larger M use the network in memory). */
export const UNROLLED_MEDIAN_M: readonly number[] = [5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25];

/** `medianOf<M>Pairs(draws, reps, u, b, out)`, exported under that name; returns the sum of the medians in row order. */
function unrolledMedian(M: number): string {
  const network = medianSelectionNetwork(M);
  const lines: string[] = [];
  const locals = Array.from({ length: M }, (_, i) => `(local $v${i} v128)`).join(' ');
  lines.push(`  (func (export "medianOf${M}Pairs")`);
  lines.push('    (param $draws i32) (param $reps i32) (param $u i32) (param $b f64) (param $out i32) (result f64)');
  lines.push(
    '    (local $r i32) (local $rowA i32) (local $rowB i32) (local $scale v128) (local $low v128) (local $sum f64) (local $at i32)',
  );
  lines.push(`    ${locals}`);
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
      `        (local.set $v${i} (f64x2.add (v128.load64_splat${offset} (local.get $u)) (f64x2.mul (local.get $scale)` +
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
  // Stores the two medians and adds them to the running sum, row r's first.
  const median = `(local.get $v${mid})`;
  lines.push('        (local.set $at (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 3))))');
  lines.push(`        (f64.store (local.get $at) (f64x2.extract_lane 0 ${median}))`);
  lines.push(`        (local.set $sum (f64.add (local.get $sum) (f64x2.extract_lane 0 ${median})))`);
  lines.push('        (if (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $reps))');
  lines.push(`          (then (f64.store offset=8 (local.get $at) (f64x2.extract_lane 1 ${median}))`);
  lines.push(`            (local.set $sum (f64.add (local.get $sum) (f64x2.extract_lane 1 ${median})))))`);
  lines.push(`        (local.set $rowA (i32.add (local.get $rowB) (i32.const ${8 * M})))`);
  lines.push('        (local.set $r (i32.add (local.get $r) (i32.const 2)))');
  lines.push('        (br $rows)))');
  lines.push('    (local.get $sum))');
  return lines.join('\n');
}

/** The generated functions, in the order of UNROLLED_MEDIAN_M. */
export function unrolledMedianFunctions(): string {
  return UNROLLED_MEDIAN_M.map(unrolledMedian).join('\n\n');
}
