;; The MNIST network's first layer in WebAssembly (SIMD): the forward product and the gradient of
;; W1 over an image's nonzero pixels, two hidden units per f64x2 lane pair. The TypeScript
;; reference is src/problems/twoLayerNetwork.ts; both give the same bits (tested): each lane does
;; the reference's multiply then add, in the reference's order. Build: `npm run build:wasm`.
;; Pointers are byte offsets into the exported memory; src/wasm/networkKernels.ts lays it out.
(module
  (memory (export "memory") 25)

  ;; target[h] += values[j] · matrix[pixels[j], h] for j < n (in order) and h < 128: the hidden
  ;; layer's pre-activations, with `target` holding the biases on entry.
  (func (export "accumulateRows")
    (param $target i32) (param $matrix i32) (param $pixels i32) (param $values i32) (param $n i32)
    (local $j i32) (local $row i32) (local $x v128) (local $h i32)
    (block $pixelsDone
      (loop $pixel
        (br_if $pixelsDone (i32.ge_u (local.get $j) (local.get $n)))
        ;; Row of 128 f64: 1024 bytes.
        (local.set $row (i32.add (local.get $matrix) (i32.shl (i32.load (i32.add (local.get $pixels) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 10))))
        (local.set $x (f64x2.splat (f64.load (i32.add (local.get $values) (i32.shl (local.get $j) (i32.const 3))))))
        (local.set $h (i32.const 0))
        (loop $lanes
          (v128.store (i32.add (local.get $target) (local.get $h))
            (f64x2.add (v128.load (i32.add (local.get $target) (local.get $h)))
                       (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $row) (local.get $h))))))
          (v128.store offset=16 (i32.add (local.get $target) (local.get $h))
            (f64x2.add (v128.load offset=16 (i32.add (local.get $target) (local.get $h)))
                       (f64x2.mul (local.get $x) (v128.load offset=16 (i32.add (local.get $row) (local.get $h))))))
          (local.set $h (i32.add (local.get $h) (i32.const 32)))
          (br_if $lanes (i32.lt_u (local.get $h) (i32.const 1024))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $pixel))))

  ;; matrix[pixels[j], h] += values[j] · source[h] for j < n and h < 128: one image's term of the
  ;; gradient of W1 (`source` is dL/d(pre-activation), 0 where the ReLU is off).
  (func (export "scatterRows")
    (param $matrix i32) (param $source i32) (param $pixels i32) (param $values i32) (param $n i32)
    (local $j i32) (local $row i32) (local $x v128) (local $h i32)
    (block $pixelsDone
      (loop $pixel
        (br_if $pixelsDone (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $row (i32.add (local.get $matrix) (i32.shl (i32.load (i32.add (local.get $pixels) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 10))))
        (local.set $x (f64x2.splat (f64.load (i32.add (local.get $values) (i32.shl (local.get $j) (i32.const 3))))))
        (local.set $h (i32.const 0))
        (loop $lanes
          (v128.store (i32.add (local.get $row) (local.get $h))
            (f64x2.add (v128.load (i32.add (local.get $row) (local.get $h)))
                       (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $source) (local.get $h))))))
          (v128.store offset=16 (i32.add (local.get $row) (local.get $h))
            (f64x2.add (v128.load offset=16 (i32.add (local.get $row) (local.get $h)))
                       (f64x2.mul (local.get $x) (v128.load offset=16 (i32.add (local.get $source) (local.get $h))))))
          (local.set $h (i32.add (local.get $h) (i32.const 32)))
          (br_if $lanes (i32.lt_u (local.get $h) (i32.const 1024))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $pixel))))
)
