/**
 * "The document was replaced" is an event of the project store (open, new, import, revert), not
 * guessed from the shape of the history. Engine sync and the run recorder follow it: opening a
 * file resets what the engine holds and drops the run in progress; an undo does neither.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore, type StoreApi } from 'zustand';
import type { EpochRecord, TrainingState } from '../../src/shared/protocol';
import { serializeProject } from '../../src/shared/project';
import { findTemplate } from '../../src/shared/templates';
import type { TrainingStore } from '../../src/renderer/src/engine-client';
import { createProjectStore, onDocumentReplaced, type DocumentReplaced, type ProjectStore } from '../../src/renderer/src/store';
import { createEngineSync, DEBOUNCE_MS } from '../../src/renderer/src/training/engine-sync';
import { createRunRecorder } from '../../src/renderer/src/training/run-recorder';

const template = (id: string) => findTemplate(id)!.build();
const fileText = (id: string) => serializeProject(template(id));

const state = (patch: Partial<TrainingState>): TrainingState => ({
  status: 'training', epoch: 0, totalEpochs: 10, stepInEpoch: 0, stepsPerEpoch: 4, globalStep: 0, learningRate: 0.5, samplesPerSecond: 100, elapsedMs: 100, ...patch,
});
const epoch = (n: number): EpochRecord => ({ epoch: n, loss: 1 / n, accuracy: 0.5, learningRate: 0.5 });

/** The fields of the training store that engine sync and the run recorder read, with a recording `load`. */
function fakeTraining() {
  const loads: unknown[] = [];
  const store = createStore<TrainingStore>()(
    () =>
      ({
        training: null,
        summary: null,
        epochs: [] as EpochRecord[],
        epochCount: 0,
        divergence: null,
        doneMessage: null,
        testMetrics: null,
        load: vi.fn(async (project: unknown) => void loads.push(project)),
        setParam: vi.fn(async () => {}),
        getWeights: vi.fn(async () => ({})),
      }) as unknown as TrainingStore,
  );
  return { store, loads };
}

/** The engine reports a run: `steps` done, `epochs` finished. */
function progress(training: StoreApi<TrainingStore>, steps: number, epochs: number, status: TrainingState['status'] = 'training') {
  const all = Array.from({ length: epochs }, (_, i) => epoch(i + 1));
  training.setState({ training: state({ status, globalStep: steps, epoch: epochs }), epochs: all, epochCount: epochs });
}

describe('the document-replaced event', () => {
  it('fires once for each open, new, import and revert, with its cause; never for edits, undo, redo or saving', () => {
    const store = createProjectStore(template('xor-mlp'));
    const events: DocumentReplaced[] = [];
    const stop = onDocumentReplaced(store, (event) => events.push(event));
    const s = () => store.getState();
    s().setParam('hidden', 'units', 5);
    s().undo();
    s().redo();
    s().setSelection({ nodes: ['x'], edges: [] });
    s().markSaved('/p/a.bprop', 'a.bprop');
    s().markUnsaved();
    expect(events).toEqual([]);
    s().loadProject(fileText('iris'), 'iris.bprop', '/p/iris.bprop');
    s().newProject(template('spiral'));
    s().newProject(template('sonar'), 'import');
    s().loadProject(fileText('iris'), 'iris.bprop', '/p/iris.bprop', 'revert');
    expect(() => s().loadProject('{"format":"nope"}', 'bad.bprop', null)).toThrow();
    expect(events).toEqual([
      { serial: 1, cause: 'open' },
      { serial: 2, cause: 'new' },
      { serial: 3, cause: 'import' },
      { serial: 4, cause: 'revert' },
    ]);
    stop();
    s().newProject(template('xor-mlp'));
    expect(events).toHaveLength(4);
  });

  it('is told apart from an undo back to the opened file (the old guess could not)', () => {
    const store = createProjectStore(template('xor-mlp'));
    const events: DocumentReplaced[] = [];
    onDocumentReplaced(store, (event) => events.push(event));
    store.getState().setParam('hidden', 'units', 5);
    store.getState().undo(); // back to an empty history and the saved project, as after an open
    expect(store.getState()).toMatchObject({ past: [], dirty: false });
    expect(events).toEqual([]);
  });
});

