// The loop every kernel thread runs (see pool.ts): plain JavaScript, no imports, so the worker
// entries beside it load in Node (worker_threads) and in a browser Web Worker without any
// TypeScript tooling. Typed by kernel-thread-loop.d.mts; the pool imports the layout from here,
// so the two sides cannot disagree on it.
//
// A job is one gemm(ap, bp, cp, rowPanels, colPanels, k) call of gemm.wat, cut into chunks of
// row panels that the caller and the workers claim one at a time (Atomics.add on NEXT) until
// none is left: a worker the OS has not scheduled yet simply claims nothing, and the others do
// its share, so a busy machine costs at most one chunk of waiting, never a whole slice.
//
// The control block is an Int32Array on a SharedArrayBuffer:
//   SEQ          job sequence number: the caller bumps it (then notifies) to start a job
//   NEXT         the next unclaimed chunk (claims past CHUNKS find nothing)
//   FINISHED     how many chunks are done (the caller waits for CHUNKS)
//   STOP         1: leave the loop (dispose)
//   FAILED       0, or 1 + the index of the first thread whose chunk threw
//   AP..DEPTH    the job: gemm(ap, bp, cp, rowPanels, colPanels, k) of gemm.wat
//   CHUNK        row panels per chunk;  CHUNKS  how many chunks
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
export const READY = 13;
export const MAX_THREADS = 64;
export const MESSAGE = READY + MAX_THREADS;
export const MESSAGE_CHARS = 500;
export const CONTROL_INTS = MESSAGE + 1 + MESSAGE_CHARS;

/**
 * Claims and runs chunks of the current job until none is left; returns how many it ran.
 * A chunk is a run of row panels: a contiguous piece of Ap and of Cp (the kernel walks rows
 * within each column panel). Each element of C is computed by exactly one thread, in the same
 * order as by one thread, so the result does not depend on who ran which chunk.
 * `part` is this thread's index (for the failure record); a failed chunk still counts finished.
 */
export function runChunks(gemm, ctl, part) {
  let ran = 0;
  for (;;) {
    const chunk = Atomics.add(ctl, NEXT, 1);
    if (chunk >= Atomics.load(ctl, CHUNKS)) return ran;
    const rowPanels = ctl[ROW_PANELS];
    const size = ctl[CHUNK];
    const first = chunk * size;
    const count = Math.min(size, rowPanels - first);
    const colPanels = ctl[COL_PANELS];
    const k = ctl[DEPTH];
    try {
      // bytes: an A panel is k steps of 4 floats; 4 rows of C are 4 · colPanels · 8 floats
      gemm(ctl[AP] + first * k * 16, ctl[BP], ctl[CP] + first * colPanels * 128, count, colPanels, k);
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
  let gemm;
  try {
    gemm = new WebAssembly.Instance(init.module, { env: { memory: init.memory } }).exports.gemm;
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
    runChunks(gemm, ctl, part);
  }
}
