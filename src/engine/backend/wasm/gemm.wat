;; Single-precision GEMM micro-kernel with WebAssembly SIMD (f32x4), for wasm-gemm.ts.
;;
;; Operands are packed by the caller into this module's memory:
;;   Ap: M/4 row panels,    each K steps of 4 floats  (rows 4p..4p+3 of op(A), column k)
;;   Bp: N/8 column panels, each K steps of 8 floats  (row k of op(B), columns 8q..8q+7)
;;   Cp: (M/4·4) × (N/8·8) floats, row-major, written (not accumulated) by $gemm.
;; Each 4×8 block of Cp is kept in eight f32x4 accumulators over all K steps: per step one
;; 4-float load of A, two 4-float loads of B, four lane broadcasts and 8 multiply-adds of 4 lanes.
;; Sums are in float32, as in BLAS and PyTorch.
(module
  (memory (export "memory") 1)

  ;; gemm(ap, bp, cp, rowPanels, colPanels, k): byte offsets, panel counts, depth (k >= 1).
  (func (export "gemm") (param $ap i32) (param $bp i32) (param $cp i32) (param $rowPanels i32) (param $colPanels i32) (param $k i32)
    (local $q i32) (local $p i32) (local $a i32) (local $b i32) (local $c i32) (local $n i32)
    (local $ldc i32) (local $aStride i32) (local $bStride i32) (local $bPanel i32)
    (local $av v128) (local $b0 v128) (local $b1 v128) (local $s v128)
    (local $c0a v128) (local $c0b v128) (local $c1a v128) (local $c1b v128)
    (local $c2a v128) (local $c2b v128) (local $c3a v128) (local $c3b v128)
    ;; row stride of Cp in bytes, and bytes per panel of A and of B
    (local.set $ldc (i32.shl (local.get $colPanels) (i32.const 5)))
    (local.set $aStride (i32.shl (local.get $k) (i32.const 4)))
    (local.set $bStride (i32.shl (local.get $k) (i32.const 5)))
    (local.set $q (i32.const 0))
    (loop $columns
      (local.set $bPanel (i32.add (local.get $bp) (i32.mul (local.get $q) (local.get $bStride))))
      (local.set $p (i32.const 0))
      (loop $rows
        (local.set $a (i32.add (local.get $ap) (i32.mul (local.get $p) (local.get $aStride))))
        (local.set $b (local.get $bPanel))
        (local.set $c0a (v128.const i32x4 0 0 0 0)) (local.set $c0b (v128.const i32x4 0 0 0 0))
        (local.set $c1a (v128.const i32x4 0 0 0 0)) (local.set $c1b (v128.const i32x4 0 0 0 0))
        (local.set $c2a (v128.const i32x4 0 0 0 0)) (local.set $c2b (v128.const i32x4 0 0 0 0))
        (local.set $c3a (v128.const i32x4 0 0 0 0)) (local.set $c3b (v128.const i32x4 0 0 0 0))
        (local.set $n (local.get $k))
        (loop $depth
          (local.set $av (v128.load (local.get $a)))
          (local.set $b0 (v128.load (local.get $b)))
          (local.set $b1 (v128.load offset=16 (local.get $b)))
          (local.set $s (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $av) (local.get $av)))
          (local.set $c0a (f32x4.add (local.get $c0a) (f32x4.mul (local.get $s) (local.get $b0))))
          (local.set $c0b (f32x4.add (local.get $c0b) (f32x4.mul (local.get $s) (local.get $b1))))
          (local.set $s (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $av) (local.get $av)))
          (local.set $c1a (f32x4.add (local.get $c1a) (f32x4.mul (local.get $s) (local.get $b0))))
          (local.set $c1b (f32x4.add (local.get $c1b) (f32x4.mul (local.get $s) (local.get $b1))))
          (local.set $s (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $av) (local.get $av)))
          (local.set $c2a (f32x4.add (local.get $c2a) (f32x4.mul (local.get $s) (local.get $b0))))
          (local.set $c2b (f32x4.add (local.get $c2b) (f32x4.mul (local.get $s) (local.get $b1))))
          (local.set $s (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $av) (local.get $av)))
          (local.set $c3a (f32x4.add (local.get $c3a) (f32x4.mul (local.get $s) (local.get $b0))))
          (local.set $c3b (f32x4.add (local.get $c3b) (f32x4.mul (local.get $s) (local.get $b1))))
          (local.set $a (i32.add (local.get $a) (i32.const 16)))
          (local.set $b (i32.add (local.get $b) (i32.const 32)))
          (br_if $depth (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        ;; store the 4×8 block at row 4p, column 8q of Cp
        (local.set $c (i32.add (local.get $cp)
          (i32.add (i32.mul (i32.shl (local.get $p) (i32.const 2)) (local.get $ldc)) (i32.shl (local.get $q) (i32.const 5)))))
        (v128.store (local.get $c) (local.get $c0a)) (v128.store offset=16 (local.get $c) (local.get $c0b))
        (local.set $c (i32.add (local.get $c) (local.get $ldc)))
        (v128.store (local.get $c) (local.get $c1a)) (v128.store offset=16 (local.get $c) (local.get $c1b))
        (local.set $c (i32.add (local.get $c) (local.get $ldc)))
        (v128.store (local.get $c) (local.get $c2a)) (v128.store offset=16 (local.get $c) (local.get $c2b))
        (local.set $c (i32.add (local.get $c) (local.get $ldc)))
        (v128.store (local.get $c) (local.get $c3a)) (v128.store offset=16 (local.get $c) (local.get $c3b))
        (br_if $rows (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $rowPanels))))
      (br_if $columns (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 1))) (local.get $colPanels)))))
