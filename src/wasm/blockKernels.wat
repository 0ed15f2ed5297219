;; The Monte Carlo block's kernels (runMonteCarloBlock): Gaussian draws, the noisy median or vote
;; of each row, and the sums of the block's summary, with the bits of the TypeScript references
;; (src/estimators/noisyStatisticKernels.ts, src/distributions/ziggurat.ts; tested).
;; Build: `npm run build:wasm`.
;; Pointers are byte offsets into the exported memory; src/wasm/blockKernels.ts lays it out.
(module
  ;; Math.exp and Math.log of the host: the ziggurat's slow path uses them, as its reference does.
  (import "math" "exp" (func $exp (param f64) (result f64)))
  (import "math" "log" (func $log (param f64) (result f64)))
  (memory (export "memory") 8)

  ;; The ziggurat's tables and generator state, set by `zigguratTables` and `fillNormals`.
  (global $edges (mut i32) (i32.const 0))
  (global $ratios (mut i32) (i32.const 0))
  (global $density (mut i32) (i32.const 0))
  (global $s0 (mut i64) (i64.const 0))
  (global $s1 (mut i64) (i64.const 0))
  (global $s2 (mut i64) (i64.const 0))
  (global $s3 (mut i64) (i64.const 0))
  ;; Σ (previous[j] − previousMean)² of the last fused kernel (see medianOf<M>Pairs).
  (global $previousDeviations (mut f64) (f64.const 0))

  (func (export "previousDeviations") (result f64) (global.get $previousDeviations))

  (func (export "zigguratTables") (param $edges i32) (param $ratios i32) (param $density i32)
    (global.set $edges (local.get $edges))
    (global.set $ratios (local.get $ratios))
    (global.set $density (local.get $density)))

  ;; One xoshiro256++ output from the state in the globals (the slow path's generator).
  (func $next (result i64)
    (local $r i64) (local $t i64)
    (local.set $r (i64.add (i64.rotl (i64.add (global.get $s0) (global.get $s3)) (i64.const 23)) (global.get $s0)))
    (local.set $t (i64.shl (global.get $s1) (i64.const 17)))
    (global.set $s2 (i64.xor (global.get $s2) (global.get $s0)))
    (global.set $s3 (i64.xor (global.get $s3) (global.get $s1)))
    (global.set $s1 (i64.xor (global.get $s1) (global.get $s2)))
    (global.set $s0 (i64.xor (global.get $s0) (global.get $s3)))
    (global.set $s2 (i64.xor (global.get $s2) (local.get $t)))
    (global.set $s3 (i64.rotl (global.get $s3) (i64.const 45)))
    (local.get $r))

  ;; A 53-bit uniform in [0, 1), or 2^-53 in place of 0 (the argument of a logarithm).
  (func $positiveUniform (result f64)
    (local $v f64)
    (local.set $v (f64.mul (f64.convert_i64_u (i64.shr_u (call $next) (i64.const 11))) (f64.const 0x1p-53)))
    (select (local.get $v) (f64.const 0x1p-53) (f64.ne (local.get $v) (f64.const 0))))

  ;; Finishes a draw x = u·X[block] that fell outside its rectangle, as completeDraw in
  ;; src/distributions/ziggurat.ts: the tail beyond R for block 0, the wedge test otherwise, and
  ;; on rejection a whole new draw. The same operations in the same order, so the same bits.
  (func $completeDraw (param $block i32) (param $x f64) (result f64)
    (local $tail f64) (local $y f64) (local $r i64) (local $u f64) (local $low f64)
    (loop $again
      (if (i32.eqz (local.get $block))
        (then
          (loop $tailDraw
            (local.set $tail (f64.div (call $log (call $positiveUniform)) (f64.const 3.6541528853610088)))
            (local.set $y (call $log (call $positiveUniform)))
            (br_if $tailDraw (f64.lt (f64.mul (f64.const -2) (local.get $y)) (f64.mul (local.get $tail) (local.get $tail)))))
          (return (select
            (f64.sub (local.get $tail) (f64.const 3.6541528853610088))
            (f64.sub (f64.const 3.6541528853610088) (local.get $tail))
            (f64.lt (local.get $x) (f64.const 0))))))
      (local.set $low (f64.load offset=8 (i32.add (global.get $density) (i32.shl (local.get $block) (i32.const 3)))))
      (if (f64.lt
            (f64.add (local.get $low)
              (f64.mul
                (f64.mul (f64.convert_i64_u (i64.shr_u (call $next) (i64.const 11))) (f64.const 0x1p-53))
                (f64.sub (f64.load (i32.add (global.get $density) (i32.shl (local.get $block) (i32.const 3)))) (local.get $low))))
            (call $exp (f64.mul (f64.mul (f64.const -0.5) (local.get $x)) (local.get $x))))
        (then (return (local.get $x))))
      (local.set $r (call $next))
      (local.set $u (f64.mul (f64.convert_i64_s (i64.shr_s (local.get $r) (i64.const 11))) (f64.const 0x1p-52)))
      (local.set $block (i32.and (i32.wrap_i64 (local.get $r)) (i32.const 255)))
      (local.set $x (f64.mul (local.get $u) (f64.load (i32.add (global.get $edges) (i32.shl (local.get $block) (i32.const 3))))))
      (if (f64.lt (f64.abs (local.get $u)) (f64.load (i32.add (global.get $ratios) (i32.shl (local.get $block) (i32.const 3)))))
        (then (return (local.get $x))))
      (br $again))
    (unreachable))

  ;; `n` standard normal draws into `out`, from the xoshiro256++ state at `state` (4 × i64, read
  ;; and written back), as fillStandardNormalZiggurat: windows of 1024 draws on the fast path,
  ;; each followed by its misses (recorded in `pending`) in order, every one finished here. The
  ;; fast path steps the generator on locals (the step of $next written out again: globals in the
  ;; hot loop would be loaded and stored on every draw) and hands it to the globals for the misses.
  (func (export "fillNormals") (param $out i32) (param $n i32) (param $state i32) (param $pending i32)
    (local $s0 i64) (local $s1 i64) (local $s2 i64) (local $s3 i64) (local $t i64) (local $r i64)
    (local $start i32) (local $end i32) (local $k i32) (local $missed i32) (local $j i32) (local $entry i32)
    (local $block i32) (local $u f64) (local $at i32) (local $edges i32) (local $ratios i32) (local $offset i32)
    (local.set $edges (global.get $edges))
    (local.set $ratios (global.get $ratios))
    (local.set $s0 (i64.load (local.get $state)))
    (local.set $s1 (i64.load offset=8 (local.get $state)))
    (local.set $s2 (i64.load offset=16 (local.get $state)))
    (local.set $s3 (i64.load offset=24 (local.get $state)))
    (block $windowsDone
      (loop $windows
        (br_if $windowsDone (i32.ge_u (local.get $start) (local.get $n)))
        (local.set $end (select (local.get $n) (i32.add (local.get $start) (i32.const 1024))
          (i32.lt_u (i32.sub (local.get $n) (local.get $start)) (i32.const 1024))))
        (local.set $missed (i32.const 0))
        (local.set $k (local.get $start))
        (block $drawsDone
          (loop $draws
            (br_if $drawsDone (i32.ge_u (local.get $k) (local.get $end)))
            (local.set $r (i64.add (i64.rotl (i64.add (local.get $s0) (local.get $s3)) (i64.const 23)) (local.get $s0)))
            (local.set $t (i64.shl (local.get $s1) (i64.const 17)))
            (local.set $s2 (i64.xor (local.get $s2) (local.get $s0)))
            (local.set $s3 (i64.xor (local.get $s3) (local.get $s1)))
            (local.set $s1 (i64.xor (local.get $s1) (local.get $s2)))
            (local.set $s0 (i64.xor (local.get $s0) (local.get $s3)))
            (local.set $s2 (i64.xor (local.get $s2) (local.get $t)))
            (local.set $s3 (i64.rotl (local.get $s3) (i64.const 45)))
            (local.set $u (f64.mul (f64.convert_i64_s (i64.shr_s (local.get $r) (i64.const 11))) (f64.const 0x1p-52)))
            (local.set $offset (i32.shl (i32.and (i32.wrap_i64 (local.get $r)) (i32.const 255)) (i32.const 3)))
            (f64.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3)))
              (f64.mul (local.get $u) (f64.load (i32.add (local.get $edges) (local.get $offset)))))
            ;; A miss (1.5% of draws) is recorded for the slow path after the window.
            (if (i32.eqz (f64.lt (f64.abs (local.get $u)) (f64.load (i32.add (local.get $ratios) (local.get $offset)))))
              (then
                (i32.store (i32.add (local.get $pending) (i32.shl (local.get $missed) (i32.const 2)))
                  (i32.or (i32.shl (local.get $k) (i32.const 8)) (i32.shr_u (local.get $offset) (i32.const 3))))
                (local.set $missed (i32.add (local.get $missed) (i32.const 1)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $draws)))
        (if (local.get $missed)
          (then
            (global.set $s0 (local.get $s0))
            (global.set $s1 (local.get $s1))
            (global.set $s2 (local.get $s2))
            (global.set $s3 (local.get $s3))
            (local.set $j (i32.const 0))
            (block $missesDone
              (loop $misses
                (br_if $missesDone (i32.ge_u (local.get $j) (local.get $missed)))
                (local.set $entry (i32.load (i32.add (local.get $pending) (i32.shl (local.get $j) (i32.const 2)))))
                (local.set $at (i32.add (local.get $out) (i32.shl (i32.shr_u (local.get $entry) (i32.const 8)) (i32.const 3))))
                (f64.store (local.get $at)
                  (call $completeDraw (i32.and (local.get $entry) (i32.const 255)) (f64.load (local.get $at))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $misses)))
            (local.set $s0 (global.get $s0))
            (local.set $s1 (global.get $s1))
            (local.set $s2 (global.get $s2))
            (local.set $s3 (global.get $s3))))
        (local.set $start (local.get $end))
        (br $windows)))
    (i64.store (local.get $state) (local.get $s0))
    (i64.store offset=8 (local.get $state) (local.get $s1))
    (i64.store offset=16 (local.get $state) (local.get $s2))
    (i64.store offset=24 (local.get $state) (local.get $s3)))

  ;; Σ (values[r] − mean)² over r < n, in row order: the summaries' second pass.
  (func (export "squaredDeviations") (param $values i32) (param $n i32) (param $mean f64) (result f64)
    (local $end i32) (local $d f64) (local $m2 f64)
    (local.set $end (i32.add (local.get $values) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $values) (local.get $end)))
        (local.set $d (f64.sub (f64.load (local.get $values)) (local.get $mean)))
        (local.set $m2 (f64.add (local.get $m2) (f64.mul (local.get $d) (local.get $d))))
        (local.set $values (i32.add (local.get $values) (i32.const 8)))
        (br $rows)))
    (local.get $m2))

  ;; Σ values[r] over r < n, added in row order: the summaries' first pass.
  (func (export "sumInOrder") (param $values i32) (param $n i32) (result f64)
    (local $end i32) (local $sum f64)
    (local.set $end (i32.add (local.get $values) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $values) (local.get $end)))
        (local.set $sum (f64.add (local.get $sum) (f64.load (local.get $values))))
        (local.set $values (i32.add (local.get $values) (i32.const 8)))
        (br $rows)))
    (local.get $sum))

  ;; out[r] = median(u_i + b·ξ_i) for the rows whose median lies in [lo, hi] with at most 32 of
  ;; the row's values there, two rows at a time: one pass takes two values of each row at once
  ;; (one v128 of the row, u_i and u_(i+1) shared), counts those below lo and gathers those in
  ;; [lo, hi] into the row's lane of the gather buffer (each row at its own count, so no branch on
  ;; the data); $sortWindow sorts the larger count rounded up to 4 wires, each lane's unfilled wires
  ;; below it padded with +∞; and the median is the gathered value of rank mid − (count below).
  ;; Every value below lo precedes every gathered one, which precedes every value above hi, so that
  ;; is the median itself. Other rows are listed at `failed` (i32 row indices, ascending) and get 0;
  ;; returns how many.
  (func (export "medianWindowPairs")
    (param $draws i32) (param $reps i32) (param $M i32) (param $u i32) (param $b f64) (param $lo f64)
    (param $hi f64) (param $mid i32) (param $out i32) (param $gather i32)
    (param $failed i32) (result i32)
    (local $r i32) (local $i i32) (local $rowA i32) (local $rowB i32) (local $rowBytes i32) (local $end i32)
    (local $k0 i32) (local $k1 i32) (local $inside i32) (local $rank i32) (local $at i32) (local $count i32)
    (local $wires i32)
    (local $scale v128) (local $low v128) (local $high v128) (local $value v128) (local $below v128)
    (local $pairU v128) (local $pairA v128) (local $pairB v128) (local $lessA v128) (local $lessB v128)
    (local $belowA v128) (local $belowB v128)
    (local.set $rowBytes (i32.shl (local.get $M) (i32.const 3)))
    (local.set $scale (f64x2.splat (local.get $b)))
    (local.set $low (f64x2.splat (local.get $lo)))
    (local.set $high (f64x2.splat (local.get $hi)))
    (local.set $rowA (local.get $draws))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $reps)))
        (local.set $rowB (select (i32.add (local.get $rowA) (local.get $rowBytes)) (local.get $rowA)
          (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $reps))))
        (local.set $k0 (i32.const 0))
        (local.set $k1 (i32.const 0))
        (local.set $i (i32.const 0))
        ;; Two values of each row at a time; compare masks are −1, so the below counts go down.
        (local.set $belowA (v128.const i64x2 0 0))
        (local.set $belowB (v128.const i64x2 0 0))
        (local.set $end (i32.and (local.get $rowBytes) (i32.const -16)))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.ge_u (local.get $i) (local.get $end)))
            (local.set $pairU (v128.load (i32.add (local.get $u) (local.get $i))))
            (local.set $pairA (f64x2.add (local.get $pairU)
              (f64x2.mul (local.get $scale) (v128.load (i32.add (local.get $rowA) (local.get $i))))))
            (local.set $lessA (f64x2.lt (local.get $pairA) (local.get $low)))
            (local.set $belowA (i64x2.add (local.get $belowA) (local.get $lessA)))
            (local.set $inside (i64x2.bitmask (v128.andnot (f64x2.le (local.get $pairA) (local.get $high)) (local.get $lessA))))
            (f64.store (i32.add (local.get $gather) (i32.shl (local.get $k0) (i32.const 4)))
              (f64x2.extract_lane 0 (local.get $pairA)))
            (local.set $k0 (i32.add (local.get $k0) (i32.and (local.get $inside) (i32.const 1))))
            (f64.store (i32.add (local.get $gather) (i32.shl (local.get $k0) (i32.const 4)))
              (f64x2.extract_lane 1 (local.get $pairA)))
            (local.set $k0 (i32.add (local.get $k0) (i32.shr_u (local.get $inside) (i32.const 1))))
            (local.set $pairB (f64x2.add (local.get $pairU)
              (f64x2.mul (local.get $scale) (v128.load (i32.add (local.get $rowB) (local.get $i))))))
            (local.set $lessB (f64x2.lt (local.get $pairB) (local.get $low)))
            (local.set $belowB (i64x2.add (local.get $belowB) (local.get $lessB)))
            (local.set $inside (i64x2.bitmask (v128.andnot (f64x2.le (local.get $pairB) (local.get $high)) (local.get $lessB))))
            (f64.store offset=8 (i32.add (local.get $gather) (i32.shl (local.get $k1) (i32.const 4)))
              (f64x2.extract_lane 0 (local.get $pairB)))
            (local.set $k1 (i32.add (local.get $k1) (i32.and (local.get $inside) (i32.const 1))))
            (f64.store offset=8 (i32.add (local.get $gather) (i32.shl (local.get $k1) (i32.const 4)))
              (f64x2.extract_lane 1 (local.get $pairB)))
            (local.set $k1 (i32.add (local.get $k1) (i32.shr_u (local.get $inside) (i32.const 1))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $pairs)))
        ;; Lane 0 of $below counts row A's values below lo, lane 1 row B's.
        (local.set $below (i64x2.add
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $belowA) (local.get $belowB))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $belowA) (local.get $belowB))))
        ;; The last value of an odd M, the two rows in lanes.
        (block $valuesDone
          (loop $values
            (br_if $valuesDone (i32.ge_u (local.get $i) (local.get $rowBytes)))
            (local.set $value (f64x2.add (v128.load64_splat (i32.add (local.get $u) (local.get $i)))
              (f64x2.mul (local.get $scale)
                (v128.load64_lane 1 (i32.add (local.get $rowB) (local.get $i))
                  (v128.load64_zero (i32.add (local.get $rowA) (local.get $i)))))))
            ;; Compare masks are −1: the lanes count down.
            (local.set $below (i64x2.add (local.get $below) (f64x2.lt (local.get $value) (local.get $low))))
            (local.set $inside (i64x2.bitmask (v128.and (f64x2.ge (local.get $value) (local.get $low))
              (f64x2.le (local.get $value) (local.get $high)))))
            (f64.store (i32.add (local.get $gather) (i32.shl (local.get $k0) (i32.const 4)))
              (f64x2.extract_lane 0 (local.get $value)))
            (f64.store offset=8 (i32.add (local.get $gather) (i32.shl (local.get $k1) (i32.const 4)))
              (f64x2.extract_lane 1 (local.get $value)))
            (local.set $k0 (i32.add (local.get $k0) (i32.and (local.get $inside) (i32.const 1))))
            (local.set $k1 (i32.add (local.get $k1) (i32.shr_u (local.get $inside) (i32.const 1))))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $values)))
        ;; The network for the larger count rounded up to 4 wires (at most 32; from 4), and +∞ in
        ;; each lane's unfilled wires below it.
        (local.set $wires (i32.and (i32.add (select (local.get $k0) (local.get $k1) (i32.gt_u (local.get $k0) (local.get $k1)))
          (i32.const 3)) (i32.const -4)))
        (local.set $wires (select (i32.const 32) (local.get $wires) (i32.gt_u (local.get $wires) (i32.const 32))))
        (local.set $wires (select (i32.const 4) (local.get $wires) (i32.eqz (local.get $wires))))
        (local.set $i (local.get $k0))
        (block $padDone0
          (loop $pad0
            (br_if $padDone0 (i32.ge_u (local.get $i) (local.get $wires)))
            (f64.store (i32.add (local.get $gather) (i32.shl (local.get $i) (i32.const 4))) (f64.const inf))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $pad0)))
        (local.set $i (local.get $k1))
        (block $padDone1
          (loop $pad1
            (br_if $padDone1 (i32.ge_u (local.get $i) (local.get $wires)))
            (f64.store offset=8 (i32.add (local.get $gather) (i32.shl (local.get $i) (i32.const 4))) (f64.const inf))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $pad1)))
        (call $sortWindow (local.get $gather) (local.get $wires))
        (local.set $at (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 3))))
        (local.set $rank (i32.add (local.get $mid) (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $below)))))
        (if (i32.and (i32.lt_u (local.get $rank) (local.get $k0)) (i32.le_u (local.get $k0) (i32.const 32)))
          (then (f64.store (local.get $at) (f64.load (i32.add (local.get $gather) (i32.shl (local.get $rank) (i32.const 4))))))
          (else
            (f64.store (local.get $at) (f64.const 0))
            (i32.store (i32.add (local.get $failed) (i32.shl (local.get $count) (i32.const 2))) (local.get $r))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (if (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $reps))
          (then
            (local.set $rank (i32.add (local.get $mid) (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $below)))))
            (if (i32.and (i32.lt_u (local.get $rank) (local.get $k1)) (i32.le_u (local.get $k1) (i32.const 32)))
              (then (f64.store offset=8 (local.get $at)
                (f64.load offset=8 (i32.add (local.get $gather) (i32.shl (local.get $rank) (i32.const 4))))))
              (else
                (f64.store offset=8 (local.get $at) (f64.const 0))
                (i32.store (i32.add (local.get $failed) (i32.shl (local.get $count) (i32.const 2)))
                  (i32.add (local.get $r) (i32.const 1)))
                (local.set $count (i32.add (local.get $count) (i32.const 1)))))))
        (local.set $rowA (i32.add (local.get $rowB) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 2)))
        (br $rows)))
    (local.get $count))

  ;; out[r] = median(u_i + b·ξ_i) for rows of M draws at `draws` (odd M ≤ 255), by the
  ;; comparators of medianSelectionNetwork(M) (src/wasm/medianNetwork.ts) on four rows at a time (lanes of two
  ;; v128: rows r, r + 1 | r + 2, r + 3; rows past `reps` repeat row r and are not stored), the
  ;; comparator offsets at `net` in units of 32 bytes, so that each comparator's offsets are read
  ;; once for four rows. The network leaves the medians at byte offset `mid` of `scratch`. The same comparators in the
  ;; same order on every lane: the same bits. Returns the sum of the medians in row order.
  (func (export "medianNetworkQuads")
    (param $draws i32) (param $reps i32) (param $M i32) (param $u i32) (param $b f64)
    (param $net i32) (param $pairs i32) (param $mid i32) (param $out i32) (param $scratch i32) (result f64)
    (local $rowA i32) (local $rowB i32) (local $rowC i32) (local $rowD i32) (local $r i32) (local $i i32)
    (local $s i32) (local $p i32) (local $end i32) (local $x i32) (local $y i32) (local $rowBytes i32)
    (local $a0 v128) (local $a1 v128) (local $c0 v128) (local $c1 v128) (local $ui v128) (local $scale v128)
    (local $m0 v128) (local $m1 v128) (local $sum f64) (local $at i32)
    (local.set $rowBytes (i32.shl (local.get $M) (i32.const 3)))
    (local.set $end (i32.add (local.get $net) (i32.shl (local.get $pairs) (i32.const 3))))
    (local.set $scale (f64x2.splat (local.get $b)))
    (local.set $rowA (local.get $draws))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $reps)))
        (local.set $rowB (select (i32.add (local.get $rowA) (local.get $rowBytes)) (local.get $rowA)
          (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $reps))))
        (local.set $rowC (select (i32.add (local.get $rowA) (i32.shl (local.get $rowBytes) (i32.const 1))) (local.get $rowA)
          (i32.lt_u (i32.add (local.get $r) (i32.const 2)) (local.get $reps))))
        (local.set $rowD (select (i32.add (local.get $rowA) (i32.mul (local.get $rowBytes) (i32.const 3))) (local.get $rowA)
          (i32.lt_u (i32.add (local.get $r) (i32.const 3)) (local.get $reps))))
        (local.set $i (i32.const 0))
        (local.set $s (local.get $scratch))
        (block $shiftDone
          (loop $shift
            (br_if $shiftDone (i32.ge_u (local.get $i) (local.get $rowBytes)))
            (local.set $ui (v128.load64_splat (i32.add (local.get $u) (local.get $i))))
            (v128.store (local.get $s) (f64x2.add (local.get $ui) (f64x2.mul (local.get $scale)
              (v128.load64_lane 1 (i32.add (local.get $rowB) (local.get $i)) (v128.load64_zero (i32.add (local.get $rowA) (local.get $i)))))))
            (v128.store offset=16 (local.get $s) (f64x2.add (local.get $ui) (f64x2.mul (local.get $scale)
              (v128.load64_lane 1 (i32.add (local.get $rowD) (local.get $i)) (v128.load64_zero (i32.add (local.get $rowC) (local.get $i)))))))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (local.set $s (i32.add (local.get $s) (i32.const 32)))
            (br $shift)))
        (local.set $p (local.get $net))
        (block $netDone
          (loop $compare
            (br_if $netDone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $x (i32.add (local.get $scratch) (i32.load (local.get $p))))
            (local.set $y (i32.add (local.get $scratch) (i32.load offset=4 (local.get $p))))
            (local.set $a0 (v128.load (local.get $x)))
            (local.set $a1 (v128.load offset=16 (local.get $x)))
            (local.set $c0 (v128.load (local.get $y)))
            (local.set $c1 (v128.load offset=16 (local.get $y)))
            (v128.store (local.get $x) (f64x2.pmin (local.get $a0) (local.get $c0)))
            (v128.store offset=16 (local.get $x) (f64x2.pmin (local.get $a1) (local.get $c1)))
            (v128.store (local.get $y) (f64x2.pmax (local.get $a0) (local.get $c0)))
            (v128.store offset=16 (local.get $y) (f64x2.pmax (local.get $a1) (local.get $c1)))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (br $compare)))
        (local.set $m0 (v128.load (i32.add (local.get $scratch) (local.get $mid))))
        (local.set $m1 (v128.load offset=16 (i32.add (local.get $scratch) (local.get $mid))))
        ;; Rows r … r + 3 in order, each stored and added while it is a row.
        (local.set $at (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 3))))
        (f64.store (local.get $at) (f64x2.extract_lane 0 (local.get $m0)))
        (local.set $sum (f64.add (local.get $sum) (f64x2.extract_lane 0 (local.get $m0))))
        (if (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $reps))
          (then
            (f64.store offset=8 (local.get $at) (f64x2.extract_lane 1 (local.get $m0)))
            (local.set $sum (f64.add (local.get $sum) (f64x2.extract_lane 1 (local.get $m0))))))
        (if (i32.lt_u (i32.add (local.get $r) (i32.const 2)) (local.get $reps))
          (then
            (f64.store offset=16 (local.get $at) (f64x2.extract_lane 0 (local.get $m1)))
            (local.set $sum (f64.add (local.get $sum) (f64x2.extract_lane 0 (local.get $m1))))))
        (if (i32.lt_u (i32.add (local.get $r) (i32.const 3)) (local.get $reps))
          (then
            (f64.store offset=24 (local.get $at) (f64x2.extract_lane 1 (local.get $m1)))
            (local.set $sum (f64.add (local.get $sum) (f64x2.extract_lane 1 (local.get $m1))))))
        (local.set $rowA (i32.add (local.get $rowA) (i32.shl (local.get $rowBytes) (i32.const 2))))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $rows)))
    (local.get $sum))

  ;; medianOf<M>Pairs for odd M = 3 … 25 (out[r] = median(u + b·row r), two rows at a time in
  ;; f64x2 lanes, the network of medianSelectionNetwork(M) written out on locals with pmin/pmax;
  ;; the previous chunk's deviation pass beside
  ;; it) and majorityVoteOf<M>Pairs for M = 2 … 25 (majorityVotePairs unrolled), generated by
  ;; scripts/wasm/unrolledKernels.ts; then $sortWindow<w> for w = 4, 8, … 32 and $sortWindow,
  ;; medianWindowPairs's sorting networks on locals, generated by scripts/wasm/windowSortKernels.ts.
  ;; @generated unrolled kernels

  ;; out[r] = sign(Σ_i sign(u_i + b·ξ_i)) as majorityVote does, two rows at a time in lanes: each
  ;; lane counts +1 for a positive value and −1 for a negative one (compare masks are −1).
  (func (export "majorityVotePairs")
    (param $draws i32) (param $reps i32) (param $M i32) (param $u i32) (param $b f64) (param $out i32) (result f64)
    (local $r i32) (local $i i32) (local $rowA i32) (local $rowB i32) (local $rowBytes i32)
    (local $scale v128) (local $x v128) (local $votes v128) (local $v i64) (local $sum f64) (local $at i32)
    (local.set $rowBytes (i32.shl (local.get $M) (i32.const 3)))
    (local.set $scale (f64x2.splat (local.get $b)))
    (local.set $rowA (local.get $draws))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $reps)))
        (local.set $rowB (select (i32.add (local.get $rowA) (local.get $rowBytes)) (local.get $rowA)
          (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $reps))))
        (local.set $votes (v128.const i64x2 0 0))
        (local.set $i (i32.const 0))
        (block $valuesDone
          (loop $values
            (br_if $valuesDone (i32.ge_u (local.get $i) (local.get $rowBytes)))
            (local.set $x (f64x2.add (v128.load64_splat (i32.add (local.get $u) (local.get $i)))
              (f64x2.mul (local.get $scale)
                (v128.load64_lane 1 (i32.add (local.get $rowB) (local.get $i))
                  (v128.load64_zero (i32.add (local.get $rowA) (local.get $i)))))))
            (local.set $votes (i64x2.add (local.get $votes)
              (i64x2.sub (f64x2.lt (local.get $x) (v128.const f64x2 0 0)) (f64x2.gt (local.get $x) (v128.const f64x2 0 0)))))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $values)))
        ;; Each lane's vote: the sign of its count.
        (local.set $v (i64x2.extract_lane 1 (local.get $votes)))
        (local.set $x (f64x2.splat
          (f64.convert_i32_s (i32.sub (i64.gt_s (local.get $v) (i64.const 0)) (i64.lt_s (local.get $v) (i64.const 0))))))
        (local.set $v (i64x2.extract_lane 0 (local.get $votes)))
        (local.set $x (f64x2.replace_lane 0 (local.get $x)
          (f64.convert_i32_s (i32.sub (i64.gt_s (local.get $v) (i64.const 0)) (i64.lt_s (local.get $v) (i64.const 0))))))
        (local.set $at (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 3))))
        (f64.store (local.get $at) (f64x2.extract_lane 0 (local.get $x)))
        (local.set $sum (f64.add (local.get $sum) (f64x2.extract_lane 0 (local.get $x))))
        (if (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $reps))
          (then
            (f64.store offset=8 (local.get $at) (f64x2.extract_lane 1 (local.get $x)))
            (local.set $sum (f64.add (local.get $sum) (f64x2.extract_lane 1 (local.get $x))))))
        (local.set $rowA (i32.add (local.get $rowB) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 2)))
        (br $rows)))
    (local.get $sum))
)
