/**
 * Kernel threads as Node worker_threads (the CLI, tests, Electron's engine utility process).
 * The worker entry is a plain .mjs file beside this one, so it runs without TypeScript tooling;
 * a bundled build passes the entry's URL where the bundler put it (src/main/engine-entry.ts).
 */
import { Worker } from 'node:worker_threads';
import type { KernelThreadHandle, KernelThreadInit, KernelThreadSpawner } from '../engine/backend/threads/spawner';

/** Where the Node worker entry sits next to this module (sources run by tsx or vitest). */
export const NODE_KERNEL_THREAD_URL = new URL('../engine/backend/threads/kernel-thread.node.mjs', import.meta.url);

class NodeKernelThread implements KernelThreadHandle {
  endReason: string | null = null;
  /** Resolves with the exit code once the thread has ended. */
  readonly exited: Promise<number>;
  private readonly worker: Worker;

  constructor(entry: URL, init: KernelThreadInit) {
    this.worker = new Worker(entry, { workerData: init, name: `kernel thread ${init.part}` });
    this.worker.unref(); // a kernel thread never keeps the process alive
    this.worker.on('error', (error) => {
      this.endReason ??= `failed: ${error.message}`;
    });
    this.exited = new Promise((resolve) => {
      this.worker.on('exit', (code) => {
        this.endReason ??= `exited (code ${code})`;
        resolve(code);
      });
    });
  }

  get alive(): boolean {
    // threadId turns -1 as soon as the thread is gone, before the 'exit' event is delivered:
    // the one signal a caller blocked in Atomics.wait can read.
    return this.endReason === null && this.worker.threadId !== -1;
  }

  terminate(): void {
    void this.worker.terminate();
  }

  /** The underlying worker (tests wait for its 'exit' event). */
  get nodeWorker(): Worker {
    return this.worker;
  }
}

export function nodeKernelThreadSpawner(entry: URL = NODE_KERNEL_THREAD_URL): KernelThreadSpawner & { spawned: NodeKernelThread[] } {
  const spawned: NodeKernelThread[] = [];
  return {
    spawned,
    spawn(init) {
      const thread = new NodeKernelThread(entry, init);
      spawned.push(thread);
      return thread;
    },
  };
}
