/**
 * "Open as network": a computational graph that is a single sigmoid neuron with a squared loss,
 *   ℓ = (σ(Σ θᵢ·xᵢ + b) − y)²   (θᵢ, b variables; xᵢ, y constants),
 * is the network input → Dense(1) → Sigmoid → MSE with kernel θ and bias b, evaluated on the
 * sample (x, y). The network needs the sample in a dataset, so the recognised neurons are those
 * whose sample is a row of a built-in logic gate (two inputs of 0 or 1 and the gate's label):
 * MSE of one output over a batch of that one row is exactly ℓ, so the gradients agree.
 */
import { encodeTensor } from '../project';
import type { Project } from '../project-types';
import { chainGraph, makeProject } from '../templates/build';
import { paramsWithDefaults, type ScalarOp } from './ops';
import type { CompGraph } from './types';

export interface RecognizedNeuron {
  /** Variable node ids of the weights, and the constant node ids of their inputs, in input order. */
  weights: { variable: string; name: string; value: number; input: string; x: number }[];
  bias: { variable: string; name: string; value: number };
  target: number;
}

type Node = CompGraph['nodes'][number];

function inputsOf(graph: CompGraph, id: string): Node[] {
  const edges = graph.edges.filter((e) => e.target === id).sort((a, b) => a.targetHandle.localeCompare(b.targetHandle));
  return edges.map((e) => graph.nodes.find((n) => n.id === e.source)).filter((n): n is Node => n !== undefined);
}

const valueOf = (n: Node): number => Number(paramsWithDefaults(n.type as ScalarOp, n.params).value);

/** The neuron the graph is, or undefined (with no exceptions: any other graph simply is not one). */
export function recognizeNeuron(graph: CompGraph): RecognizedNeuron | undefined {
  const node = (id: string | undefined) => graph.nodes.find((n) => n.id === id);
  const out = node(graph.output);
  if (out?.type !== 'square') return undefined;
  const [diff] = inputsOf(graph, out.id);
  if (diff?.type !== 'subtract') return undefined;
  const [act, target] = inputsOf(graph, diff.id);
  if (act?.type !== 'sigmoid' || target?.type !== 'constant') return undefined;
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
  const bias = paramsWithDefaults('variable', biases[0]!.params);
  return { weights, bias: { variable: biases[0]!.id, name: String(bias.name), value: Number(bias.value) }, target: valueOf(target) };
}

const GATES: Readonly<Record<string, (a: number, b: number) => number>> = { and: (a, b) => a & b, or: (a, b) => a | b, xor: (a, b) => a ^ b };

/** The gate dataset that holds the neuron's sample as a row, if any. */
export function gateDatasetFor(neuron: RecognizedNeuron): string | undefined {
  if (neuron.weights.length !== 2) return undefined;
  const [a, b] = neuron.weights.map((w) => w.x);
  if (![a, b].every((x) => x === 0 || x === 1)) return undefined;
  return Object.keys(GATES).find((id) => GATES[id]!(a!, b!) === neuron.target);
}

/** Why a graph cannot open as a network, or undefined when it can. */
export function whyNotANetwork(graph: CompGraph): string | undefined {
  const neuron = recognizeNeuron(graph);
  if (!neuron) return 'Only a single sigmoid neuron with a squared loss, ℓ = (σ(Σ θᵢxᵢ + b) − y)², opens as a network.';
  if (!gateDatasetFor(neuron)) return 'The neuron opens as a network when its sample is a row of the AND, OR or XOR gate: two inputs of 0 or 1 and the gate\'s label.';
  return undefined;
}

/**
 * The equivalent network project: the gate dataset unnormalised, no held-out split, one row per
 * step in the data's order, and the neuron's θ and b as the Dense layer's kernel and bias.
 */
export function neuronAsNetwork(graph: CompGraph, name: string): Project {
  const neuron = recognizeNeuron(graph);
  const dataset = neuron && gateDatasetFor(neuron);
  if (!neuron || !dataset) throw new Error(whyNotANetwork(graph));
  const project = makeProject(
    `${name} (network)`,
    chainGraph([
      ['x', 'input'],
      ['neuron', 'dense', { units: 1 }],
      ['p', 'sigmoid'],
      ['loss', 'mse', { target: 'labels' }],
    ]),
    { dataset, normalize: 'none', split: { validation: 0, test: 0 } },
    { optimizer: { type: 'sgd', learningRate: 0.5 }, batchSize: 1, sampling: 'sequential', epochs: 100, seed: 1 },
  );
  project.weights = {
    neuron: {
      kernel: encodeTensor([2, 1], Float32Array.from(neuron.weights.map((w) => w.value))),
      bias: encodeTensor([1], Float32Array.of(neuron.bias.value)),
    },
  };
  return project;
}