;; Stride-1 convolutions over a zero-padded input plane set (wasm-conv.ts). With output positions
;; counted over the padded width (p = oh·Wp + ow, the columns ow >= OW computed and discarded),
;; row t of the column matrix is one contiguous run of the padded input, starting at the tap's
;; offset tab[t] (bytes): im2col becomes a vector copy, and col2im a vector add.

  ;; packTapRows(bp, xp, tab, k, colPanels): the column matrix as 8-position panels at bp
  ;; (panel q, row t = the 8 floats at xp + tab[t] + 32q), the B operand of $gemm.
  (func (export "packTapRows") (param $bp i32) (param $xp i32) (param $tab i32) (param $k i32) (param $colPanels i32)
    (local $q i32) (local $t i32) (local $src i32)
    (local.set $q (i32.const 0))
    (loop $panels
      (local.set $t (i32.const 0))
      (loop $taps
        (local.set $src (i32.add (local.get $xp) (i32.load (i32.add (local.get $tab) (i32.shl (local.get $t) (i32.const 2))))))
        (v128.store (local.get $bp) (v128.load (local.get $src)))
        (v128.store offset=16 (local.get $bp) (v128.load offset=16 (local.get $src)))
        (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
        (br_if $taps (i32.lt_u (local.tee $t (i32.add (local.get $t) (i32.const 1))) (local.get $k))))
      (local.set $xp (i32.add (local.get $xp) (i32.const 32)))
      (br_if $panels (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 1))) (local.get $colPanels)))))

  ;; packTapColumns(bp, xp, tab, k, n, lanesLog2): runs of n floats (run t at xp + tab[t]) as
  ;; interleaved panels of 2^lanesLog2 runs at bp: position p of run t goes to lane t mod 2^l of
  ;; panel t >> l, step p. With 8 lanes: the transposed column matrix as 8-tap panels (the B
  ;; operand of dy·colsᵀ); with 4 lanes: rows as the A operand of $gemm. Lanes past k are left
  ;; alone (the caller zeroes them).
  (func (export "packTapColumns") (param $bp i32) (param $xp i32) (param $tab i32) (param $k i32) (param $n i32) (param $lanesLog2 i32)
    (local $t i32) (local $src i32) (local $dst i32) (local $end i32) (local $step i32)
    ;; bytes per step of a panel: 4 · 2^l
    (local.set $step (i32.shl (i32.const 4) (local.get $lanesLog2)))
    (local.set $t (i32.const 0))
    (loop $taps
      ;; lane t mod 2^l of panel t >> l (panels of n·step bytes)
      (local.set $dst (i32.add (i32.add (local.get $bp)
        (i32.mul (i32.shr_u (local.get $t) (local.get $lanesLog2)) (i32.mul (local.get $n) (local.get $step))))
        (i32.shl (i32.and (local.get $t) (i32.sub (i32.shl (i32.const 1) (local.get $lanesLog2)) (i32.const 1))) (i32.const 2))))
      (local.set $src (i32.add (local.get $xp) (i32.load (i32.add (local.get $tab) (i32.shl (local.get $t) (i32.const 2))))))
      (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 2))))
      (loop $positions
        (f32.store (local.get $dst) (f32.load (local.get $src)))
        (local.set $dst (i32.add (local.get $dst) (local.get $step)))
        (br_if $positions (i32.lt_u (local.tee $src (i32.add (local.get $src) (i32.const 4))) (local.get $end))))
      (br_if $taps (i32.lt_u (local.tee $t (i32.add (local.get $t) (i32.const 1))) (local.get $k)))))

  ;; addTapRows(dxp, cp, ldc, tab, k, n): for each tap t < k, the n floats (n a multiple of 4) of
  ;; row t of a product (cp + t·ldc bytes) are added into dxp + tab[t]: col2im over padded planes.
  (func (export "addTapRows") (param $dxp i32) (param $cp i32) (param $ldc i32) (param $tab i32) (param $k i32) (param $n i32)
    (local $t i32) (local $src i32) (local $dst i32) (local $end i32)
    (local.set $t (i32.const 0))
    (loop $taps
      (local.set $src (i32.add (local.get $cp) (i32.mul (local.get $t) (local.get $ldc))))
      (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 2))))
      (local.set $dst (i32.add (local.get $dxp) (i32.load (i32.add (local.get $tab) (i32.shl (local.get $t) (i32.const 2))))))
      (loop $row
        (v128.store (local.get $dst) (f32x4.add (v128.load (local.get $dst)) (v128.load (local.get $src))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br_if $row (i32.lt_u (local.tee $src (i32.add (local.get $src) (i32.const 16))) (local.get $end))))
      (br_if $taps (i32.lt_u (local.tee $t (i32.add (local.get $t) (i32.const 1))) (local.get $k)))))
)
