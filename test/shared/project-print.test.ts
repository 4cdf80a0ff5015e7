/**
 * The canonical form of a project file: the key order of every section (lesson, runs, ui and
 * optimizer state included, every optional key present) whatever order the object was built
 * in, and where printJson breaks a line.
 */
import { describe, expect, it } from 'vitest';
import { serializeProject } from '../../src/shared/project';
import { printJson } from '../../src/shared/project-print';
import type { Project } from '../../src/shared/project-types';
import { rawProject } from './project-fixtures';

/** Every object of a JSON value with its keys in reverse order (lists keep their order). */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
}

const tensor = rawProject().weights.h.bias;

/** A project with every section and every optional key the printer orders. */
function fullProject(): Record<string, any> {
  const p = rawProject();
  p.data = { csv: 'a.csv', sha256: 'a'.repeat(64), features: ['p1', 'p2', 'p3', 'p4'], target: 't', task: 'classification', imageShape: [1, 2, 2], normalize: 'none', split: { validation: 0.1, test: 0.1 } };
  p.training.optimizer = { type: 'sgd', learningRate: 0.1, momentum: 0.9, dampening: 0, nesterov: true, weightDecay: 0.01 };
  p.training.schedule = { type: 'cosine', per: 'step', period: 10, minLearningRate: 0.001 };
  p.training.earlyStopping = { patience: 3, minDelta: 0.01, restoreBest: true };
  p.lesson = {
    title: 'T',
    instructions: 'I',
    locks: { nodes: ['x'], params: { h: ['units'] }, graph: true, data: ['split'], training: ['seed'] },
    goals: [
      { kind: 'metric', label: 'acc', metric: 'accuracy', split: 'train', atLeast: 0.9 },
      { kind: 'lossWithin', label: 'fast', split: 'validation', below: 0.1, epochs: 5 },
      { kind: 'answer', label: 'g', prompt: 'q', quantity: { kind: 'gradient', node: 'h', param: 'bias', index: 0 }, tolerance: 0.1, relative: true, answer: 1 },
      { kind: 'answer', prompt: 'q', quantity: { kind: 'output', input: [1, 0], index: 0 }, tolerance: 0.1 },
    ],
  };
  p.runs = [
    {
      id: 'r',
      startedAt: '2026-11-21T14:03:00.000Z',
      status: 'finished',
      architecture: 'a',
      note: 'n',
      settings: { training: p.training, data: p.data },
      epochs: [{ epoch: 1, loss: 1, accuracy: 0.5, mae: 0.1, r2: 0.2, valLoss: 1, valAccuracy: 0.5, valMae: 0.1, valR2: 0.2, learningRate: 0.1 }],
      test: { loss: 1, accuracy: 0.5, mae: 0.1, r2: 0.2 },
      weights: { o: { kernel: tensor }, h: { bias: tensor } },
    },
  ];
  p.ui = { pace: 5, untilStopped: true, lecture: 'l' };
  p.optimizerState = { type: 'sgd', epoch: 1, stepInEpoch: 2, step: 3, slots: { velocity: { o: { kernel: tensor }, h: { bias: tensor } } } };
  return p;
}

