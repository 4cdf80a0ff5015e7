// Entry of a kernel thread in a browser (a Web Worker started by the engine's own worker):
// the first message is the KernelThreadInit; the loop returns when the pool stops it.
import { runKernelThread } from './kernel-thread-loop.mjs';

self.addEventListener('message', (event) => runKernelThread(event.data), { once: true });
