/**
 * Stable, diff-friendly JSON for project files: a fixed key order per section, 2-space indent,
 * and small flat objects/lists on one line (`"position": { "x": 240, "y": 80 }`,
 * `"shape": [2, 4]`) so a file reads like the example in the docs.
 */
import { getNodeSpec } from './nodes';

type Json = Record<string, unknown>;

const MAX_LINE = 120;

/** Keys listed first, in this order; any others follow in their own order. */
const ORDER = {
  root: ['format', 'version', 'name', 'lesson', 'graph', 'data', 'training', 'runs', 'ui', 'weights', 'optimizerState'],
  optimizerState: ['type', 'epoch', 'stepInEpoch', 'step', 'slots'],
  lesson: ['title', 'instructions', 'locks', 'goals'],
  locks: ['nodes', 'params', 'graph', 'data', 'training'],
  goal: ['kind', 'label', 'prompt', 'metric', 'split', 'quantity', 'atLeast', 'atMost', 'below', 'epochs', 'tolerance', 'relative', 'answer'],
  quantity: ['kind', 'node', 'param', 'index', 'split', 'input'],
  graph: ['nodes', 'edges'],
  node: ['id', 'type', 'label', 'position', 'params'],
  position: ['x', 'y'],
  edge: ['id', 'source', 'sourceHandle', 'target', 'targetHandle'],
  data: ['dataset', 'csv', 'sha256', 'features', 'target', 'task', 'imageShape', 'options', 'normalize', 'split'],
  split: ['validation', 'test'],
  training: ['optimizer', 'schedule', 'batchSize', 'sampling', 'epochs', 'seed', 'earlyStopping', 'averaging', 'l1'],
  optimizer: ['type', 'learningRate', 'momentum', 'dampening', 'nesterov', 'beta1', 'beta2', 'rho', 'epsilon', 'lrDecay', 'weightDecay'],
  schedule: ['type', 'per', 'stepSize', 'gamma', 'decay', 'period', 'minLearningRate'],
  earlyStopping: ['patience', 'minDelta', 'restoreBest'],
  tensor: ['shape', 'data'],
  run: ['id', 'startedAt', 'status', 'architecture', 'note', 'settings', 'epochs', 'test', 'weights'],
  runSettings: ['training', 'data'],
  runEpoch: ['epoch', 'loss', 'accuracy', 'mae', 'r2', 'valLoss', 'valAccuracy', 'valMae', 'valR2', 'learningRate'],
  runTest: ['loss', 'accuracy', 'mae', 'r2'],
} as const;

function ordered(obj: unknown, keys: readonly string[]): Json {
  const src = obj as Json;
  const out: Json = {};
  for (const key of keys) if (src[key] !== undefined) out[key] = src[key];
  for (const [key, value] of Object.entries(src)) if (!(key in out) && value !== undefined) out[key] = value;
  return out;
}

function orderSection<T>(obj: Json, key: string, fn: (value: unknown) => T): void {
  if (obj[key] !== undefined) obj[key] = fn(obj[key]);
}

/** A copy of a (structurally valid) project with every object's keys in canonical order. */
export function canonicalProject(project: unknown): Json {
  const root = ordered(project, ORDER.root);
  orderSection(root, 'graph', (g) => {
    const graph = ordered(g, ORDER.graph);
    graph.nodes = (graph.nodes as unknown[]).map((n) => {
      const node = ordered(n, ORDER.node);
      orderSection(node, 'position', (p) => ordered(p, ORDER.position));
      // Params in the registry's order, so the inspector's edit order never shows in a diff.
      const known = Object.keys(getNodeSpec(String(node.type))?.params ?? {});
      orderSection(node, 'params', (p) => ordered(p, known));
      return node;
    });
    graph.edges = (graph.edges as unknown[]).map((e) => ordered(e, ORDER.edge));
    return graph;
  });
  orderSection(root, 'lesson', orderLesson);
  orderSection(root, 'data', orderData);
  orderSection(root, 'training', orderTraining);
  // Nodes in graph order (the engine hands them over in its own order).
  const nodeOrder = ((root.graph as Json | undefined)?.nodes as Json[] | undefined)?.map((n) => String(n.id)) ?? [];
  orderSection(root, 'runs', (runs) => (runs as unknown[]).map((r) => orderRun(r, nodeOrder)));
  orderSection(root, 'weights', (w) => orderWeights(w, nodeOrder));
  orderSection(root, 'optimizerState', (o) => {
    const state = ordered(o, ORDER.optimizerState);
    orderSection(state, 'slots', (slots) => Object.fromEntries(Object.entries(slots as Json).map(([name, w]) => [name, orderWeights(w, nodeOrder)])));
    return state;
  });
  return root;
}