describe('canonical key order', () => {
  // Printed inside each test, not when the suite is collected: mutation testing switches a
  // mutant on per test, so output computed at collection time would never see one.
  const printed = () => JSON.parse(serializeProject(reversed(fullProject()) as Project)) as Record<string, any>;
  const keys = (v: object) => Object.keys(v);

  it('reads back as the same project', () => {
    expect(printed()).toEqual(fullProject());
  });

  it('keeps weights of nodes that are not in the graph, after those that are', () => {
    const p = fullProject();
    p.weights = { ghost: { bias: tensor }, o: { kernel: tensor } };
    expect(keys(JSON.parse(serializeProject(p as Project)).weights)).toEqual(['o', 'ghost']);
  });

  it('orders the root, data and training sections', () => {
    const out = printed();
    expect(keys(out)).toEqual(['format', 'version', 'name', 'lesson', 'graph', 'data', 'training', 'runs', 'ui', 'weights', 'optimizerState']);
    expect(keys(out.data)).toEqual(['csv', 'sha256', 'features', 'target', 'task', 'imageShape', 'normalize', 'split']);
    expect(keys(out.data.split)).toEqual(['validation', 'test']);
    expect(keys(out.training)).toEqual(['optimizer', 'schedule', 'batchSize', 'sampling', 'epochs', 'seed', 'earlyStopping', 'averaging', 'l1']);
    expect(keys(out.training.optimizer)).toEqual(['type', 'learningRate', 'momentum', 'dampening', 'nesterov', 'weightDecay']);
    expect(keys(out.training.schedule)).toEqual(['type', 'per', 'period', 'minLearningRate']);
    expect(keys(out.training.earlyStopping)).toEqual(['patience', 'minDelta', 'restoreBest']);
    expect(keys(out.graph)).toEqual(['nodes', 'edges']);
    expect(keys(out.graph.nodes[1])).toEqual(['id', 'type', 'label', 'position', 'params']);
    expect(keys(out.graph.nodes[1].position)).toEqual(['x', 'y']);
    expect(keys(out.graph.nodes[3].params)).toEqual(['units', 'init']); // the registry's order
  });

  it('orders the lesson, its locks, goals and quantities', () => {
    const out = printed();
    expect(keys(out.lesson)).toEqual(['title', 'instructions', 'locks', 'goals']);
    expect(keys(out.lesson.locks)).toEqual(['nodes', 'params', 'graph', 'data', 'training']);
    expect(keys(out.lesson.goals[0])).toEqual(['kind', 'label', 'metric', 'split', 'atLeast']);
    expect(keys(out.lesson.goals[1])).toEqual(['kind', 'label', 'split', 'below', 'epochs']);
    expect(keys(out.lesson.goals[2])).toEqual(['kind', 'label', 'prompt', 'quantity', 'tolerance', 'relative', 'answer']);
    expect(keys(out.lesson.goals[2].quantity)).toEqual(['kind', 'node', 'param', 'index']);
    expect(keys(out.lesson.goals[3].quantity)).toEqual(['kind', 'index', 'input']);
  });

  it('orders runs, the ui section, and weights by graph order', () => {
    const out = printed();
    const run = out.runs[0];
    expect(keys(run)).toEqual(['id', 'startedAt', 'status', 'architecture', 'note', 'settings', 'epochs', 'test', 'weights']);
    expect(keys(run.settings)).toEqual(['training', 'data']);
    expect(keys(run.settings.training.optimizer)).toEqual(['type', 'learningRate', 'momentum', 'dampening', 'nesterov', 'weightDecay']);
    expect(keys(run.settings.data.split)).toEqual(['validation', 'test']);
    expect(keys(run.epochs[0])).toEqual(['epoch', 'loss', 'accuracy', 'mae', 'r2', 'valLoss', 'valAccuracy', 'valMae', 'valR2', 'learningRate']);
    expect(keys(run.test)).toEqual(['loss', 'accuracy', 'mae', 'r2']);
    expect(keys(run.weights)).toEqual(['h', 'o']);
    expect(keys(run.weights.h.bias)).toEqual(['shape', 'data']);
    expect(keys(out.weights)).toEqual(['h', 'o']);
    expect(keys(out.optimizerState)).toEqual(['type', 'epoch', 'stepInEpoch', 'step', 'slots']);
    expect(keys(out.optimizerState.slots.velocity)).toEqual(['h', 'o']);
    expect(keys(out.optimizerState.slots.velocity.o.kernel)).toEqual(['shape', 'data']);
  });

  it('orders the optimisers and schedules not in the fixture', () => {
    const p = rawProject();
    p.training.optimizer = { weightDecay: 0, lrDecay: 0, epsilon: 1e-8, rho: 0.9, beta2: 0.99, beta1: 0.9, learningRate: 1, type: 'adam' };
    delete p.training.optimizer.lrDecay;
    delete p.training.optimizer.rho;
    p.training.schedule = { gamma: 0.5, stepSize: 2, per: 'epoch', type: 'step' };
    const t = JSON.parse(serializeProject(p as Project)).training;
    expect(keys(t.optimizer)).toEqual(['type', 'learningRate', 'beta1', 'beta2', 'epsilon', 'weightDecay']);
    expect(keys(t.schedule)).toEqual(['type', 'per', 'stepSize', 'gamma']);
    p.training.optimizer = { weightDecay: 0, lrDecay: 0.1, epsilon: 1e-8, learningRate: 1, type: 'adagrad' };
    p.training.schedule = { decay: 0.5, type: 'inverseTime' };
    const u = JSON.parse(serializeProject(p as Project)).training;
    expect(keys(u.optimizer)).toEqual(['type', 'learningRate', 'epsilon', 'lrDecay', 'weightDecay']);
    expect(keys(u.schedule)).toEqual(['type', 'decay']);
    p.training.optimizer = { momentum: 0, rho: 0.9, learningRate: 1, type: 'rmsprop' };
    expect(keys(JSON.parse(serializeProject(p as Project)).training.optimizer)).toEqual(['type', 'learningRate', 'momentum', 'rho']);
  });
});

