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
    (call $gemmColumns (local.get $ap) (local.get $bp) (local.get $cp) (local.get $rowPanels) (local.get $colPanels) (local.get $k)
      (i32.shl (local.get $colPanels) (i32.const 5))))

  ;; gemmColumns(ap, bp, cp, rowPanels, colPanels, k, ldc): gemm over `colPanels` column panels
  ;; (bp: the first of them) of a Cp whose rows are ldc bytes apart (cp: its first column). A
  ;; column slice of a wider product, as the kernel threads run them (threads/pool.ts).
  (func $gemmColumns (export "gemmColumns") (param $ap i32) (param $bp i32) (param $cp i32) (param $rowPanels i32) (param $colPanels i32) (param $k i32) (param $ldc i32)
    (local $q i32) (local $p i32) (local $a i32) (local $b i32) (local $c i32) (local $n i32)
    (local $aStride i32) (local $bStride i32) (local $bPanel i32)
    (local $av v128) (local $b0 v128) (local $b1 v128) (local $s v128)
    (local $c0a v128) (local $c0b v128) (local $c1a v128) (local $c1b v128)
    (local $c2a v128) (local $c2b v128) (local $c3a v128) (local $c3b v128)
    ;; bytes per panel of A and of B
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

;; Packing and write-back for wasm-gemm.ts: the caller copies its operands into this memory with
;; one memcpy each (TypedArray.set), these lay them out as the kernel's panels with vector loads,
;; and copy or add the product back into a dense copy that the caller takes out with one memcpy.

  ;; The smaller of two signed integers.
  (func $min (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (i32.lt_s (local.get $a) (local.get $b))))

  ;; Byte offset of 4-lane block g in panels of 2^l lanes (l = 2 or 3), panels of k steps: panel
  ;; g >> (l − 2) at g·k·4·2^l / 2^(l−2) bytes = (g >> (l−2))·k·2^l·4, lane block (g mod 2^(l−2))·16.
  (func $laneBlock (param $g i32) (param $k i32) (param $lanesLog2 i32) (result i32)
    (local $blocksLog2 i32)
    (local.set $blocksLog2 (i32.sub (local.get $lanesLog2) (i32.const 2)))
    (i32.add
      (i32.mul (i32.shr_u (local.get $g) (local.get $blocksLog2)) (i32.shl (local.get $k) (i32.add (local.get $lanesLog2) (i32.const 2))))
      (i32.shl (i32.and (local.get $g) (i32.sub (i32.shl (i32.const 1) (local.get $blocksLog2)) (i32.const 1))) (i32.const 4))))

  ;; Lanes 0..3 all ones where 4g + lane < vectors, else zero: keeps the valid lanes of block g.
  (func $laneMask (param $g i32) (param $vectors i32) (result v128)
    (i32x4.lt_s (v128.const i32x4 0 1 2 3) (i32x4.splat (i32.sub (local.get $vectors) (i32.shl (local.get $g) (i32.const 2))))))

  ;; packInterleave(dst, src, ld, vectors, k, lanesLog2): `vectors` rows of k floats (row v at
  ;; src + v·ld bytes) as panels of 2^l lanes (l = 2 or 3) at dst: step t of panel p holds column t
  ;; of rows p·2^l .. p·2^l + 2^l − 1, zeros past the last row. The A operand of $gemm from a
  ;; row-major A (4 lanes), the B operand from a B stored N × K (8 lanes). Each 4 × 4 block is
  ;; transposed in registers; rows past the last read the last row and are masked to zero.
  (func (export "packInterleave") (param $dst i32) (param $src i32) (param $ld i32) (param $vectors i32) (param $k i32) (param $lanesLog2 i32)
    (local $groups i32) (local $g i32) (local $step i32) (local $out i32) (local $last i32) (local $k4 i32) (local $t i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $mask v128) (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $step (i32.shl (i32.const 4) (local.get $lanesLog2)))
    ;; 4-row blocks of whole panels: ceil(vectors / 2^l) · 2^(l−2)
    (local.set $groups (i32.shl
      (i32.shr_u (i32.add (local.get $vectors) (i32.sub (i32.shl (i32.const 1) (local.get $lanesLog2)) (i32.const 1))) (local.get $lanesLog2))
      (i32.sub (local.get $lanesLog2) (i32.const 2))))
    (local.set $last (i32.sub (local.get $vectors) (i32.const 1)))
    (local.set $k4 (i32.and (local.get $k) (i32.const -4)))
    (local.set $g (i32.const 0))
    (loop $blocks
      (local.set $out (i32.add (local.get $dst) (call $laneBlock (local.get $g) (local.get $k) (local.get $lanesLog2))))
      (local.set $mask (call $laneMask (local.get $g) (local.get $vectors)))
      (local.set $r0 (i32.add (local.get $src) (i32.mul (call $min (i32.shl (local.get $g) (i32.const 2)) (local.get $last)) (local.get $ld))))
      (local.set $r1 (i32.add (local.get $src) (i32.mul (call $min (i32.add (i32.shl (local.get $g) (i32.const 2)) (i32.const 1)) (local.get $last)) (local.get $ld))))
      (local.set $r2 (i32.add (local.get $src) (i32.mul (call $min (i32.add (i32.shl (local.get $g) (i32.const 2)) (i32.const 2)) (local.get $last)) (local.get $ld))))
      (local.set $r3 (i32.add (local.get $src) (i32.mul (call $min (i32.add (i32.shl (local.get $g) (i32.const 2)) (i32.const 3)) (local.get $last)) (local.get $ld))))
      (local.set $t (i32.const 0))
      ;; four columns at a time: a 4 × 4 transpose
      (block $wholeDone
        (br_if $wholeDone (i32.ge_s (local.get $t) (local.get $k4)))
        (loop $whole
          (local.set $v0 (v128.load (local.get $r0)))
          (local.set $v1 (v128.load (local.get $r1)))
          (local.set $v2 (v128.load (local.get $r2)))
          (local.set $v3 (v128.load (local.get $r3)))
          ;; t0 = r0[0] r1[0] r0[1] r1[1], t1 = r0[2] r1[2] r0[3] r1[3], t2 and t3 the same for r2, r3
          (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v0) (local.get $v1)))
          (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v0) (local.get $v1)))
          (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v2) (local.get $v3)))
          (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v2) (local.get $v3)))
          (v128.store (local.get $out)
            (v128.and (local.get $mask) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2))))
          (local.set $out (i32.add (local.get $out) (local.get $step)))
          (v128.store (local.get $out)
            (v128.and (local.get $mask) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2))))
          (local.set $out (i32.add (local.get $out) (local.get $step)))
          (v128.store (local.get $out)
            (v128.and (local.get $mask) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3))))
          (local.set $out (i32.add (local.get $out) (local.get $step)))
          (v128.store (local.get $out)
            (v128.and (local.get $mask) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3))))
          (local.set $out (i32.add (local.get $out) (local.get $step)))
          (local.set $r0 (i32.add (local.get $r0) (i32.const 16)))
          (local.set $r1 (i32.add (local.get $r1) (i32.const 16)))
          (local.set $r2 (i32.add (local.get $r2) (i32.const 16)))
          (local.set $r3 (i32.add (local.get $r3) (i32.const 16)))
          (br_if $whole (i32.lt_s (local.tee $t (i32.add (local.get $t) (i32.const 4))) (local.get $k4)))))
      ;; the last k mod 4 columns one by one
      (block $tailDone
        (br_if $tailDone (i32.ge_s (local.get $t) (local.get $k)))
        (loop $tail
          (v128.store (local.get $out) (v128.and (local.get $mask)
            (f32x4.replace_lane 3
              (f32x4.replace_lane 2
                (f32x4.replace_lane 1 (f32x4.splat (f32.load (local.get $r0))) (f32.load (local.get $r1)))
                (f32.load (local.get $r2)))
              (f32.load (local.get $r3)))))
          (local.set $out (i32.add (local.get $out) (local.get $step)))
          (local.set $r0 (i32.add (local.get $r0) (i32.const 4)))
          (local.set $r1 (i32.add (local.get $r1) (i32.const 4)))
          (local.set $r2 (i32.add (local.get $r2) (i32.const 4)))
          (local.set $r3 (i32.add (local.get $r3) (i32.const 4)))
          (br_if $tail (i32.lt_s (local.tee $t (i32.add (local.get $t) (i32.const 1))) (local.get $k)))))
      (br_if $blocks (i32.lt_s (local.tee $g (i32.add (local.get $g) (i32.const 1))) (local.get $groups)))))

  ;; packContiguous(dst, src, ld, vectors, k, lanesLog2): k rows of `vectors` floats (row t at
  ;; src + t·ld bytes) as panels of 2^l lanes (l = 2 or 3) at dst: step t of panel p holds floats
  ;; p·2^l .. p·2^l + 2^l − 1 of row t, zeros past `vectors`. The A operand of $gemm from an A
  ;; stored K × M (4 lanes), the B operand from a row-major B (8 lanes). Vector copies; the last
  ;; panel reads up to 2^l − 1 floats past a row (the caller leaves 8 floats of slack after the
  ;; last row), which are masked to zero.
  (func (export "packContiguous") (param $dst i32) (param $src i32) (param $ld i32) (param $vectors i32) (param $k i32) (param $lanesLog2 i32)
    (local $groups i32) (local $g i32) (local $step i32) (local $out i32) (local $in i32) (local $t i32) (local $mask v128)
    (local.set $step (i32.shl (i32.const 4) (local.get $lanesLog2)))
    (local.set $groups (i32.shl
      (i32.shr_u (i32.add (local.get $vectors) (i32.sub (i32.shl (i32.const 1) (local.get $lanesLog2)) (i32.const 1))) (local.get $lanesLog2))
      (i32.sub (local.get $lanesLog2) (i32.const 2))))
    (local.set $g (i32.const 0))
    (loop $blocks
      (local.set $out (i32.add (local.get $dst) (call $laneBlock (local.get $g) (local.get $k) (local.get $lanesLog2))))
      (local.set $mask (call $laneMask (local.get $g) (local.get $vectors)))
      (local.set $in (i32.add (local.get $src) (i32.shl (local.get $g) (i32.const 4))))
      (local.set $t (local.get $k))
      (loop $rows
        (v128.store (local.get $out) (v128.and (local.get $mask) (v128.load (local.get $in))))
        (local.set $out (i32.add (local.get $out) (local.get $step)))
        (local.set $in (i32.add (local.get $in) (local.get $ld)))
        (br_if $rows (local.tee $t (i32.sub (local.get $t) (i32.const 1)))))
      (br_if $blocks (i32.lt_s (local.tee $g (i32.add (local.get $g) (i32.const 1))) (local.get $groups)))))

  ;; unpackRows(dst, src, lds, add, ldAdd, withAdd, rows, n): dst[i·n + j] = src[i·lds + j]
  ;; (+ add[i·ldAdd + j] if withAdd) for i < rows, j < n; strides in bytes. Compacts the padded
  ;; product into a dense matrix (dst may be src: row i is read before it is overwritten, and
  ;; dst <= src), adds a copy of C into it (ldAdd = 4n: C += product), or a bias row (ldAdd = 0).
  (func (export "unpackRows") (param $dst i32) (param $src i32) (param $lds i32) (param $add i32) (param $ldAdd i32) (param $withAdd i32) (param $rows i32) (param $n i32)
    (local $i i32) (local $s i32) (local $a i32) (local $end4 i32) (local $end i32) (local $n4bytes i32)
    (local.set $n4bytes (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $i (i32.const 0))
    (block $done
      (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (loop $rowLoop
        (local.set $s (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $lds))))
        (local.set $a (i32.add (local.get $add) (i32.mul (local.get $i) (local.get $ldAdd))))
        (local.set $end4 (i32.add (local.get $s) (local.get $n4bytes)))
        (local.set $end (i32.add (local.get $s) (i32.shl (local.get $n) (i32.const 2))))
        (if (local.get $withAdd)
          (then
            (block $vDone
              (br_if $vDone (i32.ge_u (local.get $s) (local.get $end4)))
              (loop $v
                (v128.store (local.get $dst) (f32x4.add (v128.load (local.get $s)) (v128.load (local.get $a))))
                (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
                (local.set $a (i32.add (local.get $a) (i32.const 16)))
                (br_if $v (i32.lt_u (local.tee $s (i32.add (local.get $s) (i32.const 16))) (local.get $end4)))))
            (block $sDone
              (br_if $sDone (i32.ge_u (local.get $s) (local.get $end)))
              (loop $sc
                (f32.store (local.get $dst) (f32.add (f32.load (local.get $s)) (f32.load (local.get $a))))
                (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                (local.set $a (i32.add (local.get $a) (i32.const 4)))
                (br_if $sc (i32.lt_u (local.tee $s (i32.add (local.get $s) (i32.const 4))) (local.get $end))))))
          (else
            (block $vDone
              (br_if $vDone (i32.ge_u (local.get $s) (local.get $end4)))
              (loop $v
                (v128.store (local.get $dst) (v128.load (local.get $s)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
                (br_if $v (i32.lt_u (local.tee $s (i32.add (local.get $s) (i32.const 16))) (local.get $end4)))))
            (block $sDone
              (br_if $sDone (i32.ge_u (local.get $s) (local.get $end)))
              (loop $sc
                (f32.store (local.get $dst) (f32.load (local.get $s)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                (br_if $sc (i32.lt_u (local.tee $s (i32.add (local.get $s) (i32.const 4))) (local.get $end)))))))
        (br_if $rowLoop (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $rows))))))

  ;; copyPlanes(dst, ldd, planeD, src, lds, planeS, planes, rows, n, mode, bias): for plane c <
  ;; planes, row i < rows, float j < n, with d = dst + c·planeD + i·ldd and s = src + c·planeS +
  ;; i·lds (all in bytes): mode 0: d[j] = s[j]; 1: d[j] = s[j] + bias[c] (floats at byte offset
  ;; bias); 2: d[j] += s[j]. The convolutions' strided plane copies (wasm-conv.ts): samples into
  ;; zero-padded planes, the product out with the bias, padded gradient planes added into dx.
  (func (export "copyPlanes") (param $dst i32) (param $ldd i32) (param $planeD i32) (param $src i32) (param $lds i32) (param $planeS i32)
    (param $planes i32) (param $rows i32) (param $n i32) (param $mode i32) (param $bias i32)
    (local $c i32) (local $i i32) (local $d i32) (local $s i32) (local $end4 i32) (local $end i32) (local $b f32) (local $bv v128)
    (block $done
      (br_if $done (i32.le_s (local.get $planes) (i32.const 0)))
      (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (local.set $c (i32.const 0))
      (loop $planeLoop
        (if (i32.eq (local.get $mode) (i32.const 1))
          (then (local.set $b (f32.load (i32.add (local.get $bias) (i32.shl (local.get $c) (i32.const 2)))))))
        (local.set $bv (f32x4.splat (local.get $b)))
        (local.set $i (i32.const 0))
        (loop $rowLoop
          (local.set $d (i32.add (i32.add (local.get $dst) (i32.mul (local.get $c) (local.get $planeD))) (i32.mul (local.get $i) (local.get $ldd))))
          (local.set $s (i32.add (i32.add (local.get $src) (i32.mul (local.get $c) (local.get $planeS))) (i32.mul (local.get $i) (local.get $lds))))
          (local.set $end4 (i32.add (local.get $s) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
          (local.set $end (i32.add (local.get $s) (i32.shl (local.get $n) (i32.const 2))))
          (block $vDone
            (br_if $vDone (i32.ge_u (local.get $s) (local.get $end4)))
            (loop $v
              (v128.store (local.get $d)
                (if (result v128) (i32.eqz (local.get $mode))
                  (then (v128.load (local.get $s)))
                  (else (f32x4.add (v128.load (local.get $s))
                    (select (result v128) (local.get $bv) (v128.load (local.get $d)) (i32.eq (local.get $mode) (i32.const 1)))))))
              (local.set $d (i32.add (local.get $d) (i32.const 16)))
              (br_if $v (i32.lt_u (local.tee $s (i32.add (local.get $s) (i32.const 16))) (local.get $end4)))))
          (block $sDone
            (br_if $sDone (i32.ge_u (local.get $s) (local.get $end)))
            (loop $sc
              (f32.store (local.get $d)
                (if (result f32) (i32.eqz (local.get $mode))
                  (then (f32.load (local.get $s)))
                  (else (f32.add (f32.load (local.get $s))
                    (select (result f32) (local.get $b) (f32.load (local.get $d)) (i32.eq (local.get $mode) (i32.const 1)))))))
              (local.set $d (i32.add (local.get $d) (i32.const 4)))
              (br_if $sc (i32.lt_u (local.tee $s (i32.add (local.get $s) (i32.const 4))) (local.get $end)))))
          (br_if $rowLoop (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $rows))))
        (br_if $planeLoop (i32.lt_s (local.tee $c (i32.add (local.get $c) (i32.const 1))) (local.get $planes))))))

  ;; maxPool2x2(dst, arg, src, planes, H, W, OH, OW): 2×2 max pooling with stride 2 over `planes`
  ;; planes of H × W floats at src (bytes): y (floats at dst) and, for each output, the float
  ;; index (from src) of its window's winner (i32 at arg), outputs in plane, row, column order.
  ;; The same winner as ops/pool.ts's maxPool2x2Forward: scanning (0,0), (0,1), (1,0), (1,1), a
  ;; value replaces the best so far when it is greater or NaN. Four windows per step, branch free.
  (func (export "maxPool2x2") (param $dst i32) (param $arg i32) (param $src i32) (param $planes i32)
    (param $H i32) (param $W i32) (param $OH i32) (param $OW i32)
    (local $pl i32) (local $oh i32) (local $ow i32) (local $i i32) (local $r0 i32) (local $r1 i32) (local $ow4 i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $x v128)
    (local $m v128) (local $best v128) (local $idx v128) (local $cond v128) (local $wv v128)
    (local $sm f32) (local $sx f32) (local $sbest i32)
    (local.set $ow4 (i32.and (local.get $OW) (i32.const -4)))
    (local.set $wv (i32x4.splat (local.get $W)))
    (block $done
      (br_if $done (i32.le_s (local.get $planes) (i32.const 0)))
      (br_if $done (i32.le_s (local.get $OH) (i32.const 0)))
      (br_if $done (i32.le_s (local.get $OW) (i32.const 0)))
      (local.set $pl (i32.const 0))
      (loop $planeLoop
        (local.set $oh (i32.const 0))
        (loop $rowLoop
          ;; float index of the first window of this output row
          (local.set $i (i32.add (i32.mul (local.get $pl) (i32.mul (local.get $H) (local.get $W)))
            (i32.mul (i32.shl (local.get $oh) (i32.const 1)) (local.get $W))))
          (local.set $r0 (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2))))
          (local.set $r1 (i32.add (local.get $r0) (i32.shl (local.get $W) (i32.const 2))))
          (local.set $ow (i32.const 0))
          (block $vDone
            (br_if $vDone (i32.ge_s (local.get $ow) (local.get $ow4)))
            (loop $v
              (local.set $v0 (v128.load (local.get $r0)))
              (local.set $v1 (v128.load offset=16 (local.get $r0)))
              (local.set $v2 (v128.load (local.get $r1)))
              (local.set $v3 (v128.load offset=16 (local.get $r1)))
              (local.set $idx (i32x4.add (i32x4.splat (local.get $i)) (v128.const i32x4 0 2 4 6)))
              ;; (0,0): even floats of the top row
              (local.set $m (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $v0) (local.get $v1)))
              (local.set $best (local.get $idx))
              ;; (0,1): odd floats of the top row
              (local.set $x (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $v0) (local.get $v1)))
              (local.set $cond (v128.or (f32x4.gt (local.get $x) (local.get $m)) (f32x4.ne (local.get $x) (local.get $x))))
              (local.set $m (v128.bitselect (local.get $x) (local.get $m) (local.get $cond)))
              (local.set $best (v128.bitselect (i32x4.add (local.get $idx) (v128.const i32x4 1 1 1 1)) (local.get $best) (local.get $cond)))
              ;; (1,0): even floats of the bottom row
              (local.set $x (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $v2) (local.get $v3)))
              (local.set $cond (v128.or (f32x4.gt (local.get $x) (local.get $m)) (f32x4.ne (local.get $x) (local.get $x))))
              (local.set $m (v128.bitselect (local.get $x) (local.get $m) (local.get $cond)))
              (local.set $best (v128.bitselect (i32x4.add (local.get $idx) (local.get $wv)) (local.get $best) (local.get $cond)))
              ;; (1,1): odd floats of the bottom row
              (local.set $x (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $v2) (local.get $v3)))
              (local.set $cond (v128.or (f32x4.gt (local.get $x) (local.get $m)) (f32x4.ne (local.get $x) (local.get $x))))
              (local.set $m (v128.bitselect (local.get $x) (local.get $m) (local.get $cond)))
              (local.set $best (v128.bitselect (i32x4.add (i32x4.add (local.get $idx) (local.get $wv)) (v128.const i32x4 1 1 1 1)) (local.get $best) (local.get $cond)))
              (v128.store (local.get $dst) (local.get $m))
              (v128.store (local.get $arg) (local.get $best))
              (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
              (local.set $arg (i32.add (local.get $arg) (i32.const 16)))
              (local.set $r0 (i32.add (local.get $r0) (i32.const 32)))
              (local.set $r1 (i32.add (local.get $r1) (i32.const 32)))
              (local.set $i (i32.add (local.get $i) (i32.const 8)))
              (br_if $v (i32.lt_s (local.tee $ow (i32.add (local.get $ow) (i32.const 4))) (local.get $ow4)))))
          ;; the last OW mod 4 windows one by one
          (block $sDone
            (br_if $sDone (i32.ge_s (local.get $ow) (local.get $OW)))
            (loop $sc
              (local.set $sm (f32.load (local.get $r0)))
              (local.set $sbest (local.get $i))
              (local.set $sx (f32.load offset=4 (local.get $r0)))
              (if (i32.or (f32.gt (local.get $sx) (local.get $sm)) (f32.ne (local.get $sx) (local.get $sx)))
                (then (local.set $sm (local.get $sx)) (local.set $sbest (i32.add (local.get $i) (i32.const 1)))))
              (local.set $sx (f32.load (local.get $r1)))
              (if (i32.or (f32.gt (local.get $sx) (local.get $sm)) (f32.ne (local.get $sx) (local.get $sx)))
                (then (local.set $sm (local.get $sx)) (local.set $sbest (i32.add (local.get $i) (local.get $W)))))
              (local.set $sx (f32.load offset=4 (local.get $r1)))
              (if (i32.or (f32.gt (local.get $sx) (local.get $sm)) (f32.ne (local.get $sx) (local.get $sx)))
                (then (local.set $sm (local.get $sx)) (local.set $sbest (i32.add (i32.add (local.get $i) (local.get $W)) (i32.const 1)))))
              (f32.store (local.get $dst) (local.get $sm))
              (i32.store (local.get $arg) (local.get $sbest))
              (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
              (local.set $arg (i32.add (local.get $arg) (i32.const 4)))
              (local.set $r0 (i32.add (local.get $r0) (i32.const 8)))
              (local.set $r1 (i32.add (local.get $r1) (i32.const 8)))
              (local.set $i (i32.add (local.get $i) (i32.const 2)))
              (br_if $sc (i32.lt_s (local.tee $ow (i32.add (local.get $ow) (i32.const 1))) (local.get $OW)))))
          (br_if $rowLoop (i32.lt_s (local.tee $oh (i32.add (local.get $oh) (i32.const 1))) (local.get $OH))))
        (br_if $planeLoop (i32.lt_s (local.tee $pl (i32.add (local.get $pl) (i32.const 1))) (local.get $planes))))))

  ;; addRowSums(dst, src, rows, n): dst[r] += Σ_j src[r·n + j] for r < rows (float32 at byte offsets
  ;; dst and src). Each sum runs in float64 (two f64x2 accumulators) and is rounded once when added,
  ;; as ops/conv2d.ts's bias gradient does in JS.
  (func (export "addRowSums") (param $dst i32) (param $src i32) (param $rows i32) (param $n i32)
    (local $r i32) (local $end4 i32) (local $end i32) (local $v v128) (local $lo v128) (local $hi v128) (local $s f64)
    (block $done
      (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
      (local.set $r (i32.const 0))
      (loop $rowLoop
        (local.set $end4 (i32.add (local.get $src) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
        (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 2))))
        (local.set $lo (v128.const i64x2 0 0))
        (local.set $hi (v128.const i64x2 0 0))
        (block $vDone
          (br_if $vDone (i32.ge_u (local.get $src) (local.get $end4)))
          (loop $vec
            (local.set $v (v128.load (local.get $src)))
            (local.set $lo (f64x2.add (local.get $lo) (f64x2.promote_low_f32x4 (local.get $v))))
            (local.set $hi (f64x2.add (local.get $hi)
              (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
            (br_if $vec (i32.lt_u (local.tee $src (i32.add (local.get $src) (i32.const 16))) (local.get $end4)))))
        (local.set $lo (f64x2.add (local.get $lo) (local.get $hi)))
        (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $lo)) (f64x2.extract_lane 1 (local.get $lo))))
        (block $sDone
          (br_if $sDone (i32.ge_u (local.get $src) (local.get $end)))
          (loop $sc
            (local.set $s (f64.add (local.get $s) (f64.promote_f32 (f32.load (local.get $src)))))
            (br_if $sc (i32.lt_u (local.tee $src (i32.add (local.get $src) (i32.const 4))) (local.get $end)))))
        (f32.store (local.get $dst) (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load (local.get $dst))) (local.get $s))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
        (br_if $rowLoop (i32.lt_s (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $rows))))))
)
