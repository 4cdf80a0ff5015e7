/**
 * Test plumbing for the engine client: a real EngineHost behind an in-memory port pair
 * (messages are structured-cloned and delivered asynchronously, like a real MessagePort), and
 * a transport whose engine can be "crashed" and replaced. No worker needed.
 */
import { EngineHost } from '../../src/engine/host';
import type { DataSource } from '../../src/engine/session';
import { parseProject } from '../../src/shared/project';
import type { Project } from '../../src/shared/project-types';
import type { EngineEvent, EnginePort, EngineRequest } from '../../src/shared/protocol';
import type { ClientPort, EngineTransport, TransportSink } from '../../src/renderer/src/engine-client/transports';
import irisBprop from '../../examples/iris.bprop?raw';
import xorBprop from '../../examples/xor-mlp.bprop?raw';
import irisCsv from '../../resources/datasets/iris.csv?raw';

export const files: Record<string, string> = { 'iris.csv': irisCsv };

export const dataSource: DataSource = {
  readText: async (file) => {
    if (!(file in files)) throw new Error(`test data source has no ${file}`);
    return files[file];
  },
  readBytes: async () => {
    throw new Error('no binary datasets in these tests');
  },
};

export const examples = { iris: () => parseProject(irisBprop, 'iris.bprop'), xor: () => parseProject(xorBprop, 'xor-mlp.bprop') };
export const exampleText = { iris: irisBprop };

export function withTraining(project: Project, training: Partial<Project['training']>): Project {
  return { ...project, training: { ...project.training, ...training } };
}

/** Two connected ports; `kill()` silences both ends (the engine behind it is gone). */
export function portPair(): { client: ClientPort; host: EnginePort<EngineRequest, EngineEvent>; kill(): void; sentToHost: EngineRequest[] } {
  let alive = true;
  let toClient: ((m: EngineEvent) => void) | null = null;
  let toHost: ((m: EngineRequest) => void) | null = null;
  const sentToHost: EngineRequest[] = [];
  const deliver = <T>(target: () => ((m: T) => void) | null, message: T, transfer?: ArrayBuffer[]) => {
    const copy = structuredClone(message, transfer ? { transfer } : undefined);
    setTimeout(() => alive && target()?.(copy), 0);
  };
  return {
    client: {
      on: (l) => void (toClient = l),
      postMessage: (m) => {
        sentToHost.push(m);
        deliver(() => toHost, m);
      },
      close: () => void (alive = false),
    },
    host: { on: (l) => void (toHost = l), postMessage: (m, t) => deliver(() => toClient, m, t) },
    kill: () => void (alive = false),
    sentToHost,
  };
}

/** Spawns a real EngineHost per connection; `crash()` kills it and connects a fresh one. */
export class TestTransport implements EngineTransport {
  sink: TransportSink | null = null;
  pairs: ReturnType<typeof portPair>[] = [];
  started = 0;

  start(sink: TransportSink): void {
    this.sink = sink;
    this.spawn();
  }

  dispose(): void {
    this.current?.kill();
  }

  get current() {
    return this.pairs.at(-1);
  }

  spawn(): void {
    const pair = portPair();
    this.pairs.push(pair);
    new EngineHost(pair.host, dataSource, { progressIntervalMs: 10 });
    this.started++;
    this.sink!.connect(pair.client);
  }

  /** Like the desktop: the fresh port first, then main's restart notice (or the reverse). */
  crash(order: 'portFirst' | 'noticeFirst' = 'portFirst'): void {
    this.current!.kill();
    if (order === 'portFirst') {
      this.spawn();
      this.sink!.restarted('test crash');
    } else {
      this.sink!.restarted('test crash');
      setTimeout(() => this.spawn(), 5);
    }
  }
}

export async function until(pred: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
