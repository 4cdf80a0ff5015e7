/**
 * Paced training in the engine host, on fake timers: the number of steps after a given amount
 * of (fake) time, pause/resume, a change of pace while waiting, one step at a time, train until
 * stopped, and that a restarted loop never runs beside the old one. No wall-clock thresholds.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineHost } from '../../../src/engine/host';
import type { EngineEvent, EngineRequest, TrainingState } from '../../../src/shared/protocol';
import type { TrainingPace } from '../../../src/shared/protocol-pace';
import { chainGraph, makeProject } from '../../helpers/projects';

const noFiles = {
  readText: () => Promise.reject(new Error('no files in this test')),
  readBytes: () => Promise.reject(new Error('no files in this test')),
};

/** XOR with the 4 points as one batch: one step is one epoch. */
const project = (epochs = 1000) =>
  makeProject(
    chainGraph([['x', 'input'], ['h', 'dense', { units: 4 }], ['a', 'tanh'], ['o', 'dense', { units: 1 }], ['p', 'sigmoid'], ['loss', 'binaryCrossEntropy']]),
    { dataset: 'xor', normalize: 'none', split: { validation: 0, test: 0 } },
    { epochs, batchSize: 4 },
  );

class FakeUi {
  readonly events: EngineEvent[] = [];
  private listener: ((m: EngineRequest) => void) | null = null;
  readonly port = {
    on: (l: (m: EngineRequest) => void) => (this.listener = l),
    postMessage: (m: EngineEvent) => void this.events.push(m),
  };
  send(m: EngineRequest) {
    this.listener!(m);
  }
  of<T extends EngineEvent['type']>(type: T) {
    return this.events.filter((e) => e.type === type) as Extract<EngineEvent, { type: T }>[];
  }
  get state(): TrainingState {
    const last = [...this.events].reverse().find((e) => e.type === 'progress' || e.type === 'done' || e.type === 'loaded') as { state: TrainingState };
    return last.state;
  }
  get steps() {
    return this.state.globalStep;
  }
}

let ui: FakeUi;
let clock = 0;

async function start(pace: TrainingPace, epochs = 1000, untilStopped = false) {
  ui = new FakeUi();
  // Fake time moves 1 ms per reading, so an as-fast-as-possible slice (20 ms) ends after a few steps.
  new EngineHost(ui.port, noFiles, { now: () => (clock += 1) });
  ui.send({ type: 'load', requestId: 1, project: project(epochs) });
  await vi.waitFor(() => expect(ui.of('loaded')).toHaveLength(1));
  ui.send({ type: 'setPace', pace, untilStopped });
  ui.send({ type: 'subscribeProbes', probes: { boundary: { resolution: 8 } } });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('paced training (engine host, fake timers)', () => {
  it('at 5 steps/s takes one step per 200 ms, each with its own progress and probe frame', async () => {
    await start(5);
    ui.send({ type: 'train' });
    await vi.advanceTimersByTimeAsync(0);
    expect(ui.steps).toBe(1);
    await vi.advanceTimersByTimeAsync(199);
    expect(ui.steps).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(ui.steps).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(ui.steps).toBe(7);
    const progressSteps = ui.of('progress').map((p) => p.state.globalStep).filter((s) => s > 0);
    expect(new Set(progressSteps)).toEqual(new Set([1, 2, 3, 4, 5, 6, 7])); // every step reported
    const frames = ui.of('probes').map((f) => f.frame.globalStep);
    for (let s = 1; s <= 7; s++) expect(frames).toContain(s); // and drawn
    expect(ui.state.status).toBe('training');
  });

  it('takes no step while paused and keeps the pace after Resume', async () => {
    await start(20);
    ui.send({ type: 'train' });
    await vi.advanceTimersByTimeAsync(100); // steps at 0, 50, 100
    expect(ui.steps).toBe(3);
    ui.send({ type: 'pause' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(ui.steps).toBe(3);
    expect(ui.state.status).toBe('paused');
    ui.send({ type: 'resume' });
    await vi.advanceTimersByTimeAsync(500);
    expect(ui.steps).toBeGreaterThanOrEqual(12);
    expect(ui.steps).toBeLessThanOrEqual(14);
  });

  it('a faster pace applies at once, without waiting out the slow interval', async () => {
    await start(1);
    ui.send({ type: 'train' });
    await vi.advanceTimersByTimeAsync(10);
    expect(ui.steps).toBe(1);
    ui.send({ type: 'setPace', pace: 20, untilStopped: false });
    await vi.advanceTimersByTimeAsync(0);
    expect(ui.steps).toBe(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(ui.steps).toBe(4);
  });

  it('one step at a time: Train and Resume each take exactly one step, then pause', async () => {
    await start('step');
    ui.send({ type: 'train' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ui.steps).toBe(1);
    expect(ui.state.status).toBe('paused');
    ui.send({ type: 'resume' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ui.steps).toBe(2);
    expect(ui.state.status).toBe('paused');
  });

  it('switching to one step at a time pauses a running loop', async () => {
    await start(5);
    ui.send({ type: 'train' });
    await vi.advanceTimersByTimeAsync(0);
    ui.send({ type: 'setPace', pace: 'step', untilStopped: false });
    await vi.advanceTimersByTimeAsync(5000);
    expect(ui.steps).toBe(1);
    expect(ui.state.status).toBe('paused');
  });

  it('Stop then Train while a paced step is pending runs one loop, not two', async () => {
    await start(5);
    ui.send({ type: 'train' });
    await vi.advanceTimersByTimeAsync(50);
    ui.send({ type: 'stop' });
    expect(ui.of('done').at(-1)!.state.status).toBe('stopped');
    expect(ui.steps).toBe(1);
    ui.send({ type: 'train' });
    await vi.advanceTimersByTimeAsync(1000);
    // 1 + steps at 0, 200, …, 1000 of the new loop: the old loop's pending timer took none
    expect(ui.steps).toBe(7);
  });

  it('until stopped: runs past the configured epochs at full speed until Stop', async () => {
    await start('max', 3, true);
    ui.send({ type: 'train' });
    await vi.advanceTimersByTimeAsync(200);
    expect(ui.state.epoch).toBeGreaterThan(3);
    expect(ui.state).toMatchObject({ status: 'training', totalEpochs: 3, untilStopped: true });
    expect(ui.of('done')).toHaveLength(0);
    ui.send({ type: 'stop' });
    expect(ui.of('done').at(-1)!.state).toMatchObject({ status: 'stopped' });
    const epochs = ui.of('progress').flatMap((p) => p.epochs.map((e) => e.epoch));
    expect(epochs.slice(0, 5)).toEqual([1, 2, 3, 4, 5]); // every epoch streamed with its loss
  });

  it('without "until stopped" the run ends at its epochs, paced or not', async () => {
    await start(20, 3);
    ui.send({ type: 'train' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(ui.of('done').at(-1)!.state).toMatchObject({ status: 'finished', epoch: 3, globalStep: 3 });
  });

  it('refuses a pace that is not one', async () => {
    await start('max');
    ui.send({ type: 'setPace', pace: 0, untilStopped: false });
    ui.send({ type: 'setPace', pace: 'fast' as never, untilStopped: false });
    await vi.advanceTimersByTimeAsync(0);
    expect(ui.of('error').map((e) => e.message)).toEqual([
      'pace must be between 0.1 and 200 steps per second (got 0)',
      `pace must be 'step', 'max' or a number of steps per second (got "fast")`,
    ]);
  });
});
