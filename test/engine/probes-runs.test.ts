/** The `runs` section of the .bprop format: validation with field paths, stable writing, round trips. */
import { describe, expect, it } from 'vitest';
import { parseProject, serializeProject, validateProject } from '../../src/shared/project';
import type { Project, RunRecord } from '../../src/shared/project-types';
import { loadExample } from '../helpers/projects';

const run = (over: Partial<RunRecord> = {}): RunRecord => ({
  id: 'run-1',
  startedAt: '2026-11-21T14:03:00.000Z',
  status: 'finished',
  architecture: '2 → 8 tanh → 8 tanh → 1 sigmoid · Binary cross-entropy',
  settings: { training: { optimizer: { type: 'adam', learningRate: 0.03 }, batchSize: 10, epochs: 2, seed: 1 }, data: { dataset: 'circle', options: { n: 500, noise: 0 } } },
  epochs: [
    { epoch: 1, loss: 0.61, accuracy: 0.7, valLoss: 0.55, valAccuracy: 0.74, learningRate: 0.03 },
    { epoch: 2, loss: 0.42, accuracy: 0.86, valLoss: 0.4, valAccuracy: 0.88, learningRate: 0.03 },
  ],
  test: { loss: 0.39, accuracy: 0.9 },
  ...over,
});

const withRuns = (runs: unknown): unknown => ({ ...loadExample('circle'), runs });

describe('project runs', () => {
  it('round-trip through serializeProject/parseProject, written before the weights', () => {
    const project: Project = { ...loadExample('iris'), runs: [run(), run({ id: 'run-2', status: 'stoppedEarly', note: 'Early stopping after epoch 2', test: undefined })] };
    const text = serializeProject(project);
    const back = parseProject(text, 'x.bprop');
    expect(back.runs).toEqual(JSON.parse(JSON.stringify(project.runs)));
    expect(serializeProject(back)).toBe(text); // stable
    const keys = Object.keys(JSON.parse(text));
    expect(keys).toEqual(['format', 'version', 'name', 'graph', 'data', 'training', 'runs']);
    // one line per epoch record, keys in a fixed order
    expect(text).toContain('{ "epoch": 1, "loss": 0.61, "accuracy": 0.7, "valLoss": 0.55, "valAccuracy": 0.74, "learningRate": 0.03 }');
  });

  it('keeps a run with its weights and orders them like the project weights', () => {
    const base = loadExample('xor-mlp');
    const weights = { logit: { bias: { shape: [1], data: 'AAAAAA==' } } };
    const project: Project = { ...base, runs: [run({ weights })] };
    const back = parseProject(serializeProject(project));
    expect(back.runs![0].weights).toEqual(weights);
  });

  it('refuses bad runs with the path of the field at fault', () => {
    const cases: [unknown, RegExp][] = [
      [{}, /^runs: must be a list/],
      [[{ ...run(), startedAt: 'yesterday' }], /^runs\[0\]\.startedAt: must be an ISO 8601 date/],
      [[{ ...run(), id: '' }], /^runs\[0\]\.id: must not be empty/],
      [[run(), run()], /^runs\[1\]\.id: another run already has the id 'run-1'/],
      [[{ ...run(), status: 'exploded' }], /^runs\[0\]\.status: must be one of 'finished'/],
      [[{ ...run(), colour: 'red' }], /^runs\[0\]\.colour: unknown field for a run/],
      [[{ ...run(), epochs: [{ epoch: 0, loss: 1, learningRate: 0.1 }] }], /^runs\[0\]\.epochs\[0\]\.epoch: must be an integer ≥ 1/],
      [[{ ...run(), epochs: [{ epoch: 2, loss: 1, learningRate: 0.1 }, { epoch: 1, loss: 1, learningRate: 0.1 }] }], /^runs\[0\]\.epochs\[1\]\.epoch: epochs must be in increasing order/],
      [[{ ...run(), epochs: [{ epoch: 1, loss: null, learningRate: 0.1 }] }], /^runs\[0\]\.epochs\[0\]\.loss: must be a number/],
      [[{ ...run(), epochs: [{ epoch: 1, loss: 1 }] }], /^runs\[0\]\.epochs\[0\]\.learningRate: required field is missing/],
      [[{ ...run(), settings: { ...run().settings, training: { ...run().settings.training, batchSize: 0 } } }], /^runs\[0\]\.settings\.training\.batchSize: must be an integer ≥ 1/],
      [[{ ...run(), settings: { training: run().settings.training } }], /^runs\[0\]\.settings\.data: required field is missing/],
      [[{ ...run(), test: { accuracy: 1 } }], /^runs\[0\]\.test\.loss: required field is missing/],
      [[{ ...run(), weights: { h: { kernel: { shape: [2], data: 'AAAAAA==' } } } }], /^runs\[0\]\.weights\.h\.kernel\.data: holds 1 value but the shape \[2\] needs 2/],
    ];
    for (const [runs, message] of cases) expect(() => validateProject(withRuns(runs)), String(message)).toThrow(message);
  });

  it('accepts an empty list and a run without optional fields', () => {
    expect(validateProject(withRuns([])).runs).toEqual([]);
    const minimal = { id: 'a', startedAt: '2026-01-02T03:04Z', settings: run().settings, epochs: [] };
    expect(validateProject(withRuns([minimal])).runs![0]).toEqual(minimal);
  });
});
