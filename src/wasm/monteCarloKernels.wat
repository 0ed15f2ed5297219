;; Hot loops of the Monte Carlo estimators in WebAssembly (SIMD), for runMonteCarloBlock. The
;; TypeScript reference implementation is src/estimators/noisyStatisticKernels.ts; both give the
;; same values (tested). Build: `npm run build:wasm` writes src/wasm/monteCarloKernelsWasm.ts.
;; Pointers are byte offsets into the exported memory; src/wasm/monteCarloKernels.ts lays it out.
(module
  (memory (export "memory") 7)

  ;; out[r] = sign(Σ_i sign(u_i + b·ξ_i)) for each of `reps` rows of M draws at `draws`.
  (func (export "majorityVote")
    (param $draws i32) (param $reps i32) (param $M i32) (param $u i32) (param $b f64) (param $out i32)
    (local $row i32) (local $r i32) (local $i i32) (local $votes i32) (local $x f64) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $M) (i32.const 3)))
    (local.set $row (local.get $draws))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $reps)))
        (local.set $votes (i32.const 0))
        (local.set $i (i32.const 0))
        (block $valuesDone
          (loop $values
            (br_if $valuesDone (i32.ge_u (local.get $i) (local.get $rowBytes)))
            (local.set $x
              (f64.add (f64.load (i32.add (local.get $u) (local.get $i)))
                       (f64.mul (local.get $b) (f64.load (i32.add (local.get $row) (local.get $i))))))
            ;; +1 for a positive value, −1 for a negative one, 0 for zero: no branches.
            (local.set $votes (i32.add (local.get $votes)
              (i32.sub (f64.gt (local.get $x) (f64.const 0)) (f64.lt (local.get $x) (f64.const 0)))))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $values)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 3)))
          (f64.convert_i32_s (i32.sub (i32.gt_s (local.get $votes) (i32.const 0)) (i32.lt_s (local.get $votes) (i32.const 0)))))
        (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))

  ;; out[r] = median(u_i + b·ξ_i) for each of `reps` rows of M draws at `draws`, two rows at a
  ;; time: the shifted rows r and r+1 are interleaved into `scratch` (lane 0: row r, lane 1: row
  ;; r+1), and the comparator network at `net` (`pairs` pairs of byte offsets into `scratch`, in
  ;; units of 16 bytes) runs on f64x2 lanes with pmin/pmax, one instruction each and no branches.
  ;; The network leaves the median at byte offset `mid` of `scratch`. An odd last row is paired
  ;; with itself.
  (func (export "medianNetworkPairs")
    (param $draws i32) (param $reps i32) (param $M i32) (param $u i32) (param $b f64)
    (param $net i32) (param $pairs i32) (param $mid i32) (param $out i32) (param $scratch i32)
    (local $rowA i32) (local $rowB i32) (local $r i32) (local $i i32) (local $s i32) (local $p i32) (local $end i32)
    (local $x i32) (local $y i32) (local $a v128) (local $c v128) (local $rowBytes i32) (local $ui f64) (local $m v128)
    (local.set $rowBytes (i32.shl (local.get $M) (i32.const 3)))
    (local.set $end (i32.add (local.get $net) (i32.shl (local.get $pairs) (i32.const 3))))
    (local.set $rowA (local.get $draws))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $reps)))
        (local.set $rowB (select (i32.add (local.get $rowA) (local.get $rowBytes)) (local.get $rowA)
          (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $reps))))
        (local.set $i (i32.const 0))
        (local.set $s (local.get $scratch))
        (block $shiftDone
          (loop $shift
            (br_if $shiftDone (i32.ge_u (local.get $i) (local.get $rowBytes)))
            (local.set $ui (f64.load (i32.add (local.get $u) (local.get $i))))
            (v128.store (local.get $s)
              (f64x2.replace_lane 1
                (f64x2.splat (f64.add (local.get $ui) (f64.mul (local.get $b) (f64.load (i32.add (local.get $rowA) (local.get $i))))))
                (f64.add (local.get $ui) (f64.mul (local.get $b) (f64.load (i32.add (local.get $rowB) (local.get $i)))))))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (local.set $s (i32.add (local.get $s) (i32.const 16)))
            (br $shift)))
        (local.set $p (local.get $net))
        (block $netDone
          (loop $compare
            (br_if $netDone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $x (i32.add (local.get $scratch) (i32.load (local.get $p))))
            (local.set $y (i32.add (local.get $scratch) (i32.load offset=4 (local.get $p))))
            (local.set $a (v128.load (local.get $x)))
            (local.set $c (v128.load (local.get $y)))
            (v128.store (local.get $x) (f64x2.pmin (local.get $a) (local.get $c)))
            (v128.store (local.get $y) (f64x2.pmax (local.get $a) (local.get $c)))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (br $compare)))
        (local.set $m (v128.load (i32.add (local.get $scratch) (local.get $mid))))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 3))) (f64x2.extract_lane 0 (local.get $m)))
        (if (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $reps))
          (then (f64.store offset=8 (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 3))) (f64x2.extract_lane 1 (local.get $m)))))
        (local.set $rowA (i32.add (local.get $rowB) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 2)))
        (br $rows))))

  ;; The ziggurat's fast path (src/distributions/ziggurat.ts has the method and the reference
  ;; implementation): `n` draws into `out`, one xoshiro256++ output r each, from the state at
  ;; `state` (4 × i64, read and written back): u = (r >> 11)·2^-52 ∈ [−1, 1) (signed), block
  ;; r & 255. A draw outside its block's rectangle is recorded in `pending` as
  ;; (position << 8) | block, for the caller to finish; returns how many were. Every operation
  ;; is the reference's, so the values are the same bits.
  (func (export "zigguratWindow")
    (param $out i32) (param $n i32) (param $state i32) (param $x i32) (param $ratio i32) (param $pending i32) (result i32)
    (local $s0 i64) (local $s1 i64) (local $s2 i64) (local $s3 i64) (local $t i64) (local $r i64)
    (local $k i32) (local $missed i32) (local $block i32) (local $u f64)
    (local.set $s0 (i64.load (local.get $state)))
    (local.set $s1 (i64.load offset=8 (local.get $state)))
    (local.set $s2 (i64.load offset=16 (local.get $state)))
    (local.set $s3 (i64.load offset=24 (local.get $state)))
    (block $done
      (loop $draws
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        ;; xoshiro256++: r = rotl(s0 + s3, 23) + s0, then the state update.
        (local.set $r (i64.add (i64.rotl (i64.add (local.get $s0) (local.get $s3)) (i64.const 23)) (local.get $s0)))
        (local.set $t (i64.shl (local.get $s1) (i64.const 17)))
        (local.set $s2 (i64.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (i64.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i64.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (i64.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (i64.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (i64.rotl (local.get $s3) (i64.const 45)))
        (local.set $u (f64.mul (f64.convert_i64_s (i64.shr_s (local.get $r) (i64.const 11))) (f64.const 0x1p-52)))
        (local.set $block (i32.and (i32.wrap_i64 (local.get $r)) (i32.const 255)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3)))
          (f64.mul (local.get $u) (f64.load (i32.add (local.get $x) (i32.shl (local.get $block) (i32.const 3))))))
        ;; Recorded always, counted only on a miss: no branch.
        (i32.store (i32.add (local.get $pending) (i32.shl (local.get $missed) (i32.const 2)))
          (i32.or (i32.shl (local.get $k) (i32.const 8)) (local.get $block)))
        (local.set $missed (i32.add (local.get $missed)
          (i32.eqz (f64.lt (f64.abs (local.get $u)) (f64.load (i32.add (local.get $ratio) (i32.shl (local.get $block) (i32.const 3))))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $draws)))
    (i64.store (local.get $state) (local.get $s0))
    (i64.store offset=8 (local.get $state) (local.get $s1))
    (i64.store offset=16 (local.get $state) (local.get $s2))
    (i64.store offset=24 (local.get $state) (local.get $s3))
    (local.get $missed))
)
