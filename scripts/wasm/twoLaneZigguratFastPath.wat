;; A design measured by scripts/ziggurat-stages.ts, not used by medmean: the ziggurat's fast path
;; on two xoshiro256++ streams at once, in the two lanes of an i64x2 (s0…s3 at state + 0, 16, 32,
;; 48). u = (r >> 12 | the exponent of 2) − 3 ∈ [−1, 1) takes 52 bits (no i64x2 → f64x2 conversion
;; exists); the block lookups stay scalar (no gather). Misses are recorded as in
;; src/wasm/blockKernels.wat's fillNormals, behind a branch taken on about 3% of pairs.
(module
  (memory (export "memory") 8)
  (func (export "zig2") (param $out i32) (param $n i32) (param $state i32) (param $x i32) (param $ratio i32) (param $pending i32) (result i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $t v128) (local $r v128) (local $u v128)
    (local $xs v128) (local $rs v128) (local $k i32) (local $missed i32) (local $b0 i32) (local $b1 i32) (local $mask i32)
    (local.set $s0 (v128.load (local.get $state)))
    (local.set $s1 (v128.load offset=16 (local.get $state)))
    (local.set $s2 (v128.load offset=32 (local.get $state)))
    (local.set $s3 (v128.load offset=48 (local.get $state)))
    (block $done
      (loop $draws
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $t (i64x2.add (local.get $s0) (local.get $s3)))
        (local.set $r (i64x2.add (v128.or (i64x2.shl (local.get $t) (i32.const 23)) (i64x2.shr_u (local.get $t) (i32.const 41))) (local.get $s0)))
        (local.set $t (i64x2.shl (local.get $s1) (i32.const 17)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (v128.or (i64x2.shl (local.get $s3) (i32.const 45)) (i64x2.shr_u (local.get $s3) (i32.const 19))))
        ;; u in [-1, 1): (r >> 12) | exponent of 2, minus 3.
        (local.set $u (f64x2.sub
          (v128.or (i64x2.shr_u (local.get $r) (i32.const 12)) (v128.const i64x2 0x4000000000000000 0x4000000000000000))
          (v128.const f64x2 3 3)))
        (local.set $b0 (i32.shl (i32.and (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $r))) (i32.const 255)) (i32.const 3)))
        (local.set $b1 (i32.shl (i32.and (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $r))) (i32.const 255)) (i32.const 3)))
        (local.set $xs (f64x2.replace_lane 1 (f64x2.splat (f64.load (i32.add (local.get $x) (local.get $b0))))
                         (f64.load (i32.add (local.get $x) (local.get $b1)))))
        (local.set $rs (f64x2.replace_lane 1 (f64x2.splat (f64.load (i32.add (local.get $ratio) (local.get $b0))))
                         (f64.load (i32.add (local.get $ratio) (local.get $b1)))))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))) (f64x2.mul (local.get $u) (local.get $xs)))
        (local.set $mask (i64x2.bitmask (f64x2.lt (f64x2.abs (local.get $u)) (local.get $rs))))
        (if (i32.ne (local.get $mask) (i32.const 3))
          (then
            (if (i32.eqz (i32.and (local.get $mask) (i32.const 1)))
              (then (i32.store (i32.add (local.get $pending) (i32.shl (local.get $missed) (i32.const 2)))
                      (i32.or (i32.shl (local.get $k) (i32.const 8)) (i32.shr_u (local.get $b0) (i32.const 3))))
                    (local.set $missed (i32.add (local.get $missed) (i32.const 1)))))
            (if (i32.eqz (i32.and (local.get $mask) (i32.const 2)))
              (then (i32.store (i32.add (local.get $pending) (i32.shl (local.get $missed) (i32.const 2)))
                      (i32.or (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 8)) (i32.shr_u (local.get $b1) (i32.const 3))))
                    (local.set $missed (i32.add (local.get $missed) (i32.const 1)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br $draws)))
    (v128.store (local.get $state) (local.get $s0))
    (v128.store offset=16 (local.get $state) (local.get $s1))
    (v128.store offset=32 (local.get $state) (local.get $s2))
    (v128.store offset=48 (local.get $state) (local.get $s3))
    (local.get $missed))
)
