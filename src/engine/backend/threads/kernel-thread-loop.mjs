// The loop every kernel thread runs (see pool.ts): plain JavaScript, no imports, so the worker
// entries beside it load in Node (worker_threads) and in a browser Web Worker without any
// TypeScript tooling. Typed by kernel-thread-loop.d.mts; the pool imports the layout from here,
// so the two sides cannot disagree on it.
//
// A job is one gemm(ap, bp, cp, rowPanels, colPanels, k) call of gemm.wat, cut into chunks that
// the caller and the workers claim one at a time (Atomics.add on NEXT) until none is left: a
// worker the OS has not scheduled yet simply claims nothing, and the others do its share, so a
// busy machine costs at most one chunk of waiting, never a whole slice. KIND says how it is cut:
//   ROWS     chunks of row panels (Ap and Cp are packed already);
//   COLUMNS  chunks of column panels, each thread first packing its own panels of B from the
//            copy of B at B_SRC (packContiguous or packInterleave of gemm.wat, B_INTERLEAVED),
//            so that packing the B operand is shared out too.
//
// The control block is an Int32Array on a SharedArrayBuffer:
//   SEQ          job sequence number: the caller bumps it (then notifies) to start a job
//   NEXT         the next unclaimed chunk (claims past CHUNKS find nothing)
//   FINISHED     how many chunks are done (the caller waits for CHUNKS)
//   STOP         1: leave the loop (dispose)
//   FAILED       0, or 1 + the index of the first thread whose chunk threw
//   AP..DEPTH    the job: gemm(ap, bp, cp, rowPanels, colPanels, k) of gemm.wat
//   CHUNK        row (or column) panels per chunk;  CHUNKS  how many chunks
//   KIND         ROWS or COLUMNS;  B_SRC, B_LD, B_N, B_INTERLEAVED  (COLUMNS) where B's copy is,
//                its row stride in bytes, its number of columns N, and 1 if it is stored N × K
//   READY + i    1 once thread i has instantiated the module
//   MESSAGE      the failed thread's error text: length, then UTF-16 code units
// The caller writes AP..CHUNKS, then resets FINISHED and NEXT, then bumps SEQ. A worker reads
// the job only after a successful claim, so it always sees the job the claim belongs to.

export const SEQ = 0;
export const NEXT = 1;
export const FINISHED = 2;
export const STOP = 3;
export const FAILED = 4;
export const AP = 5;
export const BP = 6;
export const CP = 7;
export const ROW_PANELS = 8;
export const COL_PANELS = 9;
export const DEPTH = 10;
export const CHUNK = 11;
export const CHUNKS = 12;
export const KIND = 13;
export const B_SRC = 14;
export const B_LD = 15;
export const B_N = 16;
export const B_INTERLEAVED = 17;
export const READY = 18;
export const ROWS = 0;
export const COLUMNS = 1;
export const MAX_THREADS = 64;
export const MESSAGE = READY + MAX_THREADS;
export const MESSAGE_CHARS = 500;
export const CONTROL_INTS = MESSAGE + 1 + MESSAGE_CHARS;

/**
 * Claims and runs chunks of the current job until none is left; returns how many it ran.
 * A ROWS chunk is a run of row panels: a contiguous piece of Ap and of Cp (the kernel walks rows
 * within each column panel). A COLUMNS chunk is a run of column panels: the thread packs those
 * panels of B, then computes those columns of Cp over every row. Each element of C is computed
 * by exactly one thread, in the same order as by one thread, so the result does not depend on
 * who ran which chunk. `kernels`: this thread's instance's exports (gemm, gemmColumns,
 * packContiguous, packInterleave). `part` is this thread's index (for the failure record); a
 * failed chunk still counts finished.
 */
export function runChunks(kernels, ctl, part) {
  let ran = 0;
  for (;;) {
    const chunk = Atomics.add(ctl, NEXT, 1);
    if (chunk >= Atomics.load(ctl, CHUNKS)) return ran;
    const size = ctl[CHUNK];
    const first = chunk * size;
    const colPanels = ctl[COL_PANELS];
    const k = ctl[DEPTH];
    try {
      if (ctl[KIND] === COLUMNS) {
        const count = Math.min(size, colPanels - first);
        // bytes: a B panel is k steps of 8 floats; column panel q starts 32q bytes into a row of Cp
        const bp = ctl[BP] + first * k * 32;
        const columns = Math.min(count * 8, ctl[B_N] - first * 8);
        if (ctl[B_INTERLEAVED] === 1) kernels.packInterleave(bp, ctl[B_SRC] + first * 8 * ctl[B_LD], ctl[B_LD], columns, k, 3);
        else kernels.packContiguous(bp, ctl[B_SRC] + first * 32, ctl[B_LD], columns, k, 3);
        kernels.gemmColumns(ctl[AP], bp, ctl[CP] + first * 32, ctl[ROW_PANELS], count, k, colPanels * 32);
      } else {
        const count = Math.min(size, ctl[ROW_PANELS] - first);
        // bytes: an A panel is k steps of 4 floats; 4 rows of C are 4 · colPanels · 8 floats
        kernels.gemm(ctl[AP] + first * k * 16, ctl[BP], ctl[CP] + first * colPanels * 128, count, colPanels, k);
      }
    } catch (error) {
      recordFailure(ctl, part, error);
    }
    ran++;
    if (Atomics.add(ctl, FINISHED, 1) === ctl[CHUNKS] - 1) Atomics.notify(ctl, FINISHED);
  }
}

/** Records the first failure (thread index and message) for the caller to throw. */
export function recordFailure(ctl, part, error) {
  if (Atomics.compareExchange(ctl, FAILED, 0, 1 + part) !== 0) return;
  const text = String(error && error.stack ? error.stack : error).slice(0, MESSAGE_CHARS);
  for (let i = 0; i < text.length; i++) ctl[MESSAGE + 1 + i] = text.charCodeAt(i);
  // FAILED is already set: a reader that saw it waits for the length (pool.ts failureMessage).
  Atomics.store(ctl, MESSAGE, text.length);
  Atomics.notify(ctl, MESSAGE);
}

/**
 * The thread's loop: wait for a job (spin up to `spinMicros`, then sleep in Atomics.wait), claim
 * and run chunks of it until none is left (the thread finishing the last chunk wakes the caller).
 * Returns on STOP.
 * init: { module: WebAssembly.Module, memory: WebAssembly.Memory, control: SharedArrayBuffer, part, spinMicros }
 */
export function runKernelThread(init) {
  const ctl = new Int32Array(init.control);
  const part = init.part;
  let kernels;
  try {
    kernels = new WebAssembly.Instance(init.module, { env: { memory: init.memory } }).exports;
  } catch (error) {
    recordFailure(ctl, part, error);
    throw error;
  }
  Atomics.store(ctl, READY + part, 1);
  const spinMicros = init.spinMicros;
  let seen = Atomics.load(ctl, SEQ);
  for (;;) {
    let seq = Atomics.load(ctl, SEQ);
    if (seq === seen) {
      const until = performance.now() + spinMicros / 1000;
      for (let i = 1; seq === seen; i++) {
        seq = Atomics.load(ctl, SEQ);
        if ((i & 1023) === 0 && performance.now() > until) break;
      }
      while (seq === seen) {
        Atomics.wait(ctl, SEQ, seen);
        seq = Atomics.load(ctl, SEQ);
      }
    }
    seen = seq;
    if (Atomics.load(ctl, STOP) !== 0) return;
    runChunks(kernels, ctl, part);
  }
}
