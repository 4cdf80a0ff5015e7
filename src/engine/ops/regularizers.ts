/**
 * Penalties added to the loss, and their gradients (accumulated, +=).
 * Kernel:   λ₁·Σ|w| + λ₂·Σw²            gradient λ₁·sign(w) + 2λ₂·w   (sign(0) = 0, as PyTorch's |w|)
 * Activity: λ·(1/B)·Σ_b Σ_j |a_bj|       (Keras's ActivityRegularization: summed per sample, mean over the batch)
 * KL:       β·Σ_j KL(ρ ‖ ρ̂_j),  ρ̂_j = (1/B)·Σ_b a_bj,
 *           KL(ρ ‖ q) = ρ·ln(ρ/q) + (1 − ρ)·ln((1 − ρ)/(1 − q)),
 *           ∂/∂a_bj = (β/B)·(−ρ/ρ̂_j + (1 − ρ)/(1 − ρ̂_j)).
 *           ρ̂ is clamped to [1e-7, 1 − 1e-7] so a saturated unit gives a large, finite penalty.
 * Values are summed in float64.
 */

export function kernelPenalty(w: Float32Array, l1: number, l2: number): number {
  let a = 0;
  let q = 0;
  for (let i = 0; i < w.length; i++) {
    const v = w[i];
    a += Math.abs(v);
    q += v * v;
  }
  return l1 * a + l2 * q;
}

export function kernelPenaltyBackward(w: Float32Array, dw: Float32Array, l1: number, l2: number): void {
  const twoL2 = 2 * l2;
  for (let i = 0; i < w.length; i++) {
    const v = w[i];
    dw[i] += l1 * (v > 0 ? 1 : v < 0 ? -1 : 0) + twoL2 * v;
  }
}

export function activityL1(a: Float32Array, rows: number, cols: number, lambda: number): number {
  const len = rows * cols;
  let s = 0;
  for (let i = 0; i < len; i++) s += Math.abs(a[i]);
  return (lambda * s) / rows;
}

export function activityL1Backward(a: Float32Array, da: Float32Array, rows: number, cols: number, lambda: number): void {
  const len = rows * cols;
  const g = lambda / rows;
  for (let i = 0; i < len; i++) {
    const v = a[i];
    da[i] += v > 0 ? g : v < 0 ? -g : 0;
  }
}

const KL_EPS = 1e-7;

/** ρ̂_j into `rhoHat` (length cols), clamped; returns β·Σ_j KL(ρ ‖ ρ̂_j). */
export function klSparsity(a: Float32Array, rows: number, cols: number, rho: number, beta: number, rhoHat: Float64Array): number {
  rhoHat.fill(0, 0, cols);
  for (let r = 0; r < rows; r++) for (let j = 0, o = r * cols; j < cols; j++) rhoHat[j] += a[o + j];
  let kl = 0;
  for (let j = 0; j < cols; j++) {
    const q = Math.min(1 - KL_EPS, Math.max(KL_EPS, rhoHat[j] / rows));
    rhoHat[j] = q;
    kl += rho * Math.log(rho / q) + (1 - rho) * Math.log((1 - rho) / (1 - q));
  }
  return beta * kl;
}

/** da += the KL penalty's gradient, from the ρ̂ that klSparsity left in `rhoHat`. */
export function klSparsityBackward(da: Float32Array, rows: number, cols: number, rho: number, beta: number, rhoHat: Float64Array): void {
  const g = beta / rows;
  for (let j = 0; j < cols; j++) {
    const q = rhoHat[j];
    const d = g * (-rho / q + (1 - rho) / (1 - q));
    for (let r = 0, o = j; r < rows; r++, o += cols) da[o] += d;
  }
}
