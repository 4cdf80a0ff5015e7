import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../src/shared/graph';
import {
  decodeTensor,
  migrateProject,
  parseProject,
  ProjectError,
  serializeProject,
  validateProject,
  withDefaults,
} from '../../src/shared/project';
import type { Project } from '../../src/shared/project-types';
import { rawProject, xorProject } from './project-fixtures';

describe('project round trip', () => {
  it('parse(serialize(p)) equals p, weights included', () => {
    const project = xorProject();
    const text = serializeProject(project);
    const back = parseProject(text, 'xor.bprop');
    expect(back).toEqual(project);
    for (const [nodeId, params] of Object.entries(project.weights!)) {
      for (const [name, t] of Object.entries(params)) {
        const original = decodeTensor(t, `weights.${nodeId}.${name}`);
        const reread = decodeTensor(back.weights![nodeId]![name]!, `weights.${nodeId}.${name}`);
        expect(reread.shape).toEqual(original.shape);
        expect(new Uint32Array(reread.data.buffer)).toEqual(new Uint32Array(original.data.buffer));
        expect(reread.data.some(Number.isNaN)).toBe(false);
      }
    }
    expect(decodeTensor(back.weights!.h!.kernel!, 'k').data[2]).toBe(Math.fround(1e-40)); // a subnormal survives
    expect(serializeProject(back)).toBe(text);
  });

  it('the fixture graph is semantically valid too', () => {
    expect(analyzeGraph(xorProject().graph, { dataShape: [2], task: 'classification', numClasses: 2 }).issues).toEqual([]);
  });

  it('writes a stable key order, weights last, 2-space indent, small objects inline', () => {
    const project = xorProject();
    // The same project built with scrambled key order serialises identically; only generator
    // options and a node's tensor names keep their own order.
    const keepsOrder = (key: string, v: object) => key === 'options' || Object.values(v).some((t) => t && typeof t === 'object' && 'shape' in t);
    const scrambled = JSON.parse(JSON.stringify(project), (k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) && !keepsOrder(k, v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    ) as Project;
    expect(Object.keys(scrambled.weights!)).toEqual(['o', 'h']);
    const text = serializeProject(project);
    expect(serializeProject(scrambled)).toBe(text);
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'version', 'name', 'graph', 'data', 'training', 'weights']);
    expect(text.startsWith('{\n  "format": "backprop-studio",\n  "version": 1,\n  "name": "XOR",\n')).toBe(true);
    expect(text).toContain('\n      { "id": "x", "type": "input", "position": { "x": 0, "y": 80 }, "params": {} },\n');
    expect(text).toContain('"optimizer": { "type": "sgd", "learningRate": 0.5, "momentum": 0.9, "nesterov": true },');
    expect(text).toContain('\n      { "id": "e1", "source": "x", "sourceHandle": "out", "target": "h", "targetHandle": "in" },\n');
    expect(text).toContain('\n      "kernel": { "shape": [2, 4], "data": "AAAAPwAAgL7CFgEAAAAAgAAAYEAAAODAzczMPQAAgEk=" },\n');
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(120);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('omits optional fields that are absent and leaves the input untouched', () => {
    const project = xorProject();
    delete project.weights;
    delete project.training.schedule;
    const text = serializeProject(project);
    expect(text).not.toContain('weights');
    expect(text).not.toContain('schedule');
    expect(project).toEqual(parseProject(text));
  });

  it('refuses to write a project it could not read back', () => {
    const project = xorProject();
    project.graph.nodes[0]!.position.x = NaN;
    expect(() => serializeProject(project)).toThrow('graph.nodes[0].position.x: must be a number (got NaN)');
  });

  it('reads a file with a byte-order mark and a CSV data section', () => {
    const raw = rawProject();
    raw.data = { csv: 'data/houses.csv', sha256: 'ab'.repeat(32), features: ['rooms', 'area'], target: 'price', task: 'regression' };
    const project = parseProject(`\uFEFF${JSON.stringify(raw)}`, 'houses.bprop');
    expect(project.data).toEqual(raw.data);
  });

  it('keeps the file\'s own fields (no defaults written in)', () => {
    const raw = rawProject();
    delete raw.data.normalize;
    delete raw.data.split;
    expect(parseProject(JSON.stringify(raw)).data).toEqual({ dataset: 'xor', options: { n: 200, noise: 0.1 } });
  });
});

describe('withDefaults', () => {
  it('fills every optional field without changing the project', () => {
    const project: Project = {
      ...xorProject(),
      data: { dataset: 'moons' },
      training: { optimizer: { type: 'adam', learningRate: 0.01 }, batchSize: 32, epochs: 10, seed: 7 },
    };
    const copy = structuredClone(project);
    const view = withDefaults(project);
    expect(project).toEqual(copy);
    expect(view.data).toEqual({ dataset: 'moons', normalize: 'standard', split: { validation: 0.2, test: 0 } });
    expect(view.training).toEqual({
      optimizer: { type: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 },
      schedule: { type: 'constant', per: 'epoch' },
      batchSize: 32,
      epochs: 10,
      seed: 7,
      sampling: 'shuffle',
      averaging: false,
      l1: 0,
    });
    expect('earlyStopping' in view.training).toBe(false);
  });

  it('keeps what the file sets and completes partial sections', () => {
    const view = withDefaults(xorProject());
    expect(view.data.split).toEqual({ validation: 0.25, test: 0 });
    expect(view.data.normalize).toBe('none');
    expect(view.training.optimizer).toEqual({ type: 'sgd', learningRate: 0.5, momentum: 0.9, dampening: 0, nesterov: true, weightDecay: 0 });
    expect(view.training.schedule).toEqual({ type: 'cosine', per: 'epoch', period: 100, minLearningRate: 0.01 });
    expect(view.training.earlyStopping).toEqual({ patience: 20, minDelta: 0.001, restoreBest: false });
    expect(view.training.sampling).toBe('replacement');
  });
});

describe('migrations', () => {
  it('has nothing to migrate for the current version', () => {
    const raw = rawProject();
    expect(migrateProject(raw as never)).toEqual(raw);
  });

  it('applies a table of steps, one version at a time', () => {
    // A made-up version 0 that called the graph "network" and the training section "train".
    const v0: Record<string, any> = { ...rawProject(), version: 0, network: rawProject().graph, train: rawProject().training };
    delete v0.graph;
    delete v0.training;
    const migrations = {
      0: ({ network, train, ...rest }: Record<string, unknown>) => ({ ...rest, graph: network, training: train }),
    };
    const migrated = migrateProject(v0 as { version: number }, migrations);
    expect(validateProject(migrated)).toEqual(rawProject());
  });

  it('refuses a version it has no migration for', () => {
    const err = catchError(() => parseProject(JSON.stringify({ ...rawProject(), version: 0 }), 'old.bprop'));
    expect(err).toBeInstanceOf(ProjectError);
    expect(err.message).toBe('old.bprop: Format version 0 cannot be read by this Backprop Studio (no migration to version 1)');
    expect(err.path).toBe('version');
  });
});

function catchError(fn: () => unknown): ProjectError {
  try {
    fn();
  } catch (e) {
    return e as ProjectError;
  }
  throw new Error('expected an error');
}
