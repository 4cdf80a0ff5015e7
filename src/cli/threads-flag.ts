/**
 * `--threads N` of `bprop train` and `bprop bench`: how many threads the WebAssembly kernels
 * split their products across (src/engine/backend/threads). Default: one thread. On the 2-core
 * development box, with no idle core, two threads measured 0.41–1.2× of one (W6 slowest;
 * docs/performance.md, "Threads"), so more threads are opt-in until a machine with idle cores
 * shows a gain. Kernel threads are worker_threads that never keep the process
 * alive; where they cannot start, the kernels stay on one thread.
 */
import { kernelThreadPool, setKernelThreads, setKernelThreadSpawner } from '../engine/backend';
import { MAX_THREADS } from '../engine/backend/threads/kernel-thread-loop.mjs';
import { nodeKernelThreadSpawner } from '../node/kernel-threads';
import { intFlag, type ParsedArgs } from './args';

/** Reads --threads, starts the kernel threads and waits until they are ready; returns the count in use. */
export async function applyThreadsFlag(args: ParsedArgs): Promise<number> {
  const requested = intFlag(args, 'threads', 1, MAX_THREADS) ?? 1;
  return useKernelThreads(requested);
}

export async function useKernelThreads(requested: number): Promise<number> {
  setKernelThreadSpawner(nodeKernelThreadSpawner());
  const threads = setKernelThreads(requested);
  await kernelThreadPool()?.whenReady();
  return threads;
}
