/**
 * "Open as network": a computational graph that is a layer of k ≥ 1 neurons sharing the same
 * inputs, with a squared loss summed over the neurons (optionally times a constant c),
 *   ℓ = c · Σₖ (a(Σᵢ θₖᵢ·xᵢ + bₖ) − yₖ)²   (θ, b variables; x, y constants; a = σ, tanh or relu),
 * is the network Input → Dense(k) → a → MSE(reduction sum, scale c) with kernel θ and bias b,
 * evaluated on the sample (x, y). The network needs the sample in a built-in dataset, so the
 * recognised graphs are those whose sample is a row of a logic gate (one neuron, two inputs of
 * 0 or 1 and the gate's label) or a one-sample dataset (src/shared/data/one-samples.ts). On a
 * batch of that one row the network's loss is exactly ℓ, so the gradients agree.
 */
import { ONE_SAMPLES } from '../data/one-samples';
import { encodeTensor } from '../project';
import type { Project } from '../project-types';
import { chainGraph, makeProject } from '../templates/build';
import { paramsWithDefaults, type ScalarOp } from './ops';
import type { CompGraph } from './types';

export type LayerActivation = 'sigmoid' | 'tanh' | 'relu';
const ACTIVATIONS: readonly string[] = ['sigmoid', 'tanh', 'relu'];

export interface RecognizedNeuron {
  /** Variable node ids of the weights, and the constant node ids of their inputs, in input order. */
  weights: { variable: string; name: string; value: number; input: string; x: number }[];
  bias: { variable: string; name: string; value: number };
  target: number;
  activation: LayerActivation;
}

export interface RecognizedLayer {
  /** One per output, in the order the loss adds them; all with their weights in the same input order. */
  neurons: RecognizedNeuron[];
  activation: LayerActivation;
  /** The constant c in front of the sum of squares (1 without one). */
  scale: number;
}

type Node = CompGraph['nodes'][number];

function inputsOf(graph: CompGraph, id: string): Node[] {
  const edges = graph.edges.filter((e) => e.target === id).sort((a, b) => a.targetHandle.localeCompare(b.targetHandle));
  return edges.map((e) => graph.nodes.find((n) => n.id === e.source)).filter((n): n is Node => n !== undefined);
}

const valueOf = (n: Node): number => Number(paramsWithDefaults(n.type as ScalarOp, n.params).value);

/** A neuron's squared error (a(z) − y)², or undefined. */
function recognizeSquaredError(graph: CompGraph, square: Node): RecognizedNeuron | undefined {
  if (square.type !== 'square') return undefined;
  const [diff] = inputsOf(graph, square.id);
  if (diff?.type !== 'subtract') return undefined;
  const [act, target] = inputsOf(graph, diff.id);
  if (!act || !ACTIVATIONS.includes(act.type) || target?.type !== 'constant') return undefined;
  const [z] = inputsOf(graph, act.id);
  if (!z) return undefined;
  // z is a tree of Add blocks whose leaves are θ × x products and one bias variable.
  const weights: RecognizedNeuron['weights'] = [];
  const biases: Node[] = [];
  const collect = (n: Node): boolean => {
    if (n.type === 'add') return inputsOf(graph, n.id).every(collect);
    if (n.type === 'variable') return biases.push(n) > 0;
    if (n.type !== 'multiply') return false;
    const [a, b] = inputsOf(graph, n.id);
    const theta = a?.type === 'variable' ? a : b?.type === 'variable' ? b : undefined;
    const x = a?.type === 'constant' ? a : b?.type === 'constant' ? b : undefined;
    if (!theta || !x) return false;
    const p = paramsWithDefaults('variable', theta.params);
    weights.push({ variable: theta.id, name: String(p.name), value: Number(p.value), input: x.id, x: valueOf(x) });
    return true;
  };
  if (!collect(z) || biases.length !== 1 || weights.length === 0) return undefined;
  if (new Set(weights.map((w) => w.input)).size !== weights.length) return undefined;
  const bias = paramsWithDefaults('variable', biases[0]!.params);
  return {
    weights,
    bias: { variable: biases[0]!.id, name: String(bias.name), value: Number(bias.value) },
    target: valueOf(target),
    activation: act.type as LayerActivation,
  };
}

