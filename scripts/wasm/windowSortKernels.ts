// The window selection's sorting networks (medianWindowPairs in src/wasm/blockKernels.wat), written
// out on v128 locals: `$sortWindow<w>(gather)` sorts the w wires at `gather` (one v128 of two
// lanes per wire, 16 bytes apart) by pmin/pmax, and `$sortWindow(gather, wires)` picks the one for
// w = wires. Each comparator is then two instructions on registers (or their spills) instead of two
// offset loads, two value loads and two stores from a table in memory. Sorted values do not depend
// on the network, so the medians are the same bits as any correct sort gives (test/blockKernels.test.ts).

/** Wires of the largest network: the window selects among at most this many values a row. */
export const WINDOW_WIRES = 32;

/** The networks' sizes: the window's count of values is rounded up to a multiple of 4. */
export const WINDOW_SORT_SIZES: readonly number[] = Array.from({ length: WINDOW_WIRES / 4 }, (_, k) => 4 * (k + 1));

/**
 * A sorting network on n = 2^k wires as pairs (i, j), i < j, smaller value to i: Batcher's merge
 * exchange (Knuth, TAOCP vol. 3, §5.2.2, Algorithm M).
 */
export function mergeExchangeNetwork(n: number): number[] {
  const pairs: number[] = [];
  for (let p = n >> 1; p > 0; p >>= 1) {
    for (let q = n >> 1, r = 0, d = p; d > 0; d = q - p, q >>= 1, r = p) {
      for (let i = 0; i + d < n; i++) if ((i & p) === r) pairs.push(i, i + d);
      if (q === p) break;
    }
  }
  return pairs;
}

/**
 * The network on `wires` wires: the merge exchange network on WINDOW_WIRES without the comparators
 * that reach wire `wires` or above (the window pads those wires with +∞, so they would be no-ops).
 */
export function windowSortNetwork(wires: number): number[] {
  const full = mergeExchangeNetwork(WINDOW_WIRES);
  const pairs: number[] = [];
  for (let c = 0; c < full.length; c += 2) if (full[c + 1] < wires) pairs.push(full[c], full[c + 1]);
  return pairs;
}

function windowSort(wires: number): string {
  const network = windowSortNetwork(wires);
  const lines = [`  (func $sortWindow${wires} (param $gather i32)`, '    (local $low v128)'];
  lines.push(`    ${Array.from({ length: wires }, (_, i) => `(local $g${i} v128)`).join(' ')}`);
  for (let i = 0; i < wires; i++) lines.push(`    (local.set $g${i} (v128.load offset=${16 * i} (local.get $gather)))`);
  for (let c = 0; c < network.length; c += 2) {
    const [i, j] = [network[c], network[c + 1]];
    lines.push(`    (local.set $low (f64x2.pmin (local.get $g${i}) (local.get $g${j})))`);
    lines.push(`    (local.set $g${j} (f64x2.pmax (local.get $g${i}) (local.get $g${j})))`);
    lines.push(`    (local.set $g${i} (local.get $low))`);
  }
  for (let i = 0; i < wires; i++)
    lines.push(`    (v128.store offset=${16 * i} (local.get $gather) (local.get $g${i}))`);
  lines.push('  )');
  return lines.join('\n');
}

/** `$sortWindow(gather, wires)`: a br_table on wires / 4 (a multiple of 4 in 4 … WINDOW_WIRES; traps otherwise). */
function windowSortDispatch(): string {
  const lines = ['  (func $sortWindow (param $gather i32) (param $wires i32)'];
  // Leaving block $w<k> lands on the call of $sortWindow<k>; leaving $outside, on the trap.
  for (const w of [...WINDOW_SORT_SIZES].reverse()) lines.push(`    (block $w${w}`);
  lines.push('    (block $outside');
  lines.push(
    `      (br_table $outside ${WINDOW_SORT_SIZES.map((w) => `$w${w}`).join(' ')} $outside` +
      ' (i32.shr_u (local.get $wires) (i32.const 2))))',
  );
  lines.push('    unreachable)');
  for (const w of WINDOW_SORT_SIZES.slice(0, -1)) lines.push(`    (call $sortWindow${w} (local.get $gather)) return)`);
  lines.push(`    (call $sortWindow${WINDOW_WIRES} (local.get $gather))`);
  lines.push('  )');
  return lines.join('\n');
}

/** The generated functions: one network per size, then the dispatch. */
export function windowSortFunctions(): string {
  return [...WINDOW_SORT_SIZES.map(windowSort), windowSortDispatch()].join('\n\n');
}
