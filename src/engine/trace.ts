/**
 * The step-through: ONE training step on one chosen sample (or `rows` consecutive training rows),
 * cut into the stages the lectures teach: each layer's forward pass (in, a), the loss, each
 * layer's backward pass (Δ per neuron, ∂L/∂w per weight) and the optimiser's update (old and new
 * weights). Every number is read from the engine's own buffers after its compiled forward,
 * backward and optimiser step: there is no second implementation of backprop here. After the
 * trace the model holds exactly the weights one training step on those rows leaves.
 *
 * Supported: Input (and Flatten/Reshape views), Dense and Conv2D layers each followed by at most
 * one activation, max/average pooling, and one loss. Convolution and pooling layers also give
 * their values as 2-D maps per channel (`maps`, `filters`). Anything else (dropout,
 * normalisation, merges) is refused with the node and the reason.
 */
import { getNodeSpec } from '../shared/nodes';
import type { Graph } from '../shared/graph-types';
import type { TrainingConfig } from '../shared/project-types';
import type {
  BackwardStage, ForwardStage, LossStage, StepTrace, TraceLayer, TraceStage, TraceWeights, UpdateStage,
} from '../shared/protocol-trace';
import { compileModel } from './compile';
import type { PreparedData } from './data/types';
import type { Model } from './model';
import { engineNode } from './nodes';
import type { Layer, LossLayer, RuntimeNode } from './nodes/layer';
import { SquaredErrorLoss } from './nodes/mse';
import { createOptimizer } from './optim';
import { updateRule } from './optim/rules';
import { ELEMENTWISE_ACTIVATIONS } from './probes-layers';
import { learningRateAt } from './schedules';
import type { Param, WeightMap } from './tensor';

/** The node types the step-through traces as layers (with weights, or pooling without). */
const DENSE = 'dense';
const CONV = 'conv2d';
const POOLS = new Set(['maxPool2d', 'avgPool2d']);

export interface TraceSetup {
  graph: Graph;
  data: PreparedData;
  training: TrainingConfig;
  /** Start from these weights (the project's or the live session's); else initialised from the seed. */
  weights?: WeightMap;
  /** The first training row of the batch (0-based), and how many rows (default 1). */
  sample: number;
  rows?: number;
  /** The step's learning rate (default: the configured rate at the first step of the schedule). */
  learningRate?: number;
}

/** The traced step and the model it was taken on (now holding the updated weights). */
export interface TraceResult {
  trace: StepTrace;
  model: Model;
}

/** Why a network cannot be stepped through, naming the node at fault. */
export class TraceError extends Error {
  constructor(
    readonly nodeId: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'TraceError';
  }
}

interface NeuronLayer {
  info: TraceLayer;
  /** The Dense, Conv2D or pooling node. */
  dense: RuntimeNode;
  denseLayer: Layer;
  activation: Layer | null;
}

/** Whether the layer has weights (Dense, Conv2D) and so a gradient and an update stage. */
const hasWeights = (l: NeuronLayer): boolean => l.info.kind !== 'pool';

