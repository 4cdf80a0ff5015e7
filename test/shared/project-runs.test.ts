/**
 * The project sections besides graph, data and training: the kept training runs, the saved
 * optimiser state, the ui section, the kind of file, and the file name put in front of errors.
 * Each refusal is checked by its exact message and field path.
 */
import { describe, expect, it } from 'vitest';
import { ProjectError, validateProject } from '../../src/shared/project';
import { errorOf, rawProject } from './project-fixtures';

/** A valid kept run: the fixture's own settings and two epochs. */
function run(id = 'r1'): Record<string, any> {
  const p = rawProject();
  return {
    id,
    startedAt: '2026-11-21T14:03:00.000Z',
    settings: { training: p.training, data: p.data },
    epochs: [
      { epoch: 1, loss: 0.7, learningRate: 0.5 },
      { epoch: 2, loss: 0.5, learningRate: 0.5, accuracy: 0.75, valLoss: 0.6 },
    ],
  };
}

function withRuns(...runs: Record<string, any>[]): ProjectError {
  const p = rawProject();
  p.runs = runs;
  return errorOf(() => validateProject(p));
}

describe('runs', () => {
  it('accepts kept runs with every optional field', () => {
    const full = { ...run(), status: 'stoppedEarly', architecture: '', note: '', test: { loss: 0.4, accuracy: 1, mae: 0, r2: 1 }, weights: rawProject().weights };
    const p = rawProject();
    p.runs = [full, run('r2')];
    expect(validateProject(p).runs).toHaveLength(2);
    for (const startedAt of ['2026-11-21T14:03Z', '2026-11-21T14:03:59+01:00', '2026-11-21T14:03:00.5-11:30']) {
      p.runs = [{ ...run(), startedAt }];
      expect(() => validateProject(p)).not.toThrow();
    }
  });

  const cases: [string, (r: Record<string, any>) => unknown, string, string][] = [
    ['unknown field', (r) => (r.colour = 'red'), 'runs[0].colour', 'runs[0].colour: unknown field for a run\n  help: a run takes id, startedAt, settings, epochs, status, architecture, note, test, weights'],
    ['empty id', (r) => (r.id = ''), 'runs[0].id', 'runs[0].id: must not be empty'],
    ['start time not text', (r) => (r.startedAt = 3), 'runs[0].startedAt', 'runs[0].startedAt: must be text (got 3)'],
    ['an expanded year (Date.parse reads it; the format is four digits)', (r) => (r.startedAt = '+002026-11-21T14:03:00Z'), 'runs[0].startedAt', 'runs[0].startedAt: must be an ISO 8601 date and time such as "2026-11-21T14:03:00.000Z" (got "+002026-11-21T14:03:00Z")'],
    ['test accuracy not a number', (r) => (r.test = { loss: 1, accuracy: 'x' }), 'runs[0].test.accuracy', 'runs[0].test.accuracy: must be a number (got "x")'],
    ['test mae not a number', (r) => (r.test = { loss: 1, mae: 'x' }), 'runs[0].test.mae', 'runs[0].test.mae: must be a number (got "x")'],
    ['date only', (r) => (r.startedAt = '2026-11-21'), 'runs[0].startedAt', 'runs[0].startedAt: must be an ISO 8601 date and time such as "2026-11-21T14:03:00.000Z" (got "2026-11-21")'],
    ['no time zone', (r) => (r.startedAt = '2026-11-21T14:03:00'), 'runs[0].startedAt', 'runs[0].startedAt: must be an ISO 8601 date and time such as "2026-11-21T14:03:00.000Z" (got "2026-11-21T14:03:00")'],
    ['text around it', (r) => (r.startedAt = 'at 2026-11-21T14:03Z'), 'runs[0].startedAt', 'runs[0].startedAt: must be an ISO 8601 date and time such as "2026-11-21T14:03:00.000Z" (got "at 2026-11-21T14:03Z")'],
    ['month 13', (r) => (r.startedAt = '2026-13-21T14:03:00Z'), 'runs[0].startedAt', 'runs[0].startedAt: must be an ISO 8601 date and time such as "2026-11-21T14:03:00.000Z" (got "2026-13-21T14:03:00Z")'],
    ['bad status', (r) => (r.status = 'crashed'), 'runs[0].status', 'runs[0].status: must be one of \'finished\', \'stoppedEarly\', \'stopped\', \'diverged\' (got "crashed")'],
    ['architecture not text', (r) => (r.architecture = 3), 'runs[0].architecture', 'runs[0].architecture: must be text (got 3)'],
    ['note not text', (r) => (r.note = null), 'runs[0].note', 'runs[0].note: must be text (got null)'],
    ['settings without data', (r) => delete r.settings.data, 'runs[0].settings.data', 'runs[0].settings.data: required field is missing'],
    ['bad training setting', (r) => (r.settings.training.batchSize = 0), 'runs[0].settings.training.batchSize', 'runs[0].settings.training.batchSize: must be an integer ≥ 1 (got 0)'],
    ['bad data setting', (r) => (r.settings.data.normalize = 'z'), 'runs[0].settings.data.normalize', 'runs[0].settings.data.normalize: must be one of \'standard\', \'minmax\', \'none\' (got "z")'],
    ['epoch 0', (r) => (r.epochs[0].epoch = 0), 'runs[0].epochs[0].epoch', 'runs[0].epochs[0].epoch: must be an integer ≥ 1 (got 0)'],
    ['epoch repeated', (r) => (r.epochs[1].epoch = 1), 'runs[0].epochs[1].epoch', 'runs[0].epochs[1].epoch: epochs must be in increasing order (1 follows 1)'],
    ['epochs backwards', (r) => r.epochs.reverse(), 'runs[0].epochs[1].epoch', 'runs[0].epochs[1].epoch: epochs must be in increasing order (1 follows 2)'],
    ['loss missing', (r) => delete r.epochs[1].loss, 'runs[0].epochs[1].loss', 'runs[0].epochs[1].loss: required field is missing'],
    ['loss not a number', (r) => (r.epochs[0].loss = 'low'), 'runs[0].epochs[0].loss', 'runs[0].epochs[0].loss: must be a number (got "low")'],
    ['learning rate negative', (r) => (r.epochs[0].learningRate = -1), 'runs[0].epochs[0].learningRate', 'runs[0].epochs[0].learningRate: must be a number ≥ 0 (got -1)'],
    ['metric not a number', (r) => (r.epochs[1].valR2 = 'x'), 'runs[0].epochs[1].valR2', 'runs[0].epochs[1].valR2: must be a number (got "x")'],
    ['unknown metric', (r) => (r.epochs[1].f1 = 0.5), 'runs[0].epochs[1].f1', "runs[0].epochs[1].f1: unknown field (did you mean 'r2'?)"],
    ['test without loss', (r) => (r.test = { accuracy: 1 }), 'runs[0].test.loss', 'runs[0].test.loss: required field is missing'],
    ['test loss not a number', (r) => (r.test = { loss: null }), 'runs[0].test.loss', 'runs[0].test.loss: must be a number (got null)'],
    ['test metric not a number', (r) => (r.test = { loss: 1, r2: 'x' }), 'runs[0].test.r2', 'runs[0].test.r2: must be a number (got "x")'],
    ['bad weights', (r) => (r.weights = { h: { bias: { shape: [2], data: '' } } }), 'runs[0].weights.h.bias.data', 'runs[0].weights.h.bias.data: holds 0 values but the shape [2] needs 2'],
  ];
  it.each(cases)('refuses %s', (_what, change, path, message) => {
    const r = run();
    change(r);
    const err = withRuns(r);
    expect(err.message).toBe(message);
    expect(err.path).toBe(path);
  });

  it('refuses runs that are not a list', () => {
    const err = errorOf(() => validateProject({ ...rawProject(), runs: { r1: run() } }));
    expect(err.message).toBe('runs: must be a list (got an object)');
    expect(err.path).toBe('runs');
  });

  it('refuses two runs with the same id, naming the second', () => {
    const err = withRuns(run('a'), run('b'), run('a'));
    expect(err.message).toBe("runs[2].id: another run already has the id 'a'");
    expect(err.path).toBe('runs[2].id');
  });
});