function orderLesson(l: unknown): Json {
  const lesson = ordered(l, ORDER.lesson);
  orderSection(lesson, 'locks', (locks) => ordered(locks, ORDER.locks));
  orderSection(lesson, 'goals', (goals) =>
    (goals as unknown[]).map((g) => {
      const goal = ordered(g, ORDER.goal);
      orderSection(goal, 'quantity', (q) => ordered(q, ORDER.quantity));
      return goal;
    }),
  );
  return lesson;
}

function orderData(d: unknown): Json {
  const data = ordered(d, ORDER.data);
  orderSection(data, 'split', (s) => ordered(s, ORDER.split));
  return data;
}

function orderTraining(t: unknown): Json {
  const training = ordered(t, ORDER.training);
  orderSection(training, 'optimizer', (o) => ordered(o, ORDER.optimizer));
  orderSection(training, 'schedule', (s) => ordered(s, ORDER.schedule));
  orderSection(training, 'earlyStopping', (e) => ordered(e, ORDER.earlyStopping));
  return training;
}

function orderWeights(w: unknown, nodeOrder: string[]): Json {
  const weights: Json = {};
  for (const [nodeId, params] of Object.entries(ordered(w, nodeOrder))) {
    const tensors: Json = {};
    for (const [name, t] of Object.entries(params as Json)) tensors[name] = ordered(t, ORDER.tensor);
    weights[nodeId] = tensors;
  }
  return weights;
}

function orderRun(r: unknown, nodeOrder: string[]): Json {
  const run = ordered(r, ORDER.run);
  orderSection(run, 'settings', (s) => {
    const settings = ordered(s, ORDER.runSettings);
    orderSection(settings, 'training', orderTraining);
    orderSection(settings, 'data', orderData);
    return settings;
  });
  orderSection(run, 'epochs', (epochs) => (epochs as unknown[]).map((e) => ordered(e, ORDER.runEpoch)));
  orderSection(run, 'test', (t) => ordered(t, ORDER.runTest));
  orderSection(run, 'weights', (w) => orderWeights(w, nodeOrder));
  return run;
}

/**
 * Pretty JSON: a container goes on one line when that line fits in MAX_LINE (one line per
 * node and per edge diffs well); otherwise one entry per line. Recursion is bounded: a
 * validated project nests only a few levels deep.
 */
export function printJson(value: unknown, indent = '', prefixLength = 0): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const oneLine = inline(value, MAX_LINE - indent.length - prefixLength);
  if (oneLine !== null) return oneLine;
  const isList = Array.isArray(value);
  const inner = `${indent}  `;
  const lines = entriesOf(value).map(([k, v]) => {
    const key = isList ? '' : `${JSON.stringify(k)}: `;
    return inner + key + printJson(v, inner, key.length);
  });
  return `${isList ? '[' : '{'}\n${lines.join(',\n')}\n${indent}${isList ? ']' : '}'}`;
}

function entriesOf(value: object): [string, unknown][] {
  if (Array.isArray(value)) return value.map((v): [string, unknown] => ['', v]);
  return Object.entries(value as Json).filter(([, v]) => v !== undefined);
}

/** The one-line form of `value`, or null as soon as it would exceed `budget` characters. */
function inline(value: unknown, budget: number): string | null {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'string' && value.length + 2 > budget) return null; // skip stringifying megabytes
    const text = JSON.stringify(value);
    return text.length <= budget ? text : null;
  }
  const isList = Array.isArray(value);
  const parts: string[] = [];
  let used = isList ? 2 : 4; // "[]" or "{  }"
  for (const [k, v] of entriesOf(value)) {
    const key = isList ? '' : `${JSON.stringify(k)}: `;
    const text = inline(v, budget - used - key.length);
    if (text === null) return null;
    parts.push(key + text);
    used += key.length + text.length + (parts.length > 1 ? 2 : 0);
    if (used > budget) return null;
  }
  if (parts.length === 0) return isList ? '[]' : '{}';
  return isList ? `[${parts.join(', ')}]` : `{ ${parts.join(', ')} }`;
}