export function traceTrainingStep(setup: TraceSetup): TraceResult {
  const { data, training } = setup;
  const rows = setup.rows ?? 1;
  const train = data.train;
  if (!Number.isInteger(rows) || rows < 1) throw new TraceError(null, `rows must be a whole number of at least 1 (got ${rows})`);
  if (!Number.isInteger(setup.sample) || setup.sample < 0 || setup.sample + rows > train.n) {
    const last = train.n - rows;
    throw new TraceError(null, `sample ${setup.sample} is not in the training split: it has ${train.n} row${train.n === 1 ? '' : 's'}, so the ${rows === 1 ? 'sample' : `first of ${rows} rows`} must be 0…${Math.max(0, last)}`);
  }
  const model = compileModel(setup.graph, {
    dataShape: data.featureShape,
    batchSize: rows,
    task: data.task,
    numClasses: data.numClasses,
    targetSize: data.targetSize,
    seed: training.seed,
    weights: setup.weights,
  });
  model.setInputGradient(false); // as the trainer: no dL/dx
  const layers = neuronLayers(model);
  const loss = model.losses[0]!;
  const optimizer = createOptimizer(training.optimizer, model.params, { l1: training.l1 });
  const learningRate = setup.learningRate ?? learningRateAt(training.schedule, training.optimizer.learningRate, 0);
  const rule = updateRule(training.optimizer, training.l1 ?? 0);

  const x = train.x.subarray(setup.sample * model.featureSize, (setup.sample + rows) * model.featureSize);
  const y = train.y.subarray(setup.sample * data.targetSize, (setup.sample + rows) * data.targetSize);
  const stages: TraceStage[] = [];

  // Forward, as a training step runs it.
  const lossBefore = model.forward(x, rows, y, true);
  for (const l of layers) stages.push(forwardStage(l, rows));
  stages.push(lossStage(model, loss, rows, lossBefore));

  // Backward: Δ and ∂L/∂w from the engine's backward pass.
  model.backward();
  const backward = layers.map((l) => backwardStage(l, rows));
  for (let i = layers.length - 1; i >= 0; i--) stages.push(backward[i]!);
  // ∂L/∂ŷ, unless the loss is fused with the activation before it (it then writes Δ directly).
  const prediction = loss.prediction;
  (stages[layers.length] as LossStage).dPrediction = layers.at(-1)!.info.fusedWithLoss ? null : toNumbers(prediction.grad.subarray(0, rows * prediction.size));
  // g′(in) from each activation's own backward, after the values above were read.
  layers.forEach((l, i) => (backward[i]!.gPrime = activationDerivative(l, rows)));

  // The update: the optimiser's own step.
  const before = layers.map((l) => (hasWeights(l) ? weightsOf(l.dense, 'data') : null));
  optimizer.step(learningRate);
  layers.forEach((l, i) => {
    if (!hasWeights(l)) return;
    const update: UpdateStage = {
      stage: 'update',
      node: l.info.node,
      rule: rule.rule,
      plainGradientStep: rule.plain,
      learningRate,
      before: before[i]!,
      after: weightsOf(l.dense, 'data'),
    };
    stages.push(update);
  });
  const lossAfter = model.forward(x, rows, y, false);
  return {
    trace: { sample: setup.sample, rows, layers: layers.map((l) => l.info), stages, optimizer: rule.name, lossBefore, lossAfter },
    model,
  };
}

/** The Dense layers in forward order, each with its activation; refuses what the step-through cannot show. */
function neuronLayers(model: Model): NeuronLayer[] {
  if (model.losses.length !== 1) {
    throw new TraceError(model.losses[1]?.node.id ?? null, `the step-through follows one loss; this network has ${model.losses.length}`);
  }
  const consumers = new Map<RuntimeNode, RuntimeNode[]>();
  for (const n of model.nodes) for (const i of n.inputs) (consumers.get(i) ?? consumers.set(i, []).get(i)!).push(n);
  const layers: NeuronLayer[] = [];
  const lossLayer = model.losses[0]!;
  for (const node of model.nodes) {
    const spec = getNodeSpec(node.type)!;
    const engine = engineNode(node.type as never);
    if (engine.dataEntry || spec.category === 'loss') continue;
    const readers = consumers.get(node) ?? [];
    if (readers.length > 1) throw new TraceError(node.id, `'${node.id}' feeds ${readers.length} nodes; the step-through follows a chain of layers`);
    if (engine.view) continue; // Flatten/Reshape: the same values in another shape
    if (node.type === DENSE || node.type === CONV || POOLS.has(node.type)) {
      const source = node.inputs[0]!;
      const kind = node.type === DENSE ? 'dense' : node.type === CONV ? 'conv2d' : 'pool';
      layers.push({
        dense: node,
        denseLayer: model.layer(node.id),
        activation: null,
        info: {
          node: node.id, kind, activationNode: null, activation: null, inputNode: source.id, inputs: source.size, units: node.size, fusedWithLoss: false,
          ...(kind === 'dense' ? {} : { inputShape: mapShape(source), mapShape: mapShape(node) }),
        },
      });
      continue;
    }
    const current = layers.at(-1);
    if (spec.category === 'activation' && current && current.activation === null && throughViews(node.inputs[0]!) === current.dense) {
      const layer = model.layer(node.id);
      current.activation = layer;
      current.info.activationNode = node.id;
      current.info.activation = node.type;
      current.info.fusedWithLoss = layer.bypassed;
      continue;
    }
    throw new TraceError(node.id, refusal(node, spec.label, spec.category, current?.dense.id));
  }
  if (layers.length === 0) throw new TraceError(null, 'this network has no Dense or Conv2D layer to step through');
  const last = layers.at(-1)!;
  if (throughViews(lossLayer.node.inputs[0]!) !== (last.activation?.node ?? last.dense)) {
    throw new TraceError(lossLayer.node.id, `the loss '${lossLayer.node.id}' must read the last layer (or its activation) for the step-through`);
  }
  return layers;
}

