/**
 * How the kernel thread pool starts its threads: a port, injected by each platform's entry
 * (like the engine host's message port): worker_threads in Node (node-spawner.ts: the CLI,
 * tests, Electron's engine utility process), Web Workers in a browser (web-spawner.ts: the web
 * build's engine worker). Without one, the kernels stay on one thread.
 */
import type { KernelThreadInit } from './kernel-thread-loop.mjs';

export type { KernelThreadInit } from './kernel-thread-loop.mjs';

export interface KernelThreadHandle {
  /**
   * False once the thread has ended or failed to start. Read synchronously while the caller
   * waits for a job (Node knows at once; a browser only after its error event, so there the
   * pool's wait bound applies).
   */
  readonly alive: boolean;
  /** Why the thread ended (an uncaught error, an exit code), once it has. */
  readonly endReason: string | null;
  /** Ends the thread (its loop has usually returned already, after STOP). */
  terminate(): void;
}

export interface KernelThreadSpawner {
  /** Starts one kernel thread running runKernelThread(init). It must not keep the process alive. */
  spawn(init: KernelThreadInit): KernelThreadHandle;
}
