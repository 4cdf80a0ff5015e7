/**
 * Where the engine's port comes from. Desktop: the preload posts a MessagePort to the page
 * (and a fresh one after main restarted a crashed engine). Web: a module Web Worker, replaced
 * when it crashes. Tests: any EnginePort pair.
 */
import { ENGINE_PORT_MESSAGE, type DesktopApi } from '../../../shared/desktop-api';
import type { EngineEvent, EnginePort, EngineRequest } from '../../../shared/protocol';

/** The renderer's end of the engine channel. */
export interface ClientPort extends EnginePort<EngineEvent, EngineRequest> {
  /** Stops listening and releases the channel (the engine behind it is gone or replaced). */
  close(): void;
}

export interface TransportSink {
  /** A (fresh) port to an engine that has not seen this session's project yet. */
  connect(port: ClientPort): void;
  /** The engine stopped unexpectedly and was (or is being) replaced by a fresh one. */
  restarted(reason: string): void;
  /** The engine keeps stopping and was not restarted. */
  failed(reason: string): void;
}

export interface EngineTransport {
  start(sink: TransportSink): void;
  dispose(): void;
}

/** Wraps a DOM MessagePort (or a Worker) as a ClientPort. Outgoing buffers are copied, never transferred. */
export function domClientPort(target: MessagePort | Worker, onClose: () => void = () => {}): ClientPort {
  let listener: ((e: MessageEvent) => void) | null = null;
  return {
    on: (l) => {
      listener = (e: MessageEvent) => l(e.data as EngineEvent);
      target.addEventListener('message', listener as EventListener);
      if ('start' in target) target.start();
    },
    postMessage: (message) => target.postMessage(message),
    close: () => {
      if (listener) target.removeEventListener('message', listener as EventListener);
      listener = null;
      onClose();
    },
  };
}

/**
 * Ports the preload posted before anyone asked (the port arrives once the page has loaded; the
 * client may be created later). Call `captureEnginePorts(window)` early, at module load.
 */
const captured: MessagePort[] = [];
const portListeners = new Set<(port: MessagePort) => void>();
let capturing = false;

export function captureEnginePorts(win: Window): void {
  if (capturing) return;
  capturing = true;
  win.addEventListener('message', (e: MessageEvent) => {
    if (e.data !== ENGINE_PORT_MESSAGE || !e.ports[0]) return;
    if (portListeners.size === 0) captured.push(e.ports[0]);
    for (const l of portListeners) l(e.ports[0]);
  });
}

/** Desktop: ports from the preload; restart notices from window.backprop.onEngineRestarted. */
export function desktopTransport(win: Window, api: Pick<DesktopApi, 'onEngineRestarted'>): EngineTransport {
  let unsubscribe: (() => void) | null = null;
  let onPort: ((port: MessagePort) => void) | null = null;
  return {
    start(sink) {
      captureEnginePorts(win);
      onPort = (port) => sink.connect(domClientPort(port, () => port.close()));
      portListeners.add(onPort);
      // Only the newest early port matters: older ones belong to engines already replaced.
      const early = captured.splice(0);
      early.slice(0, -1).forEach((p) => p.close());
      if (early.length) onPort(early[early.length - 1]);
      unsubscribe = api.onEngineRestarted((info) => sink.restarted(info.reason));
    },
    dispose() {
      if (onPort) portListeners.delete(onPort);
      unsubscribe?.();
    },
  };
}

/**
 * Web: the engine in a module Web Worker; an `error` event means it crashed: replace it, unless
 * it crashed `maxCrashes` times within `crashWindowMs` (e.g. its script does not load).
 */
export function workerTransport(createWorker: () => Worker, { maxCrashes = 3, crashWindowMs = 10_000, now = Date.now } = {}): EngineTransport {
  let worker: Worker | null = null;
  let disposed = false;
  let crashes: number[] = [];
  const spawn = (sink: TransportSink): void => {
    const w = createWorker();
    worker = w;
    w.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      if (disposed || worker !== w) return;
      w.terminate();
      worker = null;
      const reason = e.message || 'the engine worker crashed';
      const t = now();
      crashes = [...crashes.filter((c) => t - c < crashWindowMs), t];
      if (crashes.length >= maxCrashes) return sink.failed(`${reason} (${crashes.length} times in a row)`);
      spawn(sink);
      sink.restarted(reason);
    });
    sink.connect(domClientPort(w, () => w.terminate()));
  };
  return {
    start: (sink) => spawn(sink),
    dispose() {
      disposed = true;
      worker?.terminate();
      worker = null;
    },
  };
}

/** The web build's engine worker; its name carries the URL of the shipped datasets. */
export function createEngineWorker(): Worker {
  const datasetsUrl = new URL('datasets/', document.baseURI).href;
  return new Worker(new URL('../worker/engine-worker.ts', import.meta.url), { type: 'module', name: datasetsUrl });
}