/** The node whose values a Flatten/Reshape view shows (the node itself when it is no view). */
function throughViews(node: RuntimeNode): RuntimeNode {
  let n = node;
  while (engineNode(n.type as never).view && n.inputs[0]) n = n.inputs[0];
  return n;
}

/** A feature-map shape [channels, height, width] (a flat node is one 1-pixel-high map). */
function mapShape(node: RuntimeNode): [number, number, number] {
  const s = node.shape;
  if (s.length === 3) return [s[0]!, s[1]!, s[2]!];
  if (s.length === 2) return [1, s[0]!, s[1]!];
  return [1, 1, node.size];
}

/** Rows × C × H × W values as maps[row][channel][y][x]. */
function toMaps(values: Float32Array, rows: number, [C, H, W]: [number, number, number]): number[][][][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: C }, (_, c) =>
      Array.from({ length: H }, (_, y) => toNumbers(values.subarray(((r * C + c) * H + y) * W, ((r * C + c) * H + y) * W + W)))),
  );
}

function refusal(node: RuntimeNode, label: string, category: string, previousDense: string | undefined): string {
  const what = `'${node.id}' is a ${label}`;
  if (node.shape.length > 1 || category === 'layer') {
    return `${what}: the step-through traces Dense, Conv2D and pooling layers, not ${label} layers (they change the values between layers in ways one step cannot show)`;
  }
  if (category === 'activation') {
    return previousDense
      ? `${what} after '${node.inputs[0]!.id}': the step-through takes one activation right after each Dense layer`
      : `${what} before any Dense layer: the step-through starts with a Dense layer on the input`;
  }
  return `${what}: the step-through shows networks of Dense layers, activations and one loss`;
}

function forwardStage(l: NeuronLayer, rows: number): ForwardStage {
  const source = l.dense.inputs[0]!;
  const value = l.activation?.node ?? l.dense;
  const stage: ForwardStage = {
    stage: 'forward',
    node: l.info.node,
    x: toNumbers(source.output.subarray(0, rows * source.size)),
    in: toNumbers(l.dense.output.subarray(0, rows * l.dense.size)),
    a: toNumbers(value.output.subarray(0, rows * value.size)),
  };
  const { inputShape, mapShape: shape } = l.info;
  if (inputShape && shape) {
    stage.maps = {
      x: toMaps(source.output, rows, inputShape),
      in: toMaps(l.dense.output, rows, shape),
      a: toMaps(value.output, rows, shape),
    };
  }
  return stage;
}

function lossStage(model: Model, loss: LossLayer, rows: number, value: number): LossStage {
  const prediction = loss.prediction;
  const classIndex = loss.classTargets === 'index' && loss.targetSource === 'labels';
  const spec = getNodeSpec(loss.node.type)!;
  return {
    stage: 'loss',
    node: loss.node.id,
    lossType: loss.node.type,
    form: loss instanceof SquaredErrorLoss ? squaredErrorForm(loss) : (spec.formula ?? spec.label),
    ...(loss instanceof SquaredErrorLoss ? { squaredError: { reduction: loss.reduction, scale: loss.scale } } : {}),
    value,
    penalty: model.penaltyValue,
    prediction: toNumbers(prediction.output.subarray(0, rows * prediction.size)),
    target: toNumbers(loss.targets.subarray(0, rows * (classIndex ? 1 : prediction.size))),
    targetKind: classIndex ? 'classIndex' : 'values',
    dPrediction: null,
  };
}