describe('optimizerState', () => {
  const state = () => ({ type: 'sgd', epoch: 3, stepInEpoch: 0, step: 150, slots: { velocity: rawProject().weights } });

  it('is accepted beside the weights it belongs to', () => {
    expect(validateProject({ ...rawProject(), optimizerState: state() }).optimizerState).toEqual(state());
  });

  it('is refused without weights, with a help line', () => {
    const p = rawProject();
    delete p.weights;
    const err = errorOf(() => validateProject({ ...p, optimizerState: state() }));
    expect(err.message).toBe(
      'optimizerState: is only meaningful with the weights it belongs to, and the file has no weights\n  help: remove optimizerState, or save the project again from the app',
    );
    expect(err.path).toBe('optimizerState');
  });

  it.each([
    [{ type: 'adamw' }, 'optimizerState.type', 'optimizerState.type: must be one of \'sgd\', \'adam\', \'rmsprop\', \'adagrad\' (got "adamw")'],
    [{ epoch: -1 }, 'optimizerState.epoch', 'optimizerState.epoch: must be an integer ≥ 0 (got -1)'],
    [{ stepInEpoch: 0.5 }, 'optimizerState.stepInEpoch', 'optimizerState.stepInEpoch: must be an integer ≥ 0 (got 0.5)'],
    [{ step: '150' }, 'optimizerState.step', 'optimizerState.step: must be an integer ≥ 0 (got "150")'],
    [{ slots: [] }, 'optimizerState.slots', 'optimizerState.slots: must be an object (got a list)'],
    [{ slots: { velocity: { h: { bias: { shape: [3], data: 'AAAAAA==' } } } } }, 'optimizerState.slots.velocity.h.bias.data', 'optimizerState.slots.velocity.h.bias.data: holds 1 value but the shape [3] needs 3'],
    [{ lr: 0.1 }, 'optimizerState.lr', 'optimizerState.lr: unknown field'],
  ])('refuses %j', (change, path, message) => {
    const err = errorOf(() => validateProject({ ...rawProject(), optimizerState: { ...state(), ...change } }));
    expect(err.message).toBe(message);
    expect(err.path).toBe(path);
  });

  it('accepts zero for every counter', () => {
    const zero = { ...state(), epoch: 0, stepInEpoch: 0, step: 0 };
    expect(() => validateProject({ ...rawProject(), optimizerState: zero })).not.toThrow();
  });
});

