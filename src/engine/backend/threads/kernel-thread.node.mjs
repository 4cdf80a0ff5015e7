// Entry of a kernel thread in Node (worker_threads: the CLI, tests, Electron's engine utility
// process). workerData is the KernelThreadInit; the loop returns when the pool stops it.
import { workerData } from 'node:worker_threads';
import { runKernelThread } from './kernel-thread-loop.mjs';

runKernelThread(workerData);
