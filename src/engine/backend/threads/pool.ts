/**
 * Kernel threads: one GEMM call of gemm.wat split across the calling thread and `threads − 1`
 * workers that all instantiated the same compiled module on the same shared WebAssembly.Memory:
 * by row panels (run), or by column panels with each thread packing its own panels of B first
 * (runPackingB: the products of Dense layers, whose B operand is the big one). The caller copies
 * the operands in and packs A. Each element of C is computed by one thread in the same order as
 * by one thread, so results are bitwise those of a single thread.
 *
 * A job costs no message: the caller writes the call's arguments into a shared control block,
 * bumps the job number and notifies; workers spin on the number for `spinMicros` after their
 * last job (so the next GEMM of a training step finds them awake), then sleep in Atomics.wait.
 * Caller and workers claim chunks of row panels until none is left (kernel-thread-loop.mjs), so
 * a worker the OS has not scheduled costs nothing but its share going to the others; then the
 * caller spins (a count of loads, no clock), and finally sleeps, until every chunk is finished.
 * Nothing is allocated per call.
 *
 * Failures never hang the caller: a thread whose chunk throws records the error in the control
 * block and still counts the chunk finished; a worker that died is seen by `alive` between
 * bounded waits; and the whole wait has a deadline. Any of these makes the call throw a
 * KernelThreadError, and every later call too (the pool is broken until it is replaced).
 */
import {
  AP, B_INTERLEAVED, B_LD, B_N, B_SRC, BP, CHUNK, CHUNKS, COL_PANELS, COLUMNS, CONTROL_INTS, CP, DEPTH, FAILED, FINISHED, KIND, MAX_THREADS,
  MESSAGE, NEXT, READY, ROW_PANELS, ROWS, SEQ, STOP, runChunks, type ChunkKernels,
} from './kernel-thread-loop.mjs';
import type { KernelThreadHandle, KernelThreadSpawner } from './spawner';

/** NEXT between jobs: any claim finds nothing. */
const CLOSED = 0x3fffffff;
const CHUNKS_PER_THREAD = 4;
/** A product is split by column panels (each thread packing its share of B) when it has this many per thread. */
const MIN_COLUMN_PANELS_PER_THREAD = 4;
/** The caller's sleep slice while it waits for the workers' chunks. */
const SLEEP_SLICE_MS = 50;
/**
 * Atomics.load calls per µs in an optimised spin loop: about 136 measured on the 2-core EPYC
 * box (Node 20). Turns spinMicros into a count of loads, so the caller's spin reads no clock.
 */
const ATOMIC_LOADS_PER_MICROSECOND = 100;

export class KernelThreadError extends Error {
  constructor(message: string) {
    super(`engine: ${message}`);
    this.name = 'KernelThreadError';
  }
}

export interface KernelThreadOptions {
  /** Products of fewer multiply-adds than this stay on the calling thread (a wake-up costs more). */
  minWork: number;
  /** How long workers and caller spin before sleeping. */
  spinMicros: number;
  /** Least time to wait for the workers before giving up on a job (grows with the job's size). */
  timeoutMs: number;
}

/**
 * Measured on the 2-core box (bench/threads.ts): an empty job's round trip is under a µs while
 * the workers spin, tens of µs once they sleep (see docs/performance.md, "Threads").
 */
export const DEFAULT_THREAD_OPTIONS: KernelThreadOptions = { minWork: 1_000_000, spinMicros: 200, timeoutMs: 10_000 };

/**
 * The app's default thread count: every core but one, which stays free for the UI's frame
 * budget (the CLI takes every core).
 */
export function appKernelThreads(cores: number): number {
  return Math.max(1, Math.floor(cores) - 1);
}

/** The slice of WebAssembly.Memory the pool needs (the Node type config has no DOM lib to name it). */
export interface SharedWasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}

export class KernelThreadPool {
  private readonly ctl: Int32Array;
  private readonly handles: KernelThreadHandle[] = [];
  private ready = false;
  private broken: string | null = null;
  private disposed = false;
  /** How many products were split across the threads (tests check the threads really ran). */
  splitJobs = 0;
  /** How many of them by column panels, B packed by the threads (runPackingB). */
  columnJobs = 0;
  /** How many times the caller reads the finished count before it sleeps (spinMicros in loads). */
  private readonly spinLoads: number;

