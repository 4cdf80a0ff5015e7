// @vitest-environment jsdom
/** Runs kept in the project, and the live chart series fed from the training store. */
import { describe, expect, it } from 'vitest';
import { parseProject, serializeProject } from '../../src/shared/project';
import type { EpochRecord, TrainingState } from '../../src/shared/protocol';
import { templates } from '../../src/shared/templates';
import { describeArchitecture, makeRun, MAX_RUN_EPOCHS, MAX_RUNS, nextRunId, recordRun, removeRun, runEpochs, settingsDiff } from '../../src/renderer/src/training/runs';
import { LiveSeries } from '../../src/renderer/src/training/live-series';
import { StepLossSeries } from '../../src/renderer/src/engine-client/step-losses';

const circle = () => templates.find((t) => t.id === 'playground-circle')!.build();
const epochs = (n: number): EpochRecord[] =>
  Array.from({ length: n }, (_, i) => ({ epoch: i + 1, loss: 1 / (i + 1) + 1e-9 * Math.PI, accuracy: 0.5 + i / (2 * n), valLoss: 1.1 / (i + 1), valAccuracy: 0.5, learningRate: 0.03 }));

describe('recording runs', () => {
  it('records a run with its settings snapshot; the project round-trips through the file format', () => {
    const project = circle();
    const run = makeRun({ id: nextRunId(project), startedAt: new Date('2026-11-21T10:00:00Z'), project, epochs: epochs(3), status: 'finished', architecture: '2 → 8 tanh', test: { loss: 0.2, accuracy: 0.97 } });
    const next = recordRun(project, run);
    expect(next).not.toBe(project);
    expect(project.runs).toBeUndefined(); // pure
    expect(next.runs).toHaveLength(1);
    expect(next.runs![0]).toMatchObject({ id: 'run-1', startedAt: '2026-11-21T10:00:00.000Z', status: 'finished', test: { loss: 0.2, accuracy: 0.97 } });
    expect(next.runs![0].settings.training).toEqual(project.training);
    expect(next.runs![0].settings.training).not.toBe(project.training); // a snapshot
    expect(next.runs![0].epochs[0].loss).toBe(1); // rounded to 4 significant digits
    const back = parseProject(serializeProject(next));
    expect(back.runs).toEqual(next.runs);
    expect(nextRunId(next)).toBe('run-2');
  });

  it('drops non-finite values, thins long runs and keeps the newest runs', () => {
    const recs = epochs(5);
    recs[1] = { ...recs[1], valLoss: Infinity };
    recs[2] = { ...recs[2], loss: NaN };
    const clean = runEpochs(recs);
    expect(clean.map((e) => e.epoch)).toEqual([1, 2, 4, 5]);
    expect(clean[1].valLoss).toBeUndefined();
    const long = runEpochs(epochs(5000));
    expect(long.length).toBeLessThanOrEqual(MAX_RUN_EPOCHS);
    expect(long.length).toBeGreaterThanOrEqual(MAX_RUN_EPOCHS - 1);
    expect(long[0].epoch).toBe(1);
    expect(long.at(-1)!.epoch).toBe(5000);
    let p = circle();
    for (let i = 0; i < MAX_RUNS + 3; i++) p = recordRun(p, makeRun({ id: nextRunId(p), startedAt: new Date(0), project: p, epochs: [], status: 'stopped' }));
    expect(p.runs).toHaveLength(MAX_RUNS);
    expect(removeRun(p, p.runs![0].id).runs).toHaveLength(MAX_RUNS - 1);
    expect(removeRun({ ...p, runs: [p.runs![0]] }, p.runs![0].id).runs).toBeUndefined();
  });

  it('lists the settings that differ between runs', () => {
    const a = circle();
    const b = { ...a, training: { ...a.training, optimizer: { type: 'sgd' as const, learningRate: 0.1 }, batchSize: 10 } };
    const runs = [makeRun({ id: 'a', startedAt: new Date(0), project: a, epochs: [], status: 'finished' }), makeRun({ id: 'b', startedAt: new Date(0), project: b, epochs: [], status: 'finished', architecture: 'x' })];
    expect(settingsDiff(runs)).toEqual([
      { path: 'training.optimizer.type', values: ['adam', 'sgd'] },
      { path: 'training.optimizer.learningRate', values: ['0.03', '0.1'] },
      { path: 'architecture', values: ['—', 'x'] },
    ]);
    expect(settingsDiff(runs.slice(0, 1))).toEqual([]);
  });

  it('describes the architecture from the model summary', () => {
    const layer = (id: string, type: string, label: string, shape: number[], params = 0) => ({ id, type, label, shape, params });
    expect(
      describeArchitecture([layer('x', 'input', 'Input', [2]), layer('h', 'dense', 'Dense', [8], 24), layer('a', 'tanh', 'Tanh', [8]), layer('o', 'dense', 'Dense', [1], 9), layer('p', 'sigmoid', 'Sigmoid', [1]), layer('l', 'binaryCrossEntropy', 'Binary cross-entropy', [1])]),
    ).toBe('2 → 8 tanh → 1 sigmoid · Binary cross-entropy');
  });
});

