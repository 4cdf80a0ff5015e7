/** Structural checks of the `graph`, `data` and `weights` sections of a project file. */
import { decodedLength } from './base64';
import { array, fail, isObject, join, number, object, oneOf, optional, record, shown, string, type Json } from './project-fields';

export const NORMALIZE_MODES = ['standard', 'minmax', 'none'] as const;
export const TASKS = ['classification', 'regression'] as const;
export const DEFAULT_SPLIT = { validation: 0.2, test: 0 } as const;

export function checkGraph(value: unknown, path: string): void {
  const g = object(value, path, ['nodes', 'edges']);
  array(g.nodes, join(path, 'nodes')).forEach((node, i) => checkNode(node, join(join(path, 'nodes'), i)));
  array(g.edges, join(path, 'edges')).forEach((edge, i) => {
    const at = join(join(path, 'edges'), i);
    const e = object(edge, at, ['id', 'source', 'sourceHandle', 'target', 'targetHandle']);
    for (const key of ['id', 'source', 'sourceHandle', 'target', 'targetHandle']) string(e[key], join(at, key));
  });
}

function checkNode(value: unknown, path: string): void {
  const n = object(value, path, ['id', 'type', 'position', 'params'], ['label']);
  string(n.id, join(path, 'id'));
  string(n.type, join(path, 'type'));
  const p = object(n.position, join(path, 'position'), ['x', 'y']);
  number(p.x, join(join(path, 'position'), 'x'));
  number(p.y, join(join(path, 'position'), 'y'));
  optional(n, 'label', path, (v, at) => string(v, at, false));
  const params = record(n.params, join(path, 'params'));
  // Which params a node takes is the registry's business (graph.ts); here only their JSON form.
  for (const [key, v] of Object.entries(params)) {
    const ok =
      typeof v === 'boolean' ||
      typeof v === 'string' ||
      (typeof v === 'number' && Number.isFinite(v)) ||
      (Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x)));
    if (!ok) fail(join(join(path, 'params'), key), `must be a number, true/false, text or a list of numbers (got ${shown(v)})`);
  }
}

export function checkData(value: unknown, path: string): void {
  if (!isObject(value)) fail(path, `must be an object (got ${shown(value)})`);
  const isCsv = Object.hasOwn(value, 'csv');
  if (isCsv && Object.hasOwn(value, 'dataset')) fail(path, "give either 'dataset' or 'csv', not both");
  if (!isCsv && !Object.hasOwn(value, 'dataset'))
    fail(path, "needs 'dataset' (a built-in dataset id) or 'csv' (a CSV file beside the project)");
  const common = ['normalize', 'split'];
  const d = isCsv
    ? object(value, path, ['csv', 'features', 'target', 'task'], ['sha256', 'imageShape', ...common], 'CSV data')
    : object(value, path, ['dataset'], ['options', ...common], 'a built-in dataset');
  if (isCsv) checkCsvFields(d, path);
  else {
    string(d.dataset, join(path, 'dataset'));
    optional(d, 'options', path, (v, at) => {
      const options = record(v, at);
      for (const [key, x] of Object.entries(options)) number(x, join(at, key));
    });
  }
  optional(d, 'normalize', path, (v, at) => oneOf(v, at, NORMALIZE_MODES));
  optional(d, 'split', path, checkSplit);
}

function checkCsvFields(d: Json, path: string): void {
  string(d.csv, join(path, 'csv'));
  optional(d, 'sha256', path, (v, at) => {
    const sha = string(v, at);
    if (!/^[0-9a-f]{64}$/i.test(sha)) fail(at, `must be 64 hexadecimal digits (got ${shown(sha)})`);
  });
  const featuresPath = join(path, 'features');
  const features = array(d.features, featuresPath).map((f, i) => string(f, join(featuresPath, i)));
  if (features.length === 0) fail(featuresPath, 'must name at least one column');
  const repeated = features.find((f, i) => features.indexOf(f) !== i);
  if (repeated !== undefined) fail(featuresPath, `names the column '${repeated}' twice`);
  const target = string(d.target, join(path, 'target'));
  if (features.includes(target)) fail(join(path, 'target'), `the column '${target}' cannot be both a feature and the target`);
  oneOf(d.task, join(path, 'task'), TASKS);
  optional(d, 'imageShape', path, (v, at) => checkImageShape(v, at, features.length));
}

/** `[C, H, W]`: the feature columns are the pixels of C×H×W images (channel by channel, row by row). */
function checkImageShape(value: unknown, path: string, featureCount: number): void {
  const dims = array(value, path).map((d, i) => number(d, join(path, i), { integer: true, min: 1 }));
  if (dims.length !== 3) fail(path, `must be [channels, height, width] (got ${dims.length} ${dims.length === 1 ? 'number' : 'numbers'})`);
  const pixels = dims[0]! * dims[1]! * dims[2]!;
  if (pixels !== featureCount)
    fail(path, `[${dims.join(', ')}] holds ${pixels} values but features lists ${featureCount} columns`, 'make channels × height × width equal the number of feature columns');
}

function checkSplit(value: unknown, path: string): void {
  const s = object(value, path, [], ['validation', 'test']);
  const fraction = { min: 0, max: 1, maxExclusive: true };
  const validation = optional(s, 'validation', path, (v, at) => number(v, at, fraction)) ?? DEFAULT_SPLIT.validation;
  const test = optional(s, 'test', path, (v, at) => number(v, at, fraction)) ?? DEFAULT_SPLIT.test;
  if (validation + test >= 1)
    fail(path, `validation + test must leave data for training (got ${validation} + ${test} ≥ 1)`, 'lower the validation or test fraction');
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** nodeId → param name → { shape, data }; the data's length must match the shape. */
export function checkWeights(value: unknown, path: string): void {
  const nodes = record(value, path);
  for (const [nodeId, params] of Object.entries(nodes)) {
    const nodePath = join(path, nodeId);
    const tensors = record(params, nodePath);
    for (const [name, tensor] of Object.entries(tensors)) checkTensor(tensor, join(nodePath, name));
  }
}

export function checkTensor(value: unknown, path: string): { shape: number[]; data: string } {
  const t = object(value, path, ['shape', 'data']);
  const shapePath = join(path, 'shape');
  const shape = array(t.shape, shapePath).map((d, i) => number(d, join(shapePath, i), { integer: true, min: 1 }));
  if (shape.length === 0) fail(shapePath, 'must list at least one dimension');
  const data = string(t.data, join(path, 'data'), false);
  const dataPath = join(path, 'data');
  const bytes = decodedLength(data);
  if (typeof bytes === 'string' || !BASE64.test(data)) fail(dataPath, 'is not valid base64');
  const needed = shape.reduce((a, b) => a * b, 1);
  if (bytes % 4 !== 0) fail(dataPath, `holds ${bytes} bytes, which is not a whole number of float32 values`);
  if (bytes / 4 !== needed) fail(dataPath, `holds ${bytes / 4} ${bytes === 4 ? 'value' : 'values'} but the shape [${shape.join(', ')}] needs ${needed}`);
  return { shape, data };
}
