/** Drives an EngineHost in a worker thread from tests: send requests, await events. */
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type { AnswerOf, EngineEvent, EngineRequest, EngineRequestMessage, RequestBody, RequestType } from '../../src/shared/protocol';
import type { Project } from '../../src/shared/project-types';

export class HostClient {
  readonly worker: Worker;
  readonly events: EngineEvent[] = [];
  private waiters: { pred: (e: EngineEvent) => boolean; resolve: (e: EngineEvent) => void; reject: (e: Error) => void }[] = [];
  exited: number | null = null;

  constructor() {
    this.worker = new Worker(path.join(__dirname, 'host-worker.mjs'));
    this.worker.on('message', (e: EngineEvent) => {
      this.events.push(e);
      this.waiters = this.waiters.filter((w) => (w.pred(e) ? (w.resolve(e), false) : true));
    });
    this.worker.on('exit', (code) => {
      this.exited = code;
      for (const w of this.waiters) w.reject(new Error(`engine worker exited with code ${code}`));
      this.waiters = [];
    });
  }

  send(msg: EngineRequest): void {
    this.worker.postMessage(msg);
  }

  private nextId = 1000;

  /** Request K with a fresh requestId: its answer (typed by the protocol map), or the engine's error as a rejection. */
  async ask<K extends RequestType>(request: { type: K } & RequestBody<K>): Promise<AnswerOf<K>> {
    const requestId = this.nextId++;
    const answer = new Promise<EngineEvent>((resolve, reject) => {
      this.waiters.push({ pred: (e) => 'requestId' in e && e.requestId === requestId, resolve, reject });
    });
    this.send({ ...request, requestId } as EngineRequestMessage);
    const e = await answer;
    if (e.type === 'error') throw new Error(e.message);
    return e as AnswerOf<K>;
  }

  /** The next event (from now on, or already received if `fromIndex` is given) matching the predicate. */
  waitFor<T extends EngineEvent['type']>(type: T, pred: (e: Extract<EngineEvent, { type: T }>) => boolean = () => true, timeoutMs = 30_000): Promise<Extract<EngineEvent, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for '${type}'; last events: ${this.events.slice(-3).map((e) => e.type).join(', ')}`)), timeoutMs);
      this.waiters.push({
        pred: (e) => e.type === type && pred(e as Extract<EngineEvent, { type: T }>),
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e as Extract<EngineEvent, { type: T }>);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
    });
  }

  of<T extends EngineEvent['type']>(type: T): Extract<EngineEvent, { type: T }>[] {
    return this.events.filter((e) => e.type === type) as Extract<EngineEvent, { type: T }>[];
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** A new engine in a worker thread with `project` loaded: the client and the 'loaded' answer. */
export async function startHostWith(project: Project) {
  const client = new HostClient();
  await client.waitFor('ready');
  client.send({ type: 'load', requestId: 1, project });
  const loaded = await client.waitFor('loaded', (e) => e.requestId === 1);
  return { client, loaded };
}
