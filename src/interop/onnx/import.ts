/**
 * ONNX model → project: the operators PyTorch's torch.onnx.export writes for the layers we have
 * (Gemm, MatMul + Add, Conv, MaxPool, AveragePool, Flatten, Reshape, the activations, Softmax,
 * LogSoftmax, Dropout, Add/Sum, Concat) and the ones our own export writes (normalisation,
 * Step and Sign as comparisons). Every node is converted before anything is returned: if any
 * operator cannot be, the error lists each one by type and node, and nothing is imported.
 * A loss is suggested from each output: Softmax → cross-entropy, Sigmoid → binary
 * cross-entropy, LogSoftmax → NLL, anything else → MSE.
 */
import { builtinDatasets, builtinShapeInfo } from '../../shared/data/catalog';
import type { Graph } from '../../shared/graph-types';
import { defaultParams, getNodeSpec, type NodeType, type Shape } from '../../shared/nodes';
import type { DataConfig, Project, TrainingConfig } from '../../shared/project-types';
import { blankProject } from '../../shared/templates';
import { layeredPositions } from '../layout';
import { META, type SavedLayout, type SavedLoss } from './metadata';
import { OnnxImportError, readOnnx, type ReadModel } from './onnx-graph';

import { converters, ImportState } from './import-converters';

export { OnnxImportError } from './onnx-graph';

export interface OnnxImportResult {
  project: Project;
  /** True when the model came from Backprop Studio (its data, training and losses were restored). */
  restored: boolean;
  /** The loss suggested for each output (or restored), for the user. */
  losses: { nodeId: string; type: string }[];
}

export interface OnnxImportOptions {
  /** A built-in dataset to train on; otherwise one is chosen by the input shape, when one fits. */
  dataset?: string;
}

/** The loss a user most likely trains an output with. */
function suggestedLoss(type: string): NodeType {
  if (type === 'softmax') return 'crossEntropy';
  if (type === 'sigmoid') return 'binaryCrossEntropy';
  if (type === 'logSoftmax') return 'nll';
  return 'mse';
}

export function importOnnx(bytes: Uint8Array, fileName: string, options: OnnxImportOptions = {}): OnnxImportResult {
  const model = readOnnx(bytes, fileName);
  const readers = new Map<string, number>();
  for (const n of model.nodes) for (const v of n.inputs) readers.set(v, (readers.get(v) ?? 0) + 1);
  const s = new ImportState(model, readers);
  s.add('input', {}, [], model.input.name, model.input.shape);
  const refused = new Set<string>();
  for (const n of model.nodes) {
    const after = n.inputs.find((v) => refused.has(v));
    const convert = converters[n.op];
    const reason = !convert
      ? 'Backprop Studio has no node for this operator'
      : after
        ? `its input '${after}' comes from an operator that cannot be imported`
        : convert(n, s);
    if (!reason) continue;
    s.refuse(n, reason);
    for (const out of n.outputs) refused.add(out);
  }
  for (const [value, p] of s.pending) s.unsupported.push({ op: p.kind === 'centred' ? 'Sub' : 'GreaterOrEqual', node: value, reason: 'used in a way the import does not understand' });
  const missing = model.outputs.filter((o) => !s.source(o));
  if (s.unsupported.length > 0 || missing.length > 0) {
    const lines = s.unsupported.map((u) => `${u.op} (node '${u.node}'): ${u.reason}`);
    if (missing.length > 0 && s.unsupported.length === 0) lines.push(`outputs ${missing.join(', ')} come from no node that was imported`);
    throw new OnnxImportError(`${fileName} cannot be imported, nothing was opened:\n${lines.map((l) => `  ${l}`).join('\n')}`, s.unsupported);
  }
  return assemble(s, model, fileName, options);
}

