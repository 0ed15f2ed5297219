;; Hot loops of the Monte Carlo estimators in WebAssembly (SIMD), for runMonteCarloBlock. The
;; TypeScript reference implementation is src/estimators/noisyStatisticKernels.ts; both give the
;; same values (tested). Build: `npm run build:wasm` writes src/wasm/monteCarloKernelsWasm.ts.
;; Pointers are byte offsets into the exported memory; src/wasm/monteCarloKernels.ts lays it out.
(module
  (memory (export "memory") 5)

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
)
