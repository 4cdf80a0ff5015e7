;; Elementwise loops of the layers with WebAssembly SIMD (f32x4), for wasm-tensor-loops.ts. They
;; run on the memory of a model's arena (wasm-optim.ts), which also holds its activations and their
;; gradients, so a layer's loop reads and writes its tensors in place: no copies in or out.
;; Arguments are byte addresses and element counts. Each loop gives the same float32 numbers as
;; its JS twin in ops/ (only the sign of a zero sum can differ, see reluBackward).
(module
  (import "env" "memory" (memory 1))

  ;; reluForward(x, y, n): y = max(x, 0). WebAssembly's max keeps NaN as NaN and gives +0 for -0,
  ;; as the JS loop does.
  (func (export "reluForward") (param $x i32) (param $y i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (v128.store (local.get $y) (f32x4.max (v128.load (local.get $x)) (v128.const f32x4 0 0 0 0)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $next)))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (f32.store (local.get $y) (f32.max (f32.load (local.get $x)) (f32.const 0)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (br $next))))

  ;; reluBackward(x, dy, dx, n): dx += dy where x > 0 or x is NaN (PyTorch's threshold_backward),
  ;; else dx += 0: dy's bits are masked, so a blocked ±∞ or NaN gradient adds 0, not NaN. (The JS
  ;; loop adds dy·0, a zero with dy's sign: -0 + -0 is -0 there and +0 here.)
  (func (export "reluBackward") (param $x i32) (param $dy i32) (param $dx i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (v128.store (local.get $dx)
          (f32x4.add (v128.load (local.get $dx))
            (v128.andnot (v128.load (local.get $dy)) (f32x4.le (v128.load (local.get $x)) (v128.const f32x4 0 0 0 0)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
        (br $next)))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (if (i32.eqz (f32.le (f32.load (local.get $x)) (f32.const 0)))
          (then (f32.store (local.get $dx) (f32.add (f32.load (local.get $dx)) (f32.load (local.get $dy))))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 4)))
        (br $next))))

  ;; addBiasRows(y, b, rows, n): y[i·n + j] += b[j] for i < rows, j < n.
  (func (export "addBiasRows") (param $y i32) (param $b i32) (param $rows i32) (param $n i32)
    (local $body i32) (local $rowEnd i32) (local $at i32) (local $bias i32)
    (local.set $body (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.eqz (local.get $rows)))
        (local.set $rowEnd (i32.add (local.get $y) (i32.shl (local.get $n) (i32.const 2))))
        (local.set $at (local.get $y))
        (local.set $bias (local.get $b))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $at) (i32.add (local.get $y) (local.get $body))))
            (v128.store (local.get $at) (f32x4.add (v128.load (local.get $at)) (v128.load (local.get $bias))))
            (local.set $at (i32.add (local.get $at) (i32.const 16)))
            (local.set $bias (i32.add (local.get $bias) (i32.const 16)))
            (br $next)))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $at) (local.get $rowEnd)))
            (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (f32.load (local.get $bias))))
            (local.set $at (i32.add (local.get $at) (i32.const 4)))
            (local.set $bias (i32.add (local.get $bias) (i32.const 4)))
            (br $next)))
        (local.set $y (local.get $rowEnd))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $row))))

  ;; addColumnSums(dy, db, rows, n): db[j] += Σ_i dy[i·n + j], each sum in float64 over the rows in
  ;; order and rounded once into db, as the JS loop in ops/dense.ts does. Eight columns at a time
  ;; (four f64x2 sums; each row's eight floats are one 32-byte run), then four, then one.
  (func (export "addColumnSums") (param $dy i32) (param $db i32) (param $rows i32) (param $n i32)
    (local $ld i32) (local $col i32) (local $at i32) (local $i i32) (local $v v128) (local $w v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $s f64)
    (local.set $ld (i32.shl (local.get $n) (i32.const 2)))
    (local.set $col (i32.const 0))
    (block $eightsDone
      (loop $eights
        (br_if $eightsDone (i32.gt_s (i32.add (local.get $col) (i32.const 8)) (local.get $n)))
        (local.set $s0 (v128.const f64x2 0 0)) (local.set $s1 (v128.const f64x2 0 0))
        (local.set $s2 (v128.const f64x2 0 0)) (local.set $s3 (v128.const f64x2 0 0))
        (local.set $at (i32.add (local.get $dy) (i32.shl (local.get $col) (i32.const 2))))
        (local.set $i (local.get $rows))
        (block $done
          (loop $next
            (br_if $done (i32.eqz (local.get $i)))
            (local.set $v (v128.load (local.get $at)))
            (local.set $w (v128.load offset=16 (local.get $at)))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.promote_low_f32x4 (local.get $v))))
            (local.set $s1 (f64x2.add (local.get $s1)
              (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $v) (local.get $v)))))
            (local.set $s2 (f64x2.add (local.get $s2) (f64x2.promote_low_f32x4 (local.get $w))))
            (local.set $s3 (f64x2.add (local.get $s3)
              (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $w) (local.get $w)))))
            (local.set $at (i32.add (local.get $at) (local.get $ld)))
            (local.set $i (i32.sub (local.get $i) (i32.const 1)))
            (br $next)))
        (local.set $at (i32.add (local.get $db) (i32.shl (local.get $col) (i32.const 2))))
        (call $addSums (local.get $at) (local.get $s0) (local.get $s1))
        (call $addSums (i32.add (local.get $at) (i32.const 16)) (local.get $s2) (local.get $s3))
        (local.set $col (i32.add (local.get $col) (i32.const 8)))
        (br $eights)))
    (if (i32.le_s (i32.add (local.get $col) (i32.const 4)) (local.get $n)) (then
      (local.set $s0 (v128.const f64x2 0 0)) (local.set $s1 (v128.const f64x2 0 0))
      (local.set $at (i32.add (local.get $dy) (i32.shl (local.get $col) (i32.const 2))))
      (local.set $i (local.get $rows))
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $i)))
          (local.set $v (v128.load (local.get $at)))
          (local.set $s0 (f64x2.add (local.get $s0) (f64x2.promote_low_f32x4 (local.get $v))))
          (local.set $s1 (f64x2.add (local.get $s1)
            (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $v) (local.get $v)))))
          (local.set $at (i32.add (local.get $at) (local.get $ld)))
          (local.set $i (i32.sub (local.get $i) (i32.const 1)))
          (br $next)))
      (call $addSums (i32.add (local.get $db) (i32.shl (local.get $col) (i32.const 2))) (local.get $s0) (local.get $s1))
      (local.set $col (i32.add (local.get $col) (i32.const 4)))))
    (block $onesDone
      (loop $ones
        (br_if $onesDone (i32.ge_s (local.get $col) (local.get $n)))
        (local.set $s (f64.const 0))
        (local.set $at (i32.add (local.get $dy) (i32.shl (local.get $col) (i32.const 2))))
        (local.set $i (local.get $rows))
        (block $done
          (loop $next
            (br_if $done (i32.eqz (local.get $i)))
            (local.set $s (f64.add (local.get $s) (f64.promote_f32 (f32.load (local.get $at)))))
            (local.set $at (i32.add (local.get $at) (local.get $ld)))
            (local.set $i (i32.sub (local.get $i) (i32.const 1)))
            (br $next)))
        (local.set $at (i32.add (local.get $db) (i32.shl (local.get $col) (i32.const 2))))
        (f32.store (local.get $at) (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load (local.get $at))) (local.get $s))))
        (local.set $col (i32.add (local.get $col) (i32.const 1)))
        (br $ones))))

  ;; The four floats at `at` += the float64 sums (lo: floats 0, 1; hi: floats 2, 3), rounded once.
  (func $addSums (param $at i32) (param $lo v128) (param $hi v128)
    (local $d v128)
    (local.set $d (v128.load (local.get $at)))
    (local.set $lo (f64x2.add (f64x2.promote_low_f32x4 (local.get $d)) (local.get $lo)))
    (local.set $hi (f64x2.add
      (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $d) (local.get $d)))
      (local.get $hi)))
    (v128.store (local.get $at)
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
        (f32x4.demote_f64x2_zero (local.get $lo)) (f32x4.demote_f64x2_zero (local.get $hi)))))

  ;; scatterAdd(dy, arg, dx, n): dx[arg[i]] += dy[i] for i < n (arg: i32 float indices from dx),
  ;; max pooling's backward pass (ops/pool.ts's maxPoolBackward), in the same order.
  (func (export "scatterAdd") (param $dy i32) (param $arg i32) (param $dx i32) (param $n i32)
    (local $end i32) (local $at i32)
    (local.set $end (i32.add (local.get $dy) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $dy) (local.get $end)))
        (local.set $at (i32.add (local.get $dx) (i32.shl (i32.load (local.get $arg)) (i32.const 2))))
        (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (f32.load (local.get $dy))))
        (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
        (local.set $arg (i32.add (local.get $arg) (i32.const 4)))
        (br $next))))

  ;; maxPool2x2(dst, arg, src, planes, H, W, OH, OW): gemm.wat's 2×2 max pooling, here on tensors
  ;; in place (the same source, copied in when the module is assembled).
  ;; include gemm.wat maxPool2x2
)
