/**
 * Runs the real engine entry (src/main/engine-entry.ts, the utility process's code) over a
 * Node MessageChannel: a fake process.parentPort delivers one end, shaped like Electron's
 * MessagePortMain, and the test talks to the real EngineHost through the other end.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { MainPortLike, ParentPortLike } from '../../src/main/engine-entry';
import { parseProject } from '../../src/shared/project';
import { PROTOCOL_VERSION, type EngineEvent, type EngineRequest } from '../../src/shared/protocol';

const repoRoot = path.resolve(__dirname, '../..');

/** Electron's MessagePortMain wraps messages as { data, ports } and queues them until start(). */
function asMainPort(port: MessagePort): MainPortLike & { started: boolean } {
  const wrapper = {
    started: false,
    on(event: 'message', listener: (e: { data: unknown }) => void) {
      port.on(event, (data) => listener({ data }));
      return wrapper;
    },
    postMessage(message: unknown) {
      port.postMessage(message);
    },
    start() {
      wrapper.started = true;
    },
  };
  return wrapper;
}

class FakeParentPort extends EventEmitter implements ParentPortLike {}

let channel: MessageChannel | null = null;
afterEach(() => {
  channel?.port1.close();
  channel?.port2.close();
  delete (process as { parentPort?: unknown }).parentPort;
});

function nextEvent(port: MessagePort, type: EngineEvent['type']): Promise<EngineEvent> {
  return new Promise((resolve) => {
    const onMessage = (message: EngineEvent) => {
      if (message.type !== type) return;
      port.off('message', onMessage);
      resolve(message);
    };
    port.on('message', onMessage);
  });
}

describe('engine utility process entry', () => {
  it('waits for the port from the main process and serves the engine protocol on it', async () => {
    const parentPort = new FakeParentPort();
    (process as { parentPort?: unknown }).parentPort = parentPort;
    await import('../../src/main/engine-entry'); // the module wires itself to process.parentPort
    expect(parentPort.listenerCount('message')).toBe(1);

    channel = new MessageChannel();
    const enginePort = asMainPort(channel.port1);
    const renderer = channel.port2;
    const ready = nextEvent(renderer, 'ready');
    parentPort.emit('message', { data: { type: 'engine-port' }, ports: [enginePort] });
    expect(enginePort.started).toBe(true);
    expect(await ready).toEqual({ type: 'ready', protocol: PROTOCOL_VERSION });

    const project = parseProject(readFileSync(path.join(repoRoot, 'examples', 'xor-mlp.bprop'), 'utf8'), 'xor-mlp.bprop');
    const loaded = nextEvent(renderer, 'loaded');
    renderer.postMessage({ type: 'load', requestId: 7, project } satisfies EngineRequest);
    const event = await loaded;
    expect(event).toMatchObject({ type: 'loaded', requestId: 7, summary: { task: 'classification' }, state: { status: 'idle', epoch: 0 } });

    // Typed arrays survive the trip without a transfer list (MessagePortMain copies them).
    const prediction = nextEvent(renderer, 'prediction');
    renderer.postMessage({ type: 'predict', requestId: 8, x: new Float32Array([0, 0, 1, 1]), rows: 2 } satisfies EngineRequest);
    const result = (await prediction) as Extract<EngineEvent, { type: 'prediction' }>;
    expect(result.outputs).toBeInstanceOf(Float32Array);
    expect(result.rows).toBe(2);
  });

  it('refuses a first message without a port', async () => {
    const { startEngineOnParentPort, engineDataSource } = await import('../../src/main/engine-entry');
    const parentPort = new FakeParentPort();
    const started = startEngineOnParentPort(parentPort, engineDataSource({}));
    parentPort.emit('message', { data: null, ports: [] });
    await expect(started).rejects.toThrow(/carried no MessagePort/);
  });

  it('reads built-in datasets from BACKPROP_DATASETS_DIR when set (packaged app)', async () => {
    const { engineDataSource } = await import('../../src/main/engine-entry');
    const source = engineDataSource({ BACKPROP_DATASETS_DIR: path.join(repoRoot, 'resources', 'datasets') });
    expect((await source.readText('iris.csv')).length).toBeGreaterThan(1000);
    await expect(engineDataSource({ BACKPROP_DATASETS_DIR: '/nonexistent' }).readText('iris.csv')).rejects.toThrow(/missing/);
  });

  it('starts kernel threads on every core but one (none on one or two cores), from the Node worker entry', async () => {
    const { startAppKernelThreads } = await import('../../src/main/engine-entry');
    const { NODE_KERNEL_THREAD_URL } = await import('../../src/node/kernel-threads');
    const { kernelThreadPool, setKernelThreads } = await import('../../src/engine/backend');
    try {
      expect(startAppKernelThreads(NODE_KERNEL_THREAD_URL, 2)).toBe(1);
      expect(kernelThreadPool()).toBeNull();
      expect(startAppKernelThreads(NODE_KERNEL_THREAD_URL, 4)).toBe(3);
      await kernelThreadPool()!.whenReady(); // the workers really started and instantiated the module
    } finally {
      setKernelThreads(1);
    }
  });
});
