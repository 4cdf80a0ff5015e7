/**
 * The Web Worker entry of the web build: the engine host over the worker's own message port.
 * The page starts it with `new Worker(new URL('../worker/engine-worker.ts', import.meta.url),
 * { type: 'module', name: <datasets URL> })`: the worker's name carries the URL of the shipped
 * datasets, which the worker cannot derive from its own (hashed, relocated) script URL.
 */
import { EngineHost } from '../../../engine/host';
import { createFetchDatasetIO } from '../../../engine/data/fetch-io';
import type { EngineEvent, EngineRequest } from '../../../shared/protocol';
import { createZeroDelayScheduler } from './schedule';
import { setKernelThreads, setKernelThreadSpawner } from '../../../engine/backend';
import { appKernelThreads } from '../../../engine/backend/threads/pool';
import { webKernelThreadSpawner } from './kernel-threads';

// Kernel threads (nested workers): every core but one, which the page keeps for its frames.
// Without cross-origin isolation (no SharedArrayBuffer), this silently stays one thread.
setKernelThreadSpawner(webKernelThreadSpawner);
setKernelThreads(appKernelThreads(self.navigator.hardwareConcurrency || 1));

const scope = self as unknown as DedicatedWorkerGlobalScope;
const datasetsUrl = scope.name || new URL('../datasets/', scope.location.href).href;

new EngineHost(
  {
    on: (listener) => scope.addEventListener('message', (e: MessageEvent<EngineRequest>) => listener(e.data)),
    postMessage: (message: EngineEvent, transfer) => scope.postMessage(message, transfer ?? []),
  },
  createFetchDatasetIO(datasetsUrl),
  { schedule: createZeroDelayScheduler() },
);