describe('printJson', () => {
  it('prints scalars as JSON and empty containers inline', () => {
    expect(printJson(null)).toBe('null');
    expect(printJson('a"b')).toBe('"a\\"b"');
    expect(printJson([])).toBe('[]');
    expect(printJson({})).toBe('{}');
    expect(printJson({ a: undefined, b: 1 })).toBe('{ "b": 1 }');
    expect(printJson([1, [2, 3], { x: 'y' }])).toBe('[1, [2, 3], { "x": "y" }]');
  });

  it('keeps a line of exactly 120 characters and breaks one of 121', () => {
    const list = (chars: number) => ['x'.repeat(chars - 4)]; // ["…"] is the text and 4 more characters
    expect(printJson(list(120))).toBe(`["${'x'.repeat(116)}"]`);
    expect(printJson(list(121))).toBe(`[\n  "${'x'.repeat(117)}"\n]`);
    const obj = (chars: number) => ({ k: 'x'.repeat(chars - 11) }); // { "k": "…" }
    expect(printJson(obj(120))).toHaveLength(120);
    expect(printJson(obj(121))).toBe(`{\n  "k": "${'x'.repeat(110)}"\n}`);
  });

  it('counts the separators between entries against the line', () => {
    // [1, 2, …]: n one-digit numbers take 3n characters (", " between, "[]" around).
    const digits = (n: number) => Array.from({ length: n }, () => 1);
    expect(printJson(digits(40))).toBe(`[${digits(40).join(', ')}]`); // 120 characters
    expect(printJson(digits(41)).split('\n')).toHaveLength(43);
    const fields = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [String.fromCharCode(97 + (i % 26)) + String.fromCharCode(97 + Math.floor(i / 26)), 1]));
    // { "aa": 1, … }: 9 characters per entry with its separator, 4 for "{  }" minus the last ", ".
    expect(printJson(fields(13))).toHaveLength(4 + 13 * 9 - 2);
    expect(printJson(fields(14)).split('\n')).toHaveLength(16);
  });

  it('breaks a list whose last entry fits its own budget but not with the separator before it', () => {
    // ["a…a" (115 characters), then `, "b"` would end at 122.
    expect(printJson(['a'.repeat(113), 'b'])).toBe(`[\n  "${'a'.repeat(113)}",\n  "b"\n]`);
  });

  it('gives nested entries the space left after their indent and key', () => {
    // Inside the object, ["…"] after `  "key": ` has 120 − 2 − 7 = 111 characters: 107 y's fit, 108 do not.
    expect(printJson({ key: ['y'.repeat(107)] })).toBe(`{\n  "key": ["${'y'.repeat(107)}"]\n}`);
    expect(printJson({ key: ['y'.repeat(108)] })).toBe(`{\n  "key": [\n    "${'y'.repeat(108)}"\n  ]\n}`);
    expect(printJson([['z'.repeat(114)]])).toBe(`[["${'z'.repeat(114)}"]]`);
    expect(printJson([['z'.repeat(115)]])).toBe(`[\n  [\n    "${'z'.repeat(115)}"\n  ]\n]`);
  });
});