describe('ui section', () => {
  it('accepts a lecture name and the slowest and fastest paces', () => {
    for (const pace of [0.1, 200]) expect(validateProject({ ...rawProject(), ui: { pace, lecture: 'l001' } }).ui).toEqual({ pace, lecture: 'l001' });
  });

  it.each([
    [{ pace: 0.05 }, 'ui.pace', 'ui.pace: must be between 0.1 and 200 steps per second (got 0.05)'],
    [{ pace: 201 }, 'ui.pace', 'ui.pace: must be between 0.1 and 200 steps per second (got 201)'],
    [{ pace: 'fast' }, 'ui.pace', `ui.pace: must be 'step', 'max' or a number of steps per second (got "fast")`],
    [{ lecture: '' }, 'ui.lecture', 'ui.lecture: must not be empty'],
    [{ zoom: 2 }, 'ui.zoom', 'ui.zoom: unknown field for the ui section\n  help: the ui section takes pace, untilStopped, lecture'],
  ])('refuses %j', (ui, path, message) => {
    const err = errorOf(() => validateProject({ ...rawProject(), ui }));
    expect(err.message).toBe(message);
    expect(err.path).toBe(path);
  });
});

describe('the kind of file and the file name', () => {
  it('refuses a computational graph as a network project, with a help line', () => {
    const err = errorOf(() => validateProject({ ...rawProject(), kind: 'computationalGraph' }, 'g.bprop'));
    expect(err.message).toBe(
      "g.bprop: kind: this file is a computational graph ('computationalGraph'), not a network project\n  help: open it in the app, or evaluate it with bprop grad",
    );
    expect(err.path).toBe('kind');
    expect(err.help).toBe('open it in the app, or evaluate it with bprop grad');
  });

  it('refuses any other kind by name', () => {
    const err = errorOf(() => validateProject({ ...rawProject(), kind: 7 }));
    expect(err.message).toBe("kind: must be 'computationalGraph' or left out for a network (got 7)");
    expect(err.help).toBeUndefined();
  });

  it('puts the file name in front without repeating the help line, and keeps path and help', () => {
    const p = rawProject();
    p.data.split = { validation: 0.9, test: 0.1 };
    const err = errorOf(() => validateProject(p, 'a.bprop'));
    expect(err.message).toBe('a.bprop: data.split: validation + test must leave data for training (got 0.9 + 0.1 ≥ 1)\n  help: lower the validation or test fraction');
    expect(err.path).toBe('data.split');
    expect(err.help).toBe('lower the validation or test fraction');
  });

  it('names the header problem of a value that is not an object', () => {
    expect(errorOf(() => validateProject(null)).message).toBe('not a Backprop Studio project (the file holds null, not an object)');
    expect(errorOf(() => validateProject('text')).message).toBe('not a Backprop Studio project (the file holds "text", not an object)');
    expect(errorOf(() => validateProject({ format: 3 })).message).toBe('not a Backprop Studio project (format is 3)');
    expect(errorOf(() => validateProject({ ...rawProject(), version: -1 })).message).toBe('version: must be a whole number (got -1)');
  });
});