describe('engine sync follows the event', () => {
  let projects: StoreApi<ProjectStore>;
  let training: ReturnType<typeof fakeTraining>;
  let stop: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    projects = createProjectStore(template('xor-mlp'));
    training = fakeTraining();
  });
  afterEach(() => {
    stop?.();
    vi.useRealTimers();
  });

  it('opening a file mid-run loads it at once; an edit or an undo mid-run waits for the run', async () => {
    const sync = createEngineSync({ projects, training: training.store });
    stop = sync.getState().connect();
    expect(training.loads).toHaveLength(1);
    expect(sync.getState()).toMatchObject({ stale: false, loaded: { key: expect.any(String) } });
    progress(training.store, 12, 2); // a run is going

    projects.getState().setParam('hidden', 'units', 5);
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS * 2);
    expect(training.loads).toHaveLength(1); // the run is not thrown away for an edit
    expect(sync.getState().stale).toBe(true);
    projects.getState().undo();
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS * 2);
    expect(training.loads).toHaveLength(1); // nor for an undo, even one back to the opened project
    expect(sync.getState().loaded).not.toBeNull();
    expect(sync.getState().stale).toBe(false); // the engine holds exactly this project

    projects.getState().loadProject(fileText('iris'), 'iris.bprop', '/p/iris.bprop');
    expect(sync.getState()).toMatchObject({ loaded: null, stale: true }); // the event reset what the engine holds
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS * 2);
    expect(training.loads).toHaveLength(2); // loaded although the old run was still going
    expect((training.loads[1] as { name: string }).name).toBe(template('iris').name);
    expect(sync.getState().stale).toBe(false);
  });

  it('stops following when disconnected', async () => {
    const sync = createEngineSync({ projects, training: training.store });
    sync.getState().connect()();
    projects.getState().newProject(template('iris'));
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS * 2);
    expect(training.loads).toHaveLength(1);
  });
});

describe('the run recorder follows the event', () => {
  let projects: StoreApi<ProjectStore>;
  let training: ReturnType<typeof fakeTraining>;
  let recorder: ReturnType<typeof createRunRecorder>;
  let stop: () => void;
  beforeEach(() => {
    projects = createProjectStore(template('xor-mlp'));
    training = fakeTraining();
    recorder = createRunRecorder({ projects, training: training.store, keepWeights: () => false });
    stop = recorder.getState().connect();
  });
  afterEach(() => stop());

  it('an undo keeps the run in progress, which is recorded when the engine starts over', async () => {
    progress(training.store, 8, 2);
    expect(recorder.getState().active?.epochs).toHaveLength(2);
    projects.getState().setParam('hidden', 'units', 5);
    projects.getState().undo();
    expect(recorder.getState().active?.epochs).toHaveLength(2);
    progress(training.store, 12, 3);
    training.store.setState({ training: null }); // a reset throws the run's history away: it is kept as stopped
    await vi.waitFor(() => expect(projects.getState().project.runs).toHaveLength(1));
    expect(projects.getState().project.runs![0]).toMatchObject({ status: 'stopped' });
    expect(projects.getState().project.runs![0].epochs).toHaveLength(3);
  });

  it('opening a file drops the run in progress: the old run never lands in the new document', async () => {
    progress(training.store, 8, 2);
    projects.getState().loadProject(fileText('iris'), 'iris.bprop', '/p/iris.bprop');
    expect(recorder.getState()).toMatchObject({ active: null, ending: null, orphaned: true });
    progress(training.store, 12, 3); // the old run still reports until the engine loads the new project
    expect(recorder.getState().active).toBeNull();
    training.store.setState({ training: null, epochs: [], epochCount: 0 }); // the load
    await new Promise((r) => setTimeout(r, 0));
    expect(projects.getState().project.runs).toBeUndefined();
    expect(recorder.getState().orphaned).toBe(false);

    progress(training.store, 4, 1); // the new document's own run is recorded
    progress(training.store, 40, 10, 'finished');
    await vi.waitFor(() => expect(projects.getState().project.runs).toHaveLength(1), { timeout: 3000 });
    expect(projects.getState().project.runs![0]).toMatchObject({ status: 'finished' });
    expect(projects.getState().project.runs![0].settings.data).toEqual(template('iris').data); // a run of the opened document
  });

  it('a run that ended just before the open is not recorded into the opened file', async () => {
    training.store.setState({ summary: { test: 20, layers: [] } as unknown as TrainingStore['summary'] });
    progress(training.store, 40, 10, 'finished'); // waits for the 'done' message's test metrics
    expect(recorder.getState().ending).not.toBeNull();
    projects.getState().newProject(template('iris'));
    expect(recorder.getState().ending).toBeNull();
    training.store.setState({ testMetrics: { loss: 0.1, accuracy: 1 } });
    await new Promise((r) => setTimeout(r, 0));
    expect(projects.getState().project.runs).toBeUndefined();
  });
});
