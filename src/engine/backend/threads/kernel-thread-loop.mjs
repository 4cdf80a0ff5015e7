// The loop every kernel thread runs (see pool.ts): plain JavaScript, no imports, so the worker
// entries beside it load in Node (worker_threads) and in a browser Web Worker without any
// TypeScript tooling. Typed by kernel-thread-loop.d.mts; the pool imports the layout from here,
// so the two sides cannot disagree on it.
//
// The control block is an Int32Array on a SharedArrayBuffer:
//   SEQ          job sequence number: the caller bumps it (then notifies) to start a job
//   DONE         how many threads finished the current job (the caller resets it before SEQ)
//   STOP         1: leave the loop (dispose)
//   FAILED       0, or 1 + the index of the first thread whose slice threw
//   AP..DEPTH    the job: gemm(ap, bp, cp, rowPanels, colPanels, k) of gemm.wat
//   PARTS        how many threads share the job (the caller is part 0)
//   READY + i    1 once thread i has instantiated the module
//   MESSAGE      the failed thread's error text: length, then UTF-16 code units

export const SEQ = 0;
export const DONE = 1;
export const STOP = 2;
export const FAILED = 3;
export const AP = 4;
export const BP = 5;
export const CP = 6;
export const ROW_PANELS = 7;
export const COL_PANELS = 8;
export const DEPTH = 9;
export const PARTS = 10;
export const READY = 11;
export const MAX_THREADS = 64;
export const MESSAGE = READY + MAX_THREADS;
export const MESSAGE_CHARS = 500;
export const CONTROL_INTS = MESSAGE + 1 + MESSAGE_CHARS;

/** First row panel of part `part` of `parts` over `rowPanels` panels (part `parts` = the end). */
export function sliceStart(part, parts, rowPanels) {
  return Math.floor((part * rowPanels) / parts);
}

/**
 * Runs part `part` of the current job: its row panels of A and of C (the kernel walks rows
 * within each column panel, so a run of row panels is a contiguous piece of Ap and of Cp).
 * Each element of C is computed by exactly one part, in the same order as by one thread.
 */
export function runSlice(gemm, ctl, part, parts) {
  const rowPanels = ctl[ROW_PANELS];
  const first = sliceStart(part, parts, rowPanels);
  const count = sliceStart(part + 1, parts, rowPanels) - first;
  if (count <= 0) return;
  const colPanels = ctl[COL_PANELS];
  const k = ctl[DEPTH];
  // bytes: an A panel is k steps of 4 floats; 4 rows of C are 4 · colPanels · 8 floats
  gemm(ctl[AP] + first * k * 16, ctl[BP], ctl[CP] + first * colPanels * 128, count, colPanels, k);
}

/** Records the first failure (thread index and message) for the caller to throw. */
export function recordFailure(ctl, part, error) {
  if (Atomics.compareExchange(ctl, FAILED, 0, 1 + part) !== 0) return;
  const text = String(error && error.stack ? error.stack : error).slice(0, MESSAGE_CHARS);
  for (let i = 0; i < text.length; i++) ctl[MESSAGE + 1 + i] = text.charCodeAt(i);
  ctl[MESSAGE] = text.length;
}

/**
 * The thread's loop: wait for a job (spin up to `spinMicros`, then sleep in Atomics.wait), run
 * this thread's slice, count it done (the last one wakes the caller). Returns on STOP.
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
    const parts = ctl[PARTS];
    if (part >= parts) continue; // not in this job (it never counts DONE)
    try {
      runSlice(gemm, ctl, part, parts);
    } catch (error) {
      recordFailure(ctl, part, error);
    }
    if (Atomics.add(ctl, DONE, 1) === parts - 2) Atomics.notify(ctl, DONE);
  }
}