function squaredErrorForm(loss: SquaredErrorLoss): string {
  const scale = loss.scale === 1 ? '' : loss.scale === 0.5 ? '½ ' : `${loss.scale} · `;
  return loss.reduction === 'sum' ? `L = ${scale}Σ (y − ŷ)²` : `L = ${scale}mean (y − ŷ)²`;
}

function backwardStage(l: NeuronLayer, rows: number): BackwardStage {
  const n = rows * l.dense.size;
  const act = l.activation;
  const stage: BackwardStage = {
    stage: 'backward',
    node: l.info.node,
    delta: toNumbers(l.dense.grad.subarray(0, n)),
    dA: act === null ? toNumbers(l.dense.grad.subarray(0, n)) : act.bypassed ? null : toNumbers(act.node.grad.subarray(0, n)),
    gPrime: null,
    grads: hasWeights(l) ? weightsOf(l.dense, 'grad') : null,
    // The layer's own kernel penalty (L1/L2) adds to its weights' gradients.
    penalized: l.denseLayer.penalty !== null,
  };
  const shape = l.info.mapShape;
  if (shape) {
    stage.maps = {
      delta: toMaps(l.dense.grad, rows, shape),
      dA: act === null ? toMaps(l.dense.grad, rows, shape) : act.bypassed ? null : toMaps(act.node.grad, rows, shape),
    };
  }
  return stage;
}

/**
 * g′(in) of an elementwise activation, from its own backward pass: with ∂L/∂a = 1 for every
 * neuron, the gradient it passes to its input is g′(in). The buffers are put back afterwards.
 */
function activationDerivative(l: NeuronLayer, rows: number): number[] | null {
  const act = l.activation;
  if (!act || act.bypassed || !ELEMENTWISE_ACTIVATIONS.has(act.node.type)) return null;
  const n = rows * l.dense.size;
  const savedOut = act.node.grad.slice(0, n);
  const savedIn = l.dense.grad.slice(0, n);
  act.node.grad.fill(1, 0, n);
  l.dense.grad.fill(0, 0, n);
  act.backward(rows);
  const gPrime = toNumbers(l.dense.grad.subarray(0, n));
  act.node.grad.set(savedOut);
  l.dense.grad.set(savedIn);
  return gPrime;
}

function weightsOf(node: RuntimeNode, field: 'data' | 'grad'): TraceWeights {
  const kernel = node.params.find((p) => p.name === 'kernel')!;
  const bias = node.params.find((p) => p.name === 'bias');
  const out: TraceWeights = { kernel: matrix(kernel, field) };
  if (kernel.shape.length === 4) out.filters = filters(kernel, field);
  if (bias) out.bias = toNumbers(bias[field]);
  return out;
}

/** A Conv2D kernel [filters, channels, k, k] as filters[f][c][ky][kx]. */
function filters(p: Param, field: 'data' | 'grad'): number[][][][] {
  const [F, C, KH, KW] = p.shape as [number, number, number, number];
  return toMaps(p[field], F, [C, KH, KW]);
}

/**
 * A kernel as rows of a nested array: Dense [inputs, units] as it is; Conv2D [filters, channels,
 * k, k] as one row per filter (its weights in channel, row, column order).
 */
function matrix(p: Param, field: 'data' | 'grad'): number[][] {
  const [inputs, units] = p.shape.length === 4 ? [p.shape[0]!, p.shape[1]! * p.shape[2]! * p.shape[3]!] : (p.shape as [number, number]);
  const values = p[field];
  return Array.from({ length: inputs }, (_, i) => toNumbers(values.subarray(i * units, (i + 1) * units)));
}

function toNumbers(values: Float32Array): number[] {
  return Array.from(values);
}
