/**
 * Entry of the engine utility process (built as out/main/engine.js, started by
 * EngineSupervisor with utilityProcess.fork). It waits for the MessagePort the main process
 * sends through process.parentPort and serves the engine protocol on it. No Electron import:
 * the shapes below are the few parts of ParentPort/MessagePortMain it uses.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setKernelThreads, setKernelThreadSpawner } from '../engine/backend';
import { appKernelThreads } from '../engine/backend/threads/pool';
import { createNodeDatasetIO, nodeDatasetIO } from '../node/datasets';
import { NODE_KERNEL_THREAD_URL, nodeKernelThreadSpawner } from '../node/kernel-threads';
import type { DataSource } from '../engine/session';
import { EngineHost } from '../engine/host';
import { DATASETS_DIR_ENV } from './engine-env';
import type { EngineEvent, EnginePort, EngineRequest } from '../shared/protocol';

/** The part of Electron's MessagePortMain the engine uses. */
export interface MainPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
}

/** The part of Electron's process.parentPort the engine uses. */
export interface ParentPortLike {
  once(event: 'message', listener: (event: { data: unknown; ports: MainPortLike[] }) => void): unknown;
}

/**
 * Adapts a MessagePortMain to the host's EnginePort. MessagePortMain can only transfer other
 * ports, not ArrayBuffers, so the transfer list is ignored and structured clone copies the
 * buffers instead (the host keeps no reference to what it sends, so copying is safe).
 */
export function enginePortFromMainPort(port: MainPortLike): EnginePort<EngineRequest, EngineEvent> {
  return {
    on: (listener) => {
      port.on('message', (event) => listener(event.data as EngineRequest));
    },
    postMessage: (message) => port.postMessage(message),
  };
}

export function engineDataSource(env: NodeJS.ProcessEnv = process.env): DataSource {
  const dir = env[DATASETS_DIR_ENV];
  return dir ? createNodeDatasetIO(dir) : nodeDatasetIO;
}

/** Resolves with the host once the main process has sent the port. */
export function startEngineOnParentPort(parentPort: ParentPortLike, dataSource: DataSource): Promise<EngineHost> {
  return new Promise((resolve, reject) => {
    parentPort.once('message', (event) => {
      const port = event.ports[0];
      if (!port) {
        reject(new Error('engine: the first message from the main process carried no MessagePort'));
        return;
      }
      const host = new EngineHost(enginePortFromMainPort(port), dataSource);
      port.start(); // MessagePortMain queues incoming messages until started
      resolve(host);
    });
  });
}

/**
 * Kernel threads for the engine process: every core but one (the UI keeps its frame budget).
 * The worker entry is built beside this file (electron.vite.config.ts: out/main/kernel-thread.js).
 */
export function startAppKernelThreads(entry: URL, cores = availableParallelism()): number {
  setKernelThreadSpawner(nodeKernelThreadSpawner(entry));
  return setKernelThreads(appKernelThreads(cores));
}

const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
if (parentPort) {
  // Built: out/main/kernel-thread.js beside engine.js; run from the sources (tests): the .mjs entry.
  const built = new URL('./kernel-thread.js', import.meta.url);
  startAppKernelThreads(existsSync(fileURLToPath(built)) ? built : NODE_KERNEL_THREAD_URL);
  startEngineOnParentPort(parentPort, engineDataSource()).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
