/** A worker_threads entry that runs the real EngineHost over the thread's parentPort. */
import { parentPort } from 'node:worker_threads';
import { EngineHost } from '../../src/engine/host';
import { nodeDatasetIO } from '../../src/node/datasets';
import type { EngineEvent, EngineRequest } from '../../src/shared/protocol';

if (!parentPort) throw new Error('host-worker must run in a worker thread');
const port = parentPort;
new EngineHost(
  {
    on: (listener) => port.on('message', (m: EngineRequest) => listener(m)),
    postMessage: (m: EngineEvent, transfer) => port.postMessage(m, transfer ?? []),
  },
  nodeDatasetIO,
  { schedule: (fn) => setImmediate(fn) },
);