function assemble(s: ImportState, model: ReadModel, fileName: string, options: OnnxImportOptions): OnnxImportResult {
  const meta = model.metadata;
  const restored = meta.has(META.data) && meta.has(META.training);
  const base = blankProject(meta.get(META.project) ?? fileName.replace(/\.onnx$/i, ''));
  const outputIds = [...new Set(model.outputs.map((o) => s.source(o)!))];
  const saved: SavedLoss[] = restored ? (JSON.parse(meta.get(META.losses) ?? '[]') as SavedLoss[]) : [];
  const losses: { nodeId: string; type: string }[] = [];
  // Our export names outputs by node id, so a restored loss finds the node it read.
  const restorable = saved.length > 0 && saved.every((l) => s.nodes.some((n) => n.id === l.input) && getNodeSpec(l.type));
  const lossSpecs = restorable
    ? saved.map((l) => ({ id: l.id, type: l.type as NodeType, params: l.params, input: l.input }))
    : outputIds.map((id, k) => ({ id: `loss${outputIds.length > 1 ? k + 1 : ''}`, type: suggestedLoss(s.nodes.find((n) => n.id === id)!.type), params: { target: 'labels' }, input: id }));
  for (const l of lossSpecs) {
    const id = s.nodes.some((n) => n.id === l.id) ? `${l.id}_loss` : l.id;
    s.nodes.push({ id, type: l.type, position: { x: 0, y: 0 }, params: { ...defaultParams(l.type), ...l.params } });
    s.edges.push({ id: `e${s.edges.length + 1}`, source: l.input, sourceHandle: 'out', target: id, targetHandle: 'in' });
    losses.push({ nodeId: id, type: l.type });
  }
  const graph: Graph = { nodes: s.nodes, edges: s.edges };
  restoreInputId(graph, meta);
  placeNodes(graph, meta);
  const data = restored ? (JSON.parse(meta.get(META.data)!) as DataConfig) : dataFor(model.input.shape, outputIds.map((id) => s.shapes.get(id)!), lossSpecs[0]?.type, options, base.data);
  const training = restored ? (JSON.parse(meta.get(META.training)!) as TrainingConfig) : base.training;
  return { project: { ...base, graph, data, training, weights: s.weights }, restored, losses };
}

/** Our export saves the input node's id; the ONNX input itself is named after the data. */
function restoreInputId(graph: Graph, meta: Map<string, string>): void {
  const wanted = meta.get(META.inputNode);
  if (!wanted || graph.nodes.some((n) => n.id === wanted)) return;
  const input = graph.nodes.find((n) => n.type === 'input')!;
  for (const e of graph.edges) if (e.source === input.id) e.source = wanted;
  input.id = wanted;
}

/**
 * Our own export saved each node's type, params, label and position: params ONNX does not carry
 * (initialisers, penalties, Gaussian noise, which is an Identity in ONNX) come back with them.
 * Positions are used when every node has one (a round trip), else a layered layout.
 */
function placeNodes(graph: Graph, meta: Map<string, string>): void {
  const saved = meta.get(META.layout) ? (JSON.parse(meta.get(META.layout)!) as SavedLayout) : {};
  const complete = graph.nodes.every((n) => saved[n.id]);
  const positions = complete ? null : layeredPositions(graph);
  for (const n of graph.nodes) {
    const at = saved[n.id];
    if (at?.label) n.label = at.label;
    if (at?.type && (at.type === n.type || (at.type === 'gaussianNoise' && n.type === 'identity'))) {
      n.type = at.type;
      n.params = { ...at.params };
    }
    n.position = complete ? { x: at!.x, y: at!.y } : positions!.get(n.id)!;
  }
}

/**
 * A built-in dataset whose samples fit the model: the one asked for, else the first whose feature
 * shape matches the input and, for classifiers, whose class count matches the output.
 */
function dataFor(inputShape: Shape, outputShapes: Shape[], loss: NodeType | undefined, options: OnnxImportOptions, fallback: DataConfig): DataConfig {
  const normalize = { normalize: 'standard' as const, split: { validation: 0.2, test: 0.2 } };
  if (options.dataset) return { dataset: options.dataset, ...normalize };
  const outputs = outputShapes[0]?.reduce((a, b) => a * b, 1) ?? 0;
  const classifier = loss === 'crossEntropy' || loss === 'nll' || loss === 'binaryCrossEntropy';
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
  for (const info of builtinDatasets) {
    if (info.rows === 1) continue; // one sample (sample-221, sample-layer, …) is no dataset to train an imported model on
    const shapes = info.id === 'digits' ? [{ image: 0 }, { image: 1 }] : [{}];
    for (const opts of shapes) {
      const shape = builtinShapeInfo(info.id, opts);
      if (!same(shape.dataShape, inputShape)) continue;
      const fits = classifier ? shape.task === 'classification' && (shape.numClasses === outputs || (outputs === 1 && shape.numClasses === 2)) : shape.task === 'regression' && shape.targetSize === outputs;
      if (fits) return { dataset: info.id, ...(Object.keys(opts).length ? { options: opts } : {}), ...normalize };
    }
  }
  return fallback;
}
