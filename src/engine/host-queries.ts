/**
 * The engine host's read-only requests: each answers from the current session (trainer, data,
 * project) and changes nothing in it.
 */
import { getNodeSpec } from '../shared/nodes';
import type { Project } from '../shared/project-types';
import { Reply, type ModelSummary, type ReplyOf } from '../shared/protocol';
import { applyNormalizer } from './data/normalize';
import type { PreparedData } from './data/types';
import type { Model } from './model';
import { weightMapOf } from './session';
import { traceTrainingStep } from './trace';
import type { Trainer } from './train';

/** The model's outputs for `rows` inputs (raw feature values unless `normalized`). */
export function predictRows(trainer: Trainer, data: PreparedData, x: Float32Array, rows: number, normalized: boolean): ReplyOf<'predict'> {
  if (x.length !== rows * data.featureSize) throw new Error(`predict: ${rows} rows need ${rows * data.featureSize} values, got ${x.length}`);
  const input = new Float32Array(x);
  if (!normalized) applyNormalizer(data.normalizer, input, rows, data.featureSize);
  const outputs = trainer.predict(input, rows);
  const cols = trainer.model.prediction.size;
  return new Reply({ type: 'prediction', outputs, rows, cols }, [outputs.buffer as ArrayBuffer]);
}

/** The step-through: one step from the current weights on a copy of the model; the session is not changed. */
export function traceFromSession(trainer: Trainer, project: Project, data: PreparedData, sample: number, rows: number): ReplyOf<'trace'> {
  const { trace } = traceTrainingStep({
    graph: project.graph,
    data,
    training: project.training,
    weights: weightMapOf(trainer.model),
    sample,
    rows,
    learningRate: trainer.learningRate,
  });
  return { type: 'traced', trace };
}

/** A node's activations, gradients and params of the last batch, as copies. */
export function inspectNode(model: Model, nodeId: string): ReplyOf<'inspect'> {
  const node = model.node(nodeId);
  const rows = model.rows;
  const activations = node.output.slice(0, rows * node.size);
  const gradients = node.grad.slice(0, rows * node.size);
  const params = node.params.map((p) => ({ name: p.name, shape: [...p.shape], data: p.data.slice(), grad: p.grad.slice() }));
  const transfer = [activations.buffer, gradients.buffer, ...params.flatMap((p) => [p.data.buffer, p.grad.buffer])] as ArrayBuffer[];
  return new Reply({ type: 'inspection', nodeId, rows, shape: [...node.shape], activations, gradients, params }, transfer);
}

/** What the editor shows of a loaded model: layers with shapes and parameter counts, and the data's sizes. */
export function modelSummary(trainer: Trainer, data: PreparedData): ModelSummary {
  const layers = trainer.model.nodes.map((n) => ({
    id: n.id,
    type: n.type,
    label: getNodeSpec(n.type)?.label ?? n.type,
    shape: [...n.shape],
    params: n.params.reduce((s, p) => s + p.data.length, 0),
  }));
  return {
    layers,
    totalParams: layers.reduce((s, l) => s + l.params, 0),
    train: data.train.n,
    validation: data.validation.n,
    test: data.test.n,
    task: data.task,
    classNames: data.dataset.classNames,
    featureNames: data.dataset.featureNames,
    featureShape: [...data.featureShape],
    stepsPerEpoch: trainer.stepsPerEpoch,
  };
}
