/**
 * Packing for the WebAssembly GEMM (wasm/gemm.wat): operands into the kernel's panel layouts in
 * its memory, and the padded product back out. Shared by the GEMM and the convolutions.
 *
 * Two ways: the JS loops below (packRowPanels, packColumnPanels, copyInto, addInto: any strides,
 * used where an operand cannot be copied whole), and the module's own exports (PackExports): the
 * operand is copied into the memory with one memcpy (TypedArray.set), laid out as panels there
 * with vector loads, and the product leaves as one dense block through a cached view (HeapViews).
 */
import type { WasmArena } from './wasm-arena';

/** packInterleave(dst, src, ld, vectors, k, lanesLog2) of wasm/gemm.wat (byte offsets, ld in bytes). */
export type PackInterleaveExport = (dst: number, src: number, ld: number, vectors: number, k: number, lanesLog2: number) => void;
/** packContiguous(dst, src, ld, vectors, k, lanesLog2) of wasm/gemm.wat (byte offsets, ld in bytes). */
export type PackContiguousExport = (dst: number, src: number, ld: number, vectors: number, k: number, lanesLog2: number) => void;
/** unpackRows(dst, src, lds, add, ldAdd, withAdd, rows, n) of wasm/gemm.wat (byte offsets and strides). */
export type UnpackRowsExport = (dst: number, src: number, lds: number, add: number, ldAdd: number, withAdd: number, rows: number, n: number) => void;

/** copyPlanes(dst, ldd, planeD, src, lds, planeS, planes, rows, n, mode, bias) of wasm/gemm.wat (byte offsets and strides; mode 0 copy, 1 + bias[plane], 2 add). */
export type CopyPlanesExport = (
  dst: number, ldd: number, planeD: number, src: number, lds: number, planeS: number,
  planes: number, rows: number, n: number, mode: number, bias: number,
) => void;

/** The module's packing and write-back exports. */
export interface PackExports {
  packInterleave: PackInterleaveExport;
  packContiguous: PackContiguousExport;
  unpackRows: UnpackRowsExport;
  copyPlanes: CopyPlanesExport;
  maxPool2x2: MaxPool2x2Export;
  addRowSums: AddRowSumsExport;
}

/** addRowSums(dst, src, rows, n) of wasm/gemm.wat (byte offsets): dst[r] += the float64 sum of row r's n floats. */
export type AddRowSumsExport = (dst: number, src: number, rows: number, n: number) => void;

/** maxPool2x2(dst, arg, src, planes, H, W, OH, OW) of wasm/gemm.wat (byte offsets; sizes in floats). */
export type MaxPool2x2Export = (dst: number, arg: number, src: number, planes: number, H: number, W: number, OH: number, OW: number) => void;

/** Floats left after an operand copied into the memory: packContiguous's last panel reads up to 7 past a row. */
export const COPY_SLACK = 8;

/**
 * Views of the module's memory, made once per (offset, length) and kept until the memory grows:
 * `C.set(views.get(at, n))` copies a product out with one memcpy, where `heap.subarray` would
 * allocate a view per call (a training step must allocate nothing: test/engine/allocation.test.ts).
 * Keys are small integers (offsets and lengths in floats), so the maps need no boxing.
 */
export class HeapViews {
  private byOffset = new Map<number, Map<number, Float32Array>>();
  private intsByOffset = new Map<number, Map<number, Int32Array>>();
  private heap: Float32Array | null = null;
  private count = 0;

  constructor(private readonly arena: WasmArena) {}

  /** Floats [at, at + length) of the memory. */
  get(at: number, length: number): Float32Array {
    this.renew();
    return this.cached(this.byOffset, this.arena.heap, at, length);
  }

  /** The same as 32-bit integers (at and length in 4-byte units). */
  ints(at: number, length: number): Int32Array {
    this.renew();
    return this.cached(this.intsByOffset, this.arena.ints, at, length);
  }

  /** The view of `source` [at, at + length), made once per offset and length. */
  private cached<T extends Float32Array | Int32Array>(byOffset: Map<number, Map<number, T>>, source: T, at: number, length: number): T {
    let lengths = byOffset.get(at);
    if (lengths === undefined) {
      lengths = new Map();
      byOffset.set(at, lengths);
    }
    let view = lengths.get(length);
    if (view === undefined) {
      view = source.subarray(at, at + length) as T;
      lengths.set(length, view);
      this.count++;
    }
    return view;
  }

  private renew(): void {
    const heap = this.arena.heap;
    if (heap !== this.heap || this.count > 512) {
      // The memory grew (the old views are detached or stale) or many shapes came by: start over.
      this.byOffset.clear();
      this.intsByOffset.clear();
      this.heap = heap;
      this.count = 0;
    }
  }
}

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
