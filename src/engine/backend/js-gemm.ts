/**
 * Pure-JS single-precision GEMM (row-major) for the three products backprop needs:
 *   gemmNN: C = A·B     (forward  y = x·W)
 *   gemmTN: C = Aᵀ·B    (weights  dW = xᵀ·dy, A stored [K×M])
 *   gemmNT: C = A·Bᵀ    (inputs   dx = dy·Wᵀ, B stored [N×K])
 * Sums are accumulated in float64 and rounded once per K block when added into C.
 *
 * Two paths: tiny products (W1-style nets: 10×8×2) take plain dot-product loops, where packing
 * and call overhead would dominate; everything else is blocked and packed (see js-pack.ts):
 *   for each column block (nc) → for each K block (kc): pack B's kc×nc block into 4-column
 *   micro-panels, then for each 4-row block of A: pack it, run the 4×4 micro-kernel on every panel.
 * The packed B block (kc·nc doubles) is reused by all M/4 row blocks, so it should stay in L2.
 */
import type { Kernels } from './kernels';
import { kernel4x4, kernelEdge, PACK_CAPACITY, packCols4, packColsEdge, packRows4, packRowsEdge } from './js-pack';
import { STAGE_KERNEL, STAGE_PACK, STAGE_SELF, STAGE_WRITE_BACK, stepProfile } from '../profile';

/** Blocking parameters, measured on the target box (bench/gemm.ts). Mutable for benchmarks only. */
export const gemmTuning = {
  /** Depth of a K block. */
  kc: 256,
  /** Width of a column block (rounded down to a multiple of 4). kc·nc·8 bytes should fit in L2. */
  nc: 256,
  /** Products with M·N·K at or below this take the simple loops. */
  smallWork: 1024,
};

/**
 * Packed, blocked C[M×N] (+)= op(A)·op(B). `aRows`: A's 4-vectors are rows of A (A is [M×K]),
 * else columns (A is [K×M]). `bRows`: B is [N×K] (its vectors are rows), else [K×N].
 */
export function gemmPacked(
  M: number, N: number, K: number,
  A: Float32Array, aRows: boolean, B: Float32Array, bRows: boolean,
  C: Float32Array, accumulate: boolean,
): void {
  if (M <= 0 || N <= 0) return;
  const profiled = stepProfile.on; // timing points: profile.ts
  if (profiled) stepProfile.stage(STAGE_WRITE_BACK);
  // The micro-kernels always add (see kernel4x4), so a plain product starts from zero.
  if (!accumulate) C.fill(0, 0, M * N);
  if (K <= 0) {
    if (profiled) stepProfile.stage(STAGE_SELF);
    return;
  }
  // Block sizes, clamped so that [4·kc A panel][kc·nc B panels] fits the fixed packing buffer.
  const kcMax = Math.max(1, Math.min(gemmTuning.kc, K, PACK_CAPACITY >> 5));
  const ncFit = ((PACK_CAPACITY / kcMax - 4) >> 2) << 2;
  const ncMax = Math.max(4, Math.min(gemmTuning.nc & ~3, (N + 3) & ~3, ncFit));
  const lda = aRows ? K : M;
  const ldb = bRows ? K : N;
  const bBase = 4 * kcMax;
  for (let j0 = 0; j0 < N; j0 += ncMax) {
    const nc = Math.min(ncMax, N - j0);
    const panels = (nc + 3) >> 2;
    for (let k0 = 0; k0 < K; k0 += kcMax) {
      const kc = Math.min(kcMax, K - k0);
      const panelSize = 4 * kc;
      if (profiled) stepProfile.stage(STAGE_PACK);
      for (let p = 0; p < panels; p++) {
        const j = j0 + 4 * p;
        const nv = Math.min(4, N - j);
        const off = bBase + p * panelSize;
        if (bRows) {
          if (nv === 4) packRows4(B, ldb, j, k0, kc, off);
          else packRowsEdge(B, ldb, j, nv, k0, kc, off);
        } else if (nv === 4) packCols4(B, ldb, j, k0, kc, off);
        else packColsEdge(B, ldb, j, nv, k0, kc, off);
      }
      for (let i0 = 0; i0 < M; i0 += 4) {
        const mr = Math.min(4, M - i0);
        if (profiled) stepProfile.stage(STAGE_PACK);
        if (aRows) {
          if (mr === 4) packRows4(A, lda, i0, k0, kc, 0);
          else packRowsEdge(A, lda, i0, mr, k0, kc, 0);
        } else if (mr === 4) packCols4(A, lda, i0, k0, kc, 0);
        else packColsEdge(A, lda, i0, mr, k0, kc, 0);
        const cRow = i0 * N + j0;
        if (profiled) stepProfile.stage(STAGE_KERNEL);
        for (let p = 0; p < panels; p++) {
          const nr = Math.min(4, nc - 4 * p);
          if (mr === 4 && nr === 4) kernel4x4(0, bBase + p * panelSize, kc, C, cRow + 4 * p, N);
          else kernelEdge(0, bBase + p * panelSize, kc, C, cRow + 4 * p, N, mr, nr);
        }
      }
    }
  }
  if (profiled) stepProfile.stage(STAGE_SELF);
}