  /**
   * `kernels`: the calling thread's instance of the module (on `memory`); `module` is sent to
   * each worker, which instantiates it on the same `memory`.
   */
  constructor(
    private readonly kernels: ChunkKernels,
    module: object,
    private readonly memory: SharedWasmMemory,
    readonly threads: number,
    spawner: KernelThreadSpawner,
    private readonly options: KernelThreadOptions = DEFAULT_THREAD_OPTIONS,
  ) {
    if (!Number.isInteger(threads) || threads < 2 || threads > MAX_THREADS) {
      throw new RangeError(`kernel threads: a pool has 2 to ${MAX_THREADS} threads (got ${threads})`);
    }
    this.spinLoads = Math.round(options.spinMicros * ATOMIC_LOADS_PER_MICROSECOND);
    this.ctl = new Int32Array(new SharedArrayBuffer(CONTROL_INTS * 4));
    this.ctl[NEXT] = CLOSED;
    for (let part = 1; part < threads; part++) {
      this.handles.push(spawner.spawn({ module, memory, control: this.ctl.buffer as SharedArrayBuffer, part, spinMicros: options.spinMicros }));
    }
  }

  /** The shared memory's current size in bytes. */
  memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** Whether every worker has its instance (until then, calls run on the caller alone). */
  isReady(): boolean {
    if (this.ready) return true;
    for (let part = 1; part < this.threads; part++) if (Atomics.load(this.ctl, READY + part) === 0) return false;
    this.ready = true;
    return true;
  }

