/**
 * Packing for the WebAssembly GEMM (wasm/gemm.wat): operands into the kernel's panel layouts in
 * its memory, and the padded product back out. Shared by the GEMM and the convolutions.
 */

/** op(A) as panels of 4 rows: panel p holds, for each k, rows 4p..4p+3 (zeros past M). op(A)(i, k) = A[from + i·ai + k·ak]. */
export function packRowPanels(heap: Float32Array, at: number, M: number, K: number, A: Float32Array, from: number, ai: number, ak: number): void {
  let o = at;
  const M4 = M & ~3;
  for (let i = 0; i < M4; i += 4) {
    let r0 = from + i * ai;
    let r1 = r0 + ai, r2 = r1 + ai, r3 = r2 + ai;
    for (let k = 0; k < K; k++, o += 4, r0 += ak, r1 += ak, r2 += ak, r3 += ak) {
      heap[o] = A[r0]!;
      heap[o + 1] = A[r1]!;
      heap[o + 2] = A[r2]!;
      heap[o + 3] = A[r3]!;
    }
  }
  if (M4 === M) return;
  const rows = M - M4;
  for (let k = 0; k < K; k++, o += 4) {
    for (let r = 0; r < 4; r++) heap[o + r] = r < rows ? A[from + (M4 + r) * ai + k * ak]! : 0;
  }
}

/** op(B) as panels of 8 columns: panel q holds, for each k, columns 8q..8q+7 (zeros past N). op(B)(k, j) = B[from + k·bk + j·bj]. */
export function packColumnPanels(heap: Float32Array, at: number, N: number, K: number, B: Float32Array, from: number, bk: number, bj: number): void {
  let o = at;
  const N8 = N & ~7;
  for (let j = 0; j < N8; j += 8) {
    for (let k = 0, b = from + j * bj; k < K; k++, o += 8, b += bk) {
      heap[o] = B[b]!;
      heap[o + 1] = B[b + bj]!;
      heap[o + 2] = B[b + 2 * bj]!;
      heap[o + 3] = B[b + 3 * bj]!;
      heap[o + 4] = B[b + 4 * bj]!;
      heap[o + 5] = B[b + 5 * bj]!;
      heap[o + 6] = B[b + 6 * bj]!;
      heap[o + 7] = B[b + 7 * bj]!;
    }
  }
  if (N8 === N) return;
  const cols = N - N8;
  for (let k = 0; k < K; k++, o += 8) {
    for (let c = 0; c < 8; c++) heap[o + c] = c < cols ? B[from + k * bk + (N8 + c) * bj]! : 0;
  }
}

export function copyInto(heap: Float32Array, at: number, ldc: number, M: number, N: number, C: Float32Array): void {
  for (let i = 0, src = at, dst = 0; i < M; i++, src += ldc, dst += N) {
    for (let j = 0; j < N; j++) C[dst + j] = heap[src + j]!;
  }
}

export function addInto(heap: Float32Array, at: number, ldc: number, M: number, N: number, C: Float32Array): void {
  for (let i = 0, src = at, dst = 0; i < M; i++, src += ldc, dst += N) {
    for (let j = 0; j < N; j++) C[dst + j] += heap[src + j]!;
  }
}