/**
 * Unpacked path for tiny or skinny products: C (+)= op(A)·op(B) with element (i,k) of op(A) at
 * A[i*ai + k*ak] and (k,j) of op(B) at B[k*bk + j*bj]. Four independent sums at a time (4 columns,
 * or 4 rows for the last N%4 columns): a single running sum would be bound by the latency of the
 * floating-point add chain (~4 cycles per multiply-add), four chains are not.
 */
export function gemmSmall(
  M: number, N: number, K: number,
  A: Float32Array, ai: number, ak: number, B: Float32Array, bk: number, bj: number,
  C: Float32Array, acc: boolean,
): void {
  const profiled = stepProfile.on; // timing points: profile.ts (no packing here: all of it is the kernel)
  if (profiled) stepProfile.stage(STAGE_KERNEL);
  if (!acc) C.fill(0, 0, M * N); // then always add: no acc branch inside the loops (see kernel4x4)
  const N4 = N & ~3;
  if (N4 > 0) smallColumns4(M, N, N4, K, A, ai, ak, B, bk, bj, C);
  if (N4 < N) smallTailColumns(M, N, N4, K, A, ai, ak, B, bk, bj, C);
  if (profiled) stepProfile.stage(STAGE_SELF);
}

/** Columns [0, N4) four at a time. (Separate from the tail so neither carries untaken paths.) */
function smallColumns4(
  M: number, N: number, N4: number, K: number,
  A: Float32Array, ai: number, ak: number, B: Float32Array, bk: number, bj: number, C: Float32Array,
): void {
  for (let i = 0; i < M; i++) {
    const c = i * N;
    for (let j = 0; j < N4; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let pa = i * ai, q0 = j * bj;
      let q1 = q0 + bj, q2 = q1 + bj, q3 = q2 + bj;
      for (let k = 0; k < K; k++, pa += ak, q0 += bk, q1 += bk, q2 += bk, q3 += bk) {
        const a = A[pa];
        s0 += a * B[q0]; s1 += a * B[q1]; s2 += a * B[q2]; s3 += a * B[q3];
      }
      C[c + j] += s0; C[c + j + 1] += s1; C[c + j + 2] += s2; C[c + j + 3] += s3;
    }
  }
}

/** Columns [N4, N), each four rows at a time, then the last M%4 rows one by one. */
function smallTailColumns(
  M: number, N: number, N4: number, K: number,
  A: Float32Array, ai: number, ak: number, B: Float32Array, bk: number, bj: number, C: Float32Array,
): void {
  const M4 = M & ~3;
  for (let j = N4; j < N; j++) {
    for (let i = 0; i < M4; i += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let q = j * bj, p0 = i * ai;
      let p1 = p0 + ai, p2 = p1 + ai, p3 = p2 + ai;
      for (let k = 0; k < K; k++, q += bk, p0 += ak, p1 += ak, p2 += ak, p3 += ak) {
        const b = B[q];
        s0 += A[p0] * b; s1 += A[p1] * b; s2 += A[p2] * b; s3 += A[p3] * b;
      }
      const c = i * N + j;
      C[c] += s0; C[c + N] += s1; C[c + 2 * N] += s2; C[c + 3 * N] += s3;
    }
    for (let i = M4; i < M; i++) {
      let s = 0;
      for (let k = 0, p = i * ai, q = j * bj; k < K; k++, p += ak, q += bk) s += A[p] * B[q];
      C[i * N + j] += s;
    }
  }
}

/** Packing pays off only when both tile dimensions are filled and there is enough work. */
function isSmall(M: number, N: number, K: number): boolean {
  return M < 4 || N < 4 || M * N * K <= gemmTuning.smallWork;
}

export const jsKernels: Kernels = {
  gemmNN(M, N, K, A, B, C, accumulate) {
    if (isSmall(M, N, K)) gemmSmall(M, N, K, A, K, 1, B, N, 1, C, accumulate);
    else gemmPacked(M, N, K, A, true, B, false, C, accumulate);
  },
  gemmTN(M, N, K, A, B, C, accumulate) {
    if (isSmall(M, N, K)) gemmSmall(M, N, K, A, 1, M, B, N, 1, C, accumulate);
    else gemmPacked(M, N, K, A, false, B, false, C, accumulate);
  },
  gemmNT(M, N, K, A, B, C, accumulate) {
    if (isSmall(M, N, K)) gemmSmall(M, N, K, A, K, 1, B, 1, K, C, accumulate);
    else gemmPacked(M, N, K, A, true, B, true, C, accumulate);
  },
};
