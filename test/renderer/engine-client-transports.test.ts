// @vitest-environment jsdom
/** Where the engine's port comes from: the preload's MessagePort (desktop) or a Web Worker (web). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineClient } from '../../src/renderer/src/engine-client/client';
import { createTrainingStore } from '../../src/renderer/src/engine-client/training-store';
import { captureEnginePorts, desktopTransport, workerTransport, type TransportSink } from '../../src/renderer/src/engine-client/transports';
import { ENGINE_PORT_MESSAGE, type EngineRestartInfo } from '../../src/shared/desktop-api';
import { EngineHost } from '../../src/engine/host';
import type { EngineRequest } from '../../src/shared/protocol';
import { dataSource, examples, until } from './engine-client-helpers';

/** A stand-in for a module Worker: an EventTarget with postMessage/terminate. */
class FakeWorker extends EventTarget {
  terminated = false;
  sent: unknown[] = [];
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  crash(message = 'Uncaught RangeError: boom'): void {
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }
}

function sink(): TransportSink & { ports: unknown[]; restarts: string[]; failures: string[] } {
  const s = { ports: [] as unknown[], restarts: [] as string[], failures: [] as string[] };
  return { ...s, connect: (p) => void s.ports.push(p), restarted: (r) => void s.restarts.push(r), failed: (r) => void s.failures.push(r) };
}

describe('web transport: a module worker', () => {
  it('replaces a crashed worker and says it restarted', () => {
    const workers: FakeWorker[] = [];
    const t = workerTransport(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    });
    const s = sink();
    t.start(s);
    expect(s.ports).toHaveLength(1);
    workers[0].crash();
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(s.ports).toHaveLength(2);
    expect(s.restarts).toEqual(['Uncaught RangeError: boom']);
    t.dispose();
    expect(workers[1].terminated).toBe(true);
  });

  it('gives up after repeated crashes in a short time', () => {
    const workers: FakeWorker[] = [];
    const t = workerTransport(() => workers[workers.push(new FakeWorker()) - 1] as unknown as Worker, { maxCrashes: 3, crashWindowMs: 10_000 });
    const s = sink();
    t.start(s);
    workers[0].crash();
    workers[1].crash();
    workers[2].crash();
    expect(workers).toHaveLength(3);
    expect(s.failures[0]).toMatch(/3 times in a row/);
  });

  it('the client re-sends the project to the new worker and the store shows the restart', async () => {
    const workers: FakeWorker[] = [];
    const client = new EngineClient(workerTransport(() => workers[workers.push(new FakeWorker()) - 1] as unknown as Worker));
    const store = createTrainingStore(() => client);
    store.getState().connect();
    void store.getState().load(examples.xor());
    expect((workers[0].sent[0] as EngineRequest).type).toBe('load');
    workers[0].crash();
    expect((workers[1].sent[0] as EngineRequest).type).toBe('load');
    expect(store.getState().notice).toBe('The engine stopped after 0 finished epochs and was restarted; your project is unchanged.');
    client.dispose();
  });
});

describe('desktop transport: the preload posts a MessagePort', () => {
  let restart: ((info: EngineRestartInfo) => void) | null = null;
  const api = { onEngineRestarted: (l: (info: EngineRestartInfo) => void) => ((restart = l), () => (restart = null)) };
  afterEach(() => vi.useRealTimers());

  /** A real MessageChannel with a real EngineHost on port1; port2 is posted to the page. */
  function postEnginePort(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    const host = new EngineHost(
      { on: (l) => port1.addEventListener('message', (e) => l(e.data)), postMessage: (m) => port1.postMessage(m) },
      dataSource,
    );
    port1.start();
    void host;
    window.dispatchEvent(new MessageEvent('message', { data: ENGINE_PORT_MESSAGE, ports: [port2] }));
    return port1;
  }

  it('takes a port posted before the client existed, and a fresh one after a restart', async () => {
    captureEnginePorts(window); // what engine-client/index.ts does at import on the desktop
    const first = postEnginePort(); // arrives before the client exists
    const client = new EngineClient(desktopTransport(window, api));
    const store = createTrainingStore(() => client);
    store.getState().connect();
    expect(store.getState().connection).toBe('connected');
    const loaded = await store.getState().load(examples.iris());
    expect(loaded.type).toBe('loaded');

    first.close(); // the engine process died
    postEnginePort();
    restart!({ reason: 'the engine process exited unexpectedly (code 9)' });
    await until(() => store.getState().summary !== null && store.getState().notice !== null, 'the reload');
    expect(store.getState().notice).toMatch(/stopped after 0 finished epochs and was restarted/);
    expect((await store.getState().getWeights()).hidden.kernel.shape).toEqual([4, 16]);
    client.dispose();
    expect(restart).toBeNull();
  });

  it('ignores other window messages', () => {
    const s = sink();
    const t = desktopTransport(window, api);
    t.start(s);
    window.dispatchEvent(new MessageEvent('message', { data: 'something else', ports: [new MessageChannel().port1] }));
    window.dispatchEvent(new MessageEvent('message', { data: ENGINE_PORT_MESSAGE }));
    expect(s.ports).toHaveLength(0);
    t.dispose();
  });
});
