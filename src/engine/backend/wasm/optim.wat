;; Optimiser updates with WebAssembly SIMD (f32x4), for wasm-optim.ts. The params (values and
;; gradients) and the optimiser's state live in the memory this module imports (one per model,
;; see ParamArena); every export updates one param in place, four elements per vector step.
;;
;; The step's scalars are stored by the caller as float32 at fixed addresses (passing doubles into
;; a call boxes them when V8 does not inline it, and the training step must allocate nothing):
;;     0 lr   4 weightDecay   8 l1   12 momentum   16 1 - dampening
;;    20 beta1 (Adam) or rho (RMSprop)   24 1 - beta1 or 1 - rho   28 beta2   32 1 - beta2
;;    36 epsilon   40 Adam's step size lr/(1 - beta1^t), or Adagrad's decayed rate   44 sqrt(1 - beta2^t)
;; Bytes 64..127 are scratch: a param whose length is not a multiple of 4 has its last 1-3
;; elements copied there (one 16-byte lane block per array), updated as one vector, and copied back.
;;
;; The arithmetic is PyTorch's, in float32, in its order (torch.optim, single-tensor paths):
;; gradient penalties g += wd·p (if wd ≠ 0) and g += l1·sign(p) (if l1 ≠ 0), then the rule.
(module
  (import "env" "memory" (memory 1))

  ;; Scratch blocks of 4 floats for the tail of a param (see above).
  (global $scratch0 i32 (i32.const 64))
  (global $scratch1 i32 (i32.const 80))
  (global $scratch2 i32 (i32.const 96))
  (global $scratch3 i32 (i32.const 112))

  ;; Copies n floats (n < 4) from src to dst.
  (func $copyTail (param $src i32) (param $dst i32) (param $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (f32.store (local.get $dst) (f32.load (local.get $src)))
        (local.set $src (i32.add (local.get $src) (i32.const 4)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next))))

  ;; sign(p) per lane: 1, -1, or 0 (for ±0 and NaN).
  (func $sign (param $p v128) (result v128)
    (f32x4.sub
      (v128.and (f32x4.gt (local.get $p) (v128.const f32x4 0 0 0 0)) (v128.const f32x4 1 1 1 1))
      (v128.and (f32x4.lt (local.get $p) (v128.const f32x4 0 0 0 0)) (v128.const f32x4 1 1 1 1))))

  ;; ---- SGD without momentum: p -= lr·g ---------------------------------------------------------
  (func $sgdRun (param $d i32) (param $g i32) (param $end i32)
    (local $lr v128) (local $wd v128) (local $l1 v128) (local $hasWd i32) (local $hasL1 i32)
    (local $p v128) (local $x v128)
    (local.set $lr (f32x4.splat (f32.load (i32.const 0))))
    (local.set $wd (f32x4.splat (f32.load (i32.const 4))))
    (local.set $l1 (f32x4.splat (f32.load (i32.const 8))))
    (local.set $hasWd (f32.ne (f32.load (i32.const 4)) (f32.const 0)))
    (local.set $hasL1 (f32.ne (f32.load (i32.const 8)) (f32.const 0)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $d) (local.get $end)))
        (local.set $p (v128.load (local.get $d)))
        (local.set $x (v128.load (local.get $g)))
        (if (local.get $hasWd) (then (local.set $x (f32x4.add (local.get $x) (f32x4.mul (local.get $wd) (local.get $p))))))
        (if (local.get $hasL1) (then (local.set $x (f32x4.add (local.get $x) (f32x4.mul (local.get $l1) (call $sign (local.get $p)))))))
        (v128.store (local.get $d) (f32x4.sub (local.get $p) (f32x4.mul (local.get $lr) (local.get $x))))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (br $next))))

  ;; sgd(data, grad, n): byte addresses, element count.
  (func (export "sgd") (param $d i32) (param $g i32) (param $n i32)
    (local $body i32) (local $rest i32)
    (local.set $body (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (call $sgdRun (local.get $d) (local.get $g) (i32.add (local.get $d) (local.get $body)))
    (local.set $rest (i32.and (local.get $n) (i32.const 3)))
    (if (local.get $rest) (then
      (local.set $d (i32.add (local.get $d) (local.get $body)))
      (local.set $g (i32.add (local.get $g) (local.get $body)))
      (call $copyTail (local.get $d) (global.get $scratch0) (local.get $rest))
      (call $copyTail (local.get $g) (global.get $scratch1) (local.get $rest))
      (call $sgdRun (global.get $scratch0) (global.get $scratch1) (i32.add (global.get $scratch0) (i32.const 16)))
      (call $copyTail (global.get $scratch0) (local.get $d) (local.get $rest)))))

  ;; ---- SGD with momentum: buf = first ? g : mu·buf + (1 - dampening)·g; p -= lr·(nesterov ? g + mu·buf : buf)
  (func $momentumRun (param $d i32) (param $g i32) (param $b i32) (param $end i32) (param $first i32) (param $nesterov i32)
    (local $lr v128) (local $wd v128) (local $l1 v128) (local $hasWd i32) (local $hasL1 i32)
    (local $mu v128) (local $keep v128)
    (local $p v128) (local $x v128) (local $buf v128)
    (local.set $lr (f32x4.splat (f32.load (i32.const 0))))
    (local.set $wd (f32x4.splat (f32.load (i32.const 4))))
    (local.set $l1 (f32x4.splat (f32.load (i32.const 8))))
    (local.set $hasWd (f32.ne (f32.load (i32.const 4)) (f32.const 0)))
    (local.set $hasL1 (f32.ne (f32.load (i32.const 8)) (f32.const 0)))
    (local.set $mu (f32x4.splat (f32.load (i32.const 12))))
    (local.set $keep (f32x4.splat (f32.load (i32.const 16))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $d) (local.get $end)))
        (local.set $p (v128.load (local.get $d)))
        (local.set $x (v128.load (local.get $g)))
        (if (local.get $hasWd) (then (local.set $x (f32x4.add (local.get $x) (f32x4.mul (local.get $wd) (local.get $p))))))
        (if (local.get $hasL1) (then (local.set $x (f32x4.add (local.get $x) (f32x4.mul (local.get $l1) (call $sign (local.get $p)))))))
        (if (local.get $first)
          (then (local.set $buf (local.get $x)))
          (else (local.set $buf (f32x4.add (f32x4.mul (local.get $mu) (v128.load (local.get $b))) (f32x4.mul (local.get $keep) (local.get $x))))))
        (v128.store (local.get $b) (local.get $buf))
        (if (local.get $nesterov)
          (then (local.set $x (f32x4.add (local.get $x) (f32x4.mul (local.get $mu) (local.get $buf)))))
          (else (local.set $x (local.get $buf))))
        (v128.store (local.get $d) (f32x4.sub (local.get $p) (f32x4.mul (local.get $lr) (local.get $x))))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (br $next))))

  ;; sgdMomentum(data, grad, buf, n, first, nesterov): byte addresses, element count, flags (0 or 1).
  (func (export "sgdMomentum") (param $d i32) (param $g i32) (param $b i32) (param $n i32) (param $first i32) (param $nesterov i32)
    (local $body i32) (local $rest i32)
    (local.set $body (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (call $momentumRun (local.get $d) (local.get $g) (local.get $b) (i32.add (local.get $d) (local.get $body)) (local.get $first) (local.get $nesterov))
    (local.set $rest (i32.and (local.get $n) (i32.const 3)))
    (if (local.get $rest) (then
      (local.set $d (i32.add (local.get $d) (local.get $body)))
      (local.set $g (i32.add (local.get $g) (local.get $body)))
      (local.set $b (i32.add (local.get $b) (local.get $body)))
      (call $copyTail (local.get $d) (global.get $scratch0) (local.get $rest))
      (call $copyTail (local.get $g) (global.get $scratch1) (local.get $rest))
      (call $copyTail (local.get $b) (global.get $scratch2) (local.get $rest))
      (call $momentumRun (global.get $scratch0) (global.get $scratch1) (global.get $scratch2)
        (i32.add (global.get $scratch0) (i32.const 16)) (local.get $first) (local.get $nesterov))
      (call $copyTail (global.get $scratch0) (local.get $d) (local.get $rest))
      (call $copyTail (global.get $scratch2) (local.get $b) (local.get $rest)))))

  ;; ---- Adam: m = b1·m + (1-b1)·g; v = b2·v + (1-b2)·g²; p -= stepSize · m / (sqrt(v)/sqrt(bc2) + eps)
  (func $adamRun (param $d i32) (param $g i32) (param $m i32) (param $v i32) (param $end i32)
    (local $wd v128) (local $l1 v128) (local $hasWd i32) (local $hasL1 i32)
    (local $b1 v128) (local $c1 v128) (local $b2 v128) (local $c2 v128) (local $eps v128) (local $step v128) (local $bc2 v128)
    (local $p v128) (local $x v128) (local $mk v128) (local $vk v128)
    (local.set $wd (f32x4.splat (f32.load (i32.const 4))))
    (local.set $l1 (f32x4.splat (f32.load (i32.const 8))))
    (local.set $hasWd (f32.ne (f32.load (i32.const 4)) (f32.const 0)))
    (local.set $hasL1 (f32.ne (f32.load (i32.const 8)) (f32.const 0)))
    (local.set $b1 (f32x4.splat (f32.load (i32.const 20))))
    (local.set $c1 (f32x4.splat (f32.load (i32.const 24))))
    (local.set $b2 (f32x4.splat (f32.load (i32.const 28))))
    (local.set $c2 (f32x4.splat (f32.load (i32.const 32))))
    (local.set $eps (f32x4.splat (f32.load (i32.const 36))))
    (local.set $step (f32x4.splat (f32.load (i32.const 40))))
    (local.set $bc2 (f32x4.splat (f32.load (i32.const 44))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $d) (local.get $end)))
        (local.set $p (v128.load (local.get $d)))
        (local.set $x (v128.load (local.get $g)))
        (if (local.get $hasWd) (then (local.set $x (f32x4.add (local.get $x) (f32x4.mul (local.get $wd) (local.get $p))))))
        (if (local.get $hasL1) (then (local.set $x (f32x4.add (local.get $x) (f32x4.mul (local.get $l1) (call $sign (local.get $p)))))))
        (local.set $mk (f32x4.add (f32x4.mul (local.get $b1) (v128.load (local.get $m))) (f32x4.mul (local.get $c1) (local.get $x))))
        (local.set $vk (f32x4.add (f32x4.mul (local.get $b2) (v128.load (local.get $v)))
          (f32x4.mul (local.get $c2) (f32x4.mul (local.get $x) (local.get $x)))))
        (v128.store (local.get $m) (local.get $mk))
        (v128.store (local.get $v) (local.get $vk))
        (v128.store (local.get $d) (f32x4.sub (local.get $p)
          (f32x4.mul (local.get $step)
            (f32x4.div (local.get $mk) (f32x4.add (f32x4.div (f32x4.sqrt (local.get $vk)) (local.get $bc2)) (local.get $eps))))))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $m (i32.add (local.get $m) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (br $next))))

  ;; adam(data, grad, expAvg, expAvgSq, n): byte addresses, element count.
  (func (export "adam") (param $d i32) (param $g i32) (param $m i32) (param $v i32) (param $n i32)
    (local $body i32) (local $rest i32)
    (local.set $body (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (call $adamRun (local.get $d) (local.get $g) (local.get $m) (local.get $v) (i32.add (local.get $d) (local.get $body)))
    (local.set $rest (i32.and (local.get $n) (i32.const 3)))
    (if (local.get $rest) (then
      (local.set $d (i32.add (local.get $d) (local.get $body)))
      (local.set $g (i32.add (local.get $g) (local.get $body)))
      (local.set $m (i32.add (local.get $m) (local.get $body)))
      (local.set $v (i32.add (local.get $v) (local.get $body)))
      (call $copyTail (local.get $d) (global.get $scratch0) (local.get $rest))
      (call $copyTail (local.get $g) (global.get $scratch1) (local.get $rest))
      (call $copyTail (local.get $m) (global.get $scratch2) (local.get $rest))
      (call $copyTail (local.get $v) (global.get $scratch3) (local.get $rest))
      (call $adamRun (global.get $scratch0) (global.get $scratch1) (global.get $scratch2) (global.get $scratch3)
        (i32.add (global.get $scratch0) (i32.const 16)))
      (call $copyTail (global.get $scratch0) (local.get $d) (local.get $rest))
      (call $copyTail (global.get $scratch2) (local.get $m) (local.get $rest))
      (call $copyTail (global.get $scratch3) (local.get $v) (local.get $rest)))))

  ;; ---- RMSprop: sq = rho·sq + (1-rho)·g²; avg = sqrt(sq) + eps;
  ;;      with momentum buf = mu·buf + g/avg, p -= lr·buf; without, p -= lr·(g/avg)
  (func $rmspropRun (param $d i32) (param $g i32) (param $s i32) (param $b i32) (param $end i32) (param $momentum i32)
    (local $lr v128) (local $wd v128) (local $l1 v128) (local $hasWd i32) (local $hasL1 i32)
    (local $mu v128) (local $rho v128) (local $c v128) (local $eps v128)
    (local $p v128) (local $x v128) (local $sq v128) (local $buf v128)
    (local.set $lr (f32x4.splat (f32.load (i32.const 0))))
    (local.set $wd (f32x4.splat (f32.load (i32.const 4))))
    (local.set $l1 (f32x4.splat (f32.load (i32.const 8))))
    (local.set $hasWd (f32.ne (f32.load (i32.const 4)) (f32.const 0)))
    (local.set $hasL1 (f32.ne (f32.load (i32.const 8)) (f32.const 0)))
    (local.set $mu (f32x4.splat (f32.load (i32.const 12))))
    (local.set $rho (f32x4.splat (f32.load (i32.const 20))))
    (local.set $c (f32x4.splat (f32.load (i32.const 24))))
    (local.set $eps (f32x4.splat (f32.load (i32.const 36))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $d) (local.get $end)))
        (local.set $p (v128.load (local.get $d)))
        (local.set $x (v128.load (local.get $g)))
        (if (local.get $hasWd) (then (local.set $x (f32x4.add (local.get $x) (f32x4.mul (local.get $wd) (local.get $p))))))
        (if (local.get $hasL1) (then (local.set $x (f32x4.add (local.get $x) (f32x4.mul (local.get $l1) (call $sign (local.get $p)))))))
        (local.set $sq (f32x4.add (f32x4.mul (local.get $rho) (v128.load (local.get $s)))
          (f32x4.mul (local.get $c) (f32x4.mul (local.get $x) (local.get $x)))))
        (v128.store (local.get $s) (local.get $sq))
        ;; x becomes g / (sqrt(sq) + eps)
        (local.set $x (f32x4.div (local.get $x) (f32x4.add (f32x4.sqrt (local.get $sq)) (local.get $eps))))
        (if (local.get $momentum) (then
          (local.set $buf (f32x4.add (f32x4.mul (local.get $mu) (v128.load (local.get $b))) (local.get $x)))
          (v128.store (local.get $b) (local.get $buf))
          (local.set $x (local.get $buf))
          (local.set $b (i32.add (local.get $b) (i32.const 16)))))
        (v128.store (local.get $d) (f32x4.sub (local.get $p) (f32x4.mul (local.get $lr) (local.get $x))))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (br $next))))

  ;; rmsprop(data, grad, squareAvg, momentumBuffer, n, momentum): byte addresses, element count,
  ;; whether there is a momentum buffer (0: the buffer address is not used).
  (func (export "rmsprop") (param $d i32) (param $g i32) (param $s i32) (param $b i32) (param $n i32) (param $momentum i32)
    (local $body i32) (local $rest i32)
    (local.set $body (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (call $rmspropRun (local.get $d) (local.get $g) (local.get $s) (local.get $b) (i32.add (local.get $d) (local.get $body)) (local.get $momentum))
    (local.set $rest (i32.and (local.get $n) (i32.const 3)))
    (if (local.get $rest) (then
      (local.set $d (i32.add (local.get $d) (local.get $body)))
      (local.set $g (i32.add (local.get $g) (local.get $body)))
      (local.set $s (i32.add (local.get $s) (local.get $body)))
      (local.set $b (i32.add (local.get $b) (local.get $body)))
      (call $copyTail (local.get $d) (global.get $scratch0) (local.get $rest))
      (call $copyTail (local.get $g) (global.get $scratch1) (local.get $rest))
      (call $copyTail (local.get $s) (global.get $scratch2) (local.get $rest))
      (if (local.get $momentum) (then (call $copyTail (local.get $b) (global.get $scratch3) (local.get $rest))))
      (call $rmspropRun (global.get $scratch0) (global.get $scratch1) (global.get $scratch2) (global.get $scratch3)
        (i32.add (global.get $scratch0) (i32.const 16)) (local.get $momentum))
      (call $copyTail (global.get $scratch0) (local.get $d) (local.get $rest))
      (call $copyTail (global.get $scratch2) (local.get $s) (local.get $rest))
      (if (local.get $momentum) (then (call $copyTail (global.get $scratch3) (local.get $b) (local.get $rest)))))))

  ;; ---- Adagrad: sum += g²; p -= clr · g / (sqrt(sum) + eps) -------------------------------------
  (func $adagradRun (param $d i32) (param $g i32) (param $s i32) (param $end i32)
    (local $wd v128) (local $l1 v128) (local $hasWd i32) (local $hasL1 i32)
    (local $clr v128) (local $eps v128)
    (local $p v128) (local $x v128) (local $sum v128)
    (local.set $wd (f32x4.splat (f32.load (i32.const 4))))
    (local.set $l1 (f32x4.splat (f32.load (i32.const 8))))
    (local.set $hasWd (f32.ne (f32.load (i32.const 4)) (f32.const 0)))
    (local.set $hasL1 (f32.ne (f32.load (i32.const 8)) (f32.const 0)))
    (local.set $eps (f32x4.splat (f32.load (i32.const 36))))
    (local.set $clr (f32x4.splat (f32.load (i32.const 40))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $d) (local.get $end)))
        (local.set $p (v128.load (local.get $d)))
        (local.set $x (v128.load (local.get $g)))
        (if (local.get $hasWd) (then (local.set $x (f32x4.add (local.get $x) (f32x4.mul (local.get $wd) (local.get $p))))))
        (if (local.get $hasL1) (then (local.set $x (f32x4.add (local.get $x) (f32x4.mul (local.get $l1) (call $sign (local.get $p)))))))
        (local.set $sum (f32x4.add (v128.load (local.get $s)) (f32x4.mul (local.get $x) (local.get $x))))
        (v128.store (local.get $s) (local.get $sum))
        (v128.store (local.get $d) (f32x4.sub (local.get $p)
          (f32x4.mul (local.get $clr) (f32x4.div (local.get $x) (f32x4.add (f32x4.sqrt (local.get $sum)) (local.get $eps))))))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (br $next))))

  ;; adagrad(data, grad, sum, n): byte addresses, element count.
  (func (export "adagrad") (param $d i32) (param $g i32) (param $s i32) (param $n i32)
    (local $body i32) (local $rest i32)
    (local.set $body (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (call $adagradRun (local.get $d) (local.get $g) (local.get $s) (i32.add (local.get $d) (local.get $body)))
    (local.set $rest (i32.and (local.get $n) (i32.const 3)))
    (if (local.get $rest) (then
      (local.set $d (i32.add (local.get $d) (local.get $body)))
      (local.set $g (i32.add (local.get $g) (local.get $body)))
      (local.set $s (i32.add (local.get $s) (local.get $body)))
      (call $copyTail (local.get $d) (global.get $scratch0) (local.get $rest))
      (call $copyTail (local.get $g) (global.get $scratch1) (local.get $rest))
      (call $copyTail (local.get $s) (global.get $scratch2) (local.get $rest))
      (call $adagradRun (global.get $scratch0) (global.get $scratch1) (global.get $scratch2) (i32.add (global.get $scratch0) (i32.const 16)))
      (call $copyTail (global.get $scratch0) (local.get $d) (local.get $rest))
      (call $copyTail (global.get $scratch2) (local.get $s) (local.get $rest)))))
)
