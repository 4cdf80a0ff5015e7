/**
 * Kernel threads as Web Workers, started from the web build's engine worker (nested workers).
 * They need SharedArrayBuffer, so the page must be cross-origin isolated (COOP same-origin +
 * COEP require-corp, see vite.web.config.ts); where it is not, the pool is never made and the
 * kernels run on one thread.
 */
import type { KernelThreadHandle, KernelThreadInit, KernelThreadSpawner } from '../../../engine/backend/threads/spawner';

class WebKernelThread implements KernelThreadHandle {
  endReason: string | null = null;
  private readonly worker: Worker;

  constructor(init: KernelThreadInit) {
    // This exact form lets Vite find and bundle the entry.
    this.worker = new Worker(new URL('../../../engine/backend/threads/kernel-thread.web.mjs', import.meta.url), { type: 'module', name: `kernel thread ${init.part}` });
    this.worker.addEventListener('error', (event) => {
      this.endReason ??= `failed: ${event.message || 'the worker script did not load'}`;
    });
    this.worker.postMessage(init);
  }

  get alive(): boolean {
    return this.endReason === null;
  }

  terminate(): void {
    this.worker.terminate();
    this.endReason ??= 'terminated';
  }
}

export const webKernelThreadSpawner: KernelThreadSpawner = {
  spawn: (init) => new WebKernelThread(init),
};