  /** Resolves once every worker is ready; rejects if one fails to start. */
  async whenReady(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.isReady()) {
      this.checkHealth();
      if (Date.now() > until) throw new KernelThreadError(`kernel threads did not start within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  /**
   * gemm(ap, bp, cp, rowPanels, colPanels, k) of gemm.wat, split by row panels when the product
   * is big enough and the workers are ready; else on the calling thread.
   */
  run(ap: number, bp: number, cp: number, rowPanels: number, colPanels: number, k: number): void {
    if (this.broken !== null) throw new KernelThreadError(this.broken);
    const work = rowPanels * colPanels * k * 32;
    if (work < this.options.minWork || rowPanels < 2 || !this.isReady()) {
      if (Atomics.load(this.ctl, FAILED) !== 0) this.fail(this.failureMessage()); // e.g. a worker that failed to start
      this.kernels.gemm(ap, bp, cp, rowPanels, colPanels, k);
      return;
    }
    this.split(ap, bp, cp, rowPanels, colPanels, k, work);
  }

  /**
   * Packs B (its copy at `bSrc`: row-major K × N with rows `bLd` bytes apart, or stored N × K
   * when `interleaved`) into column panels at `bp`, then gemm(ap, bp, cp, rowPanels, colPanels, k):
   * split by column panels when there are enough of them, each thread packing the panels it
   * computes, so the packing of B is shared out too; else B is packed here and run() splits the
   * product by rows. The same numbers either way.
   */
  runPackingB(
    ap: number, bp: number, cp: number, rowPanels: number, colPanels: number, k: number,
    bSrc: number, bLd: number, n: number, interleaved: boolean,
  ): void {
    if (this.broken !== null) throw new KernelThreadError(this.broken);
    const work = rowPanels * colPanels * k * 32;
    if (work < this.options.minWork || colPanels < MIN_COLUMN_PANELS_PER_THREAD * this.threads || !this.isReady()) {
      if (interleaved) this.kernels.packInterleave(bp, bSrc, bLd, n, k, 3);
      else this.kernels.packContiguous(bp, bSrc, bLd, n, k, 3);
      this.run(ap, bp, cp, rowPanels, colPanels, k);
      return;
    }
    this.checkHealth();
    const ctl = this.ctl;
    ctl[B_SRC] = bSrc;
    ctl[B_LD] = bLd;
    ctl[B_N] = n;
    ctl[B_INTERLEAVED] = interleaved ? 1 : 0;
    this.columnJobs++;
    this.launch(COLUMNS, colPanels, ap, bp, cp, rowPanels, colPanels, k, work);
  }

  /** Every call through here is split across all threads (tests, the wake-up benchmark). */
  split(ap: number, bp: number, cp: number, rowPanels: number, colPanels: number, k: number, work = rowPanels * colPanels * k * 32): void {
    if (this.broken !== null) throw new KernelThreadError(this.broken);
    this.checkHealth(); // a worker that died since the last job: throw now, not after a wait
    this.launch(ROWS, rowPanels, ap, bp, cp, rowPanels, colPanels, k, work);
  }

  /** Runs a job of `kind` cut into chunks of `panels` (row or column panels) on every thread, and waits for it. */
  private launch(kind: number, panels: number, ap: number, bp: number, cp: number, rowPanels: number, colPanels: number, k: number, work: number): void {
    const ctl = this.ctl;
    // About CHUNKS_PER_THREAD chunks per thread: small enough that a late thread's share is
    // taken over, big enough that claiming stays a small part of the work.
    const chunk = Math.max(1, Math.ceil(panels / (this.threads * CHUNKS_PER_THREAD)));
    const chunks = Math.ceil(panels / chunk);
    ctl[KIND] = kind;
    ctl[AP] = ap;
    ctl[BP] = bp;
    ctl[CP] = cp;
    ctl[ROW_PANELS] = rowPanels;
    ctl[COL_PANELS] = colPanels;
    ctl[DEPTH] = k;
    ctl[CHUNK] = chunk;
    ctl[CHUNKS] = chunks;
    this.splitJobs++;
    Atomics.store(ctl, FINISHED, 0);
    Atomics.store(ctl, NEXT, 0); // opens the job (publishes the stores above to any claimer)
    Atomics.add(ctl, SEQ, 1);
    Atomics.notify(ctl, SEQ);
    runChunks(this.kernels, ctl, 0);
    this.waitForChunks(chunks, work);
    Atomics.store(ctl, NEXT, CLOSED); // a worker waking late for this job claims nothing
    if (Atomics.load(ctl, FAILED) !== 0) this.fail(this.failureMessage());
  }

  /**
   * Spins, then sleeps in slices, until every chunk is finished. Counted in loads and slices,
   * not read from a clock: performance.now() returns a new heap number on every call, and this
   * runs inside the training step, which allocates nothing (test/engine/allocation.test.ts).
   */
  private waitForChunks(chunks: number, work: number): void {
    const ctl = this.ctl;
    let finished = Atomics.load(ctl, FINISHED);
    for (let i = this.spinLoads; finished !== chunks && i > 0; i--) finished = Atomics.load(ctl, FINISHED);
    if (finished === chunks) return;
    // Sleep in bounded slices; between them, look for a dead worker and the deadline (at least
    // timeoutMs, more for big products: 0.1 G multiply-adds per second at worst). Only the last
    // chunk's thread notifies, so every other wake-up is a slice that timed out.
    const limitMs = Math.max(this.options.timeoutMs, work / 1e5);
    let sleptMs = 0;
    while (finished !== chunks) {
      if (Atomics.wait(ctl, FINISHED, finished, SLEEP_SLICE_MS) === 'timed-out') sleptMs += SLEEP_SLICE_MS;
      finished = Atomics.load(ctl, FINISHED);
      if (finished === chunks) return;
      this.checkHealth();
      if (sleptMs >= limitMs) this.fail(`a kernel thread did not finish its part of a product within ${Math.round(limitMs)} ms`);
    }
  }

  private fail(message: string): never {
    this.broken = message;
    throw new KernelThreadError(message);
  }

  /** Throws (and breaks the pool) if a worker has ended or failed. */
  private checkHealth(): void {
    if (Atomics.load(this.ctl, FAILED) !== 0) this.fail(this.failureMessage());
    for (let i = 0; i < this.handles.length; i++) {
      const handle = this.handles[i]!;
      if (!handle.alive) this.fail(`kernel thread ${i + 1} stopped: ${handle.endReason ?? 'ended'}`);
    }
  }

  private failureMessage(): string {
    const ctl = this.ctl;
    // The failing thread sets FAILED before it writes the message: give it a moment to finish.
    if (Atomics.load(ctl, MESSAGE) === 0) Atomics.wait(ctl, MESSAGE, 0, 100);
    const length = Math.min(Atomics.load(ctl, MESSAGE), 500);
    let text = '';
    for (let i = 0; i < length; i++) text += String.fromCharCode(ctl[MESSAGE + 1 + i]!);
    const part = Atomics.load(ctl, FAILED) - 1;
    return `${part === 0 ? 'the calling thread\'s part of a threaded product' : `kernel thread ${part}`} failed: ${text || 'unknown error'}`;
  }

  /** Stops every worker (their loops return, then they are terminated). Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.broken ??= 'the kernel threads were stopped';
    Atomics.store(this.ctl, STOP, 1);
    Atomics.add(this.ctl, SEQ, 1);
    Atomics.notify(this.ctl, SEQ);
    for (const handle of this.handles) handle.terminate();
  }
}