/** The layer the graph is, or undefined (with no exceptions: any other graph simply is not one). */
export function recognizeLayer(graph: CompGraph): RecognizedLayer | undefined {
  let top = graph.nodes.find((n) => n.id === graph.output);
  if (!top) return undefined;
  let scale = 1;
  if (top.type === 'multiply') {
    // c · Σ: one factor a constant, the other the sum of squares.
    const [a, b] = inputsOf(graph, top.id);
    const c = a?.type === 'constant' ? a : b?.type === 'constant' ? b : undefined;
    const rest = c === a ? b : a;
    if (!c || !rest || !(valueOf(c) > 0)) return undefined;
    scale = valueOf(c);
    top = rest;
  }
  const terms: Node[] = [];
  const collect = (n: Node): void => {
    if (n.type === 'add') inputsOf(graph, n.id).forEach(collect);
    else terms.push(n);
  };
  collect(top);
  const neurons = terms.map((t) => recognizeSquaredError(graph, t));
  if (neurons.length === 0 || neurons.some((n) => n === undefined)) return undefined;
  const [first, ...others] = neurons as RecognizedNeuron[];
  const order = first!.weights.map((w) => w.input);
  // Every neuron reads the same input blocks, once each; put its weights in the first one's order.
  for (const n of others) {
    if (n.activation !== first!.activation || n.weights.length !== order.length) return undefined;
    const sorted = order.map((input) => n.weights.find((w) => w.input === input));
    if (sorted.some((w) => w === undefined)) return undefined;
    n.weights = sorted as RecognizedNeuron['weights'];
  }
  const all = neurons as RecognizedNeuron[];
  const variables = all.flatMap((n) => [...n.weights.map((w) => w.variable), n.bias.variable]);
  if (new Set(variables).size !== variables.length) return undefined; // a shared θ is not a Dense layer
  return { neurons: all, activation: first!.activation, scale };
}

/** The graph as a single neuron (a layer of one), or undefined. */
export function recognizeNeuron(graph: CompGraph): RecognizedNeuron | undefined {
  const layer = recognizeLayer(graph);
  return layer?.neurons.length === 1 ? layer.neurons[0] : undefined;
}

const GATES: Readonly<Record<string, (a: number, b: number) => number>> = { and: (a, b) => a & b, or: (a, b) => a | b, xor: (a, b) => a ^ b };

/** The built-in dataset that holds the layer's sample (x, y) as a row, if any. */
export function datasetFor(layer: RecognizedLayer): string | undefined {
  const x = layer.neurons[0]!.weights.map((w) => w.x);
  const y = layer.neurons.map((n) => n.target);
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  const oneSample = ONE_SAMPLES.find((s) => same(s.x, x) && same(s.y, y));
  if (oneSample) return oneSample.id;
  if (y.length !== 1 || x.length !== 2 || !x.every((v) => v === 0 || v === 1)) return undefined;
  return Object.keys(GATES).find((id) => GATES[id]!(x[0]!, x[1]!) === y[0]);
}

/** The samples a graph may be evaluated on as a network, in words (for the reason shown). */
const SAMPLES_IN_WORDS = [
  'a row of the AND, OR or XOR gate (one neuron, two inputs of 0 or 1 and the gate\'s label)',
  ...ONE_SAMPLES.map((s) => `x = (${s.x.join(', ')}), y = (${s.y.join(', ')})`),
].join('; ');

/** Why a graph cannot open as a network, or undefined when it can. */
export function whyNotANetwork(graph: CompGraph): string | undefined {
  const layer = recognizeLayer(graph);
  if (!layer)
    return 'Only a neuron or a layer with a squared loss, ℓ = c·Σₖ (a(Σᵢ θₖᵢxᵢ + bₖ) − yₖ)² with a = σ, tanh or relu and the same inputs xᵢ for every neuron, opens as a network.';
  if (!datasetFor(layer)) return `The ${layer.neurons.length === 1 ? 'neuron' : 'layer'} opens as a network when its sample is in a built-in dataset: ${SAMPLES_IN_WORDS}.`;
  return undefined;
}

/** What the graph is, in words, for the link (e.g. "a layer of 2 sigmoid neurons"). */
export function describeAsNetwork(graph: CompGraph): string | undefined {
  const layer = recognizeLayer(graph);
  if (!layer) return undefined;
  const k = layer.neurons.length;
  return k === 1 ? `a single ${layer.activation} neuron` : `a layer of ${k} ${layer.activation} neurons`;
}

/**
 * The equivalent network project: the dataset unnormalised, no held-out split, one row per step
 * in the data's order, the layer's θ and b as the Dense layer's kernel ([inputs, units]) and
 * bias, and MSE summed over the outputs times the graph's constant.
 */
export function graphAsNetwork(graph: CompGraph, name: string): Project {
  const layer = recognizeLayer(graph);
  const dataset = layer && datasetFor(layer);
  if (!layer || !dataset) throw new Error(whyNotANetwork(graph));
  const units = layer.neurons.length;
  const inputs = layer.neurons[0]!.weights.length;
  const dense = units === 1 ? 'neuron' : 'layer';
  const project = makeProject(
    `${name} (network)`,
    chainGraph([
      ['x', 'input'],
      [dense, 'dense', { units }],
      ['p', layer.activation],
      ['loss', 'mse', { target: 'labels', reduction: 'sum', scale: layer.scale }],
    ]),
    { dataset, normalize: 'none', split: { validation: 0, test: 0 } },
    { optimizer: { type: 'sgd', learningRate: 0.5 }, batchSize: 1, sampling: 'sequential', epochs: 100, seed: 1 },
  );
  const kernel = new Float32Array(inputs * units);
  layer.neurons.forEach((n, j) => n.weights.forEach((w, i) => (kernel[i * units + j] = w.value)));
  project.weights = {
    [dense]: {
      kernel: encodeTensor([inputs, units], kernel),
      bias: encodeTensor([units], Float32Array.from(layer.neurons.map((n) => n.bias.value))),
    },
  };
  return project;
}