describe('live chart series', () => {
  const st = (globalStep: number, learningRate = 0.03): TrainingState => ({ status: 'training', epoch: 0, totalEpochs: 10, stepInEpoch: 0, stepsPerEpoch: 10, globalStep, learningRate, samplesPerSecond: 0, elapsedMs: 0 });

  it('appends only new epochs and steps, and starts over on a new run', () => {
    const source = { epochs: [] as EpochRecord[], epochCount: 0, stepLosses: new StepLossSeries(), training: st(0) };
    const live = new LiveSeries(0);
    const lossArray = live.epoch.loss.points;
    source.epochs.push(...epochs(2));
    source.epochCount = 2;
    source.stepLosses.append(new Float64Array([1, 0.9, 2, 0.8]));
    source.training = st(2);
    live.sync(source);
    expect(live.epoch.loss.points.map((p) => p.x)).toEqual([1, 2]);
    expect(live.epoch.valAccuracy.length).toBe(2);
    expect(live.stepLoss.points).toEqual([{ x: 1, y: 0.9 }, { x: 2, y: 0.8 }]);
    source.epochs.push(...epochs(3).slice(2));
    source.epochCount = 3;
    live.sync(source);
    expect(live.epoch.loss.length).toBe(3);
    // the store clears its history in place and a new run starts
    source.epochs.length = 0;
    source.epochs.push(...epochs(1));
    source.epochCount = 1;
    source.stepLosses.clear();
    source.stepLosses.append(new Float64Array([1, 0.7]));
    source.training = st(1);
    live.sync(source);
    expect(live.epoch.loss.points).toBe(lossArray); // same array: charts keep their reference
    expect(live.epoch.loss.length).toBe(1);
    expect(live.stepLoss.points).toEqual([{ x: 1, y: 0.7 }]);
    expect(live.learningRate.length).toBe(1);
  });

  it('smooths steps and records learning-rate changes as steps', () => {
    const source = { epochs: [] as EpochRecord[], epochCount: 0, stepLosses: new StepLossSeries(), training: st(5) };
    const live = new LiveSeries(0.5);
    source.stepLosses.append(new Float64Array([1, 2, 2, 0]));
    live.sync(source);
    expect(live.stepSmooth.points.map((p) => p.y)).toEqual([2, (0.5 * 0.5 * 2 + 0.5 * 0) / 0.75]);
    live.setSmoothing(0, source);
    expect(live.stepSmooth.points.map((p) => p.y)).toEqual([2, 0]);
    live.sync({ ...source, training: st(10, 0.3) });
    expect(live.learningRate.points).toEqual([{ x: 0.5, y: 0.03 }, { x: 1, y: 0.03 }, { x: 1, y: 0.3 }]);
  });

  it('forgets the learning-rate curve when the engine had nothing loaded in between', () => {
    const source = { epochs: [] as EpochRecord[], epochCount: 0, stepLosses: new StepLossSeries(), training: st(50, 0.01) };
    const live = new LiveSeries();
    live.sync(source);
    live.sync({ ...source, training: null }); // an invalid project was loaded
    live.sync({ ...source, training: st(0, 0.1) });
    expect(live.learningRate.points).toEqual([{ x: 0, y: 0.1 }]);
  });

  it('keeps one norm series per layer from probe frames', () => {
    const live = new LiveSeries();
    let rebuilt = 0;
    live.layersChanged.subscribe(() => rebuilt++);
    live.addFrame({ globalStep: 1, epoch: 0, norms: [{ nodeId: 'h', weight: 1, grad: 0.1 }, { nodeId: 'o', weight: 2, grad: 0.2 }] });
    live.addFrame({ globalStep: 5, epoch: 0, norms: [{ nodeId: 'h', weight: 1.1, grad: 0.05 }, { nodeId: 'o', weight: 2.2, grad: 0.1 }] });
    expect(rebuilt).toBe(1);
    expect(live.norms.get('h')!.grad.points).toEqual([{ x: 1, y: 0.1 }, { x: 5, y: 0.05 }]);
    live.addFrame({ globalStep: 2, epoch: 0, norms: [{ nodeId: 'h', weight: 1, grad: 0.1 }, { nodeId: 'o', weight: 2, grad: 0.2 }] }); // new run
    expect(live.norms.get('o')!.weight.points).toEqual([{ x: 2, y: 2 }]);
    expect(rebuilt).toBe(1);
  });
});
