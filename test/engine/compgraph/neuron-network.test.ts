/**
 * "Open as network": a computational graph that is a neuron or a layer with a squared loss and
 * the network project it opens as (Input → Dense(k) → activation → MSE) give the same loss and
 * the same gradients on the graph's sample, the sample being a row of the project's dataset.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { createTrainer, prepareProjectData, weightsFromProject } from '../../../src/engine/session';
import { nodeDatasetIO } from '../../../src/node/datasets';
import { graphAsNetwork, recognizeLayer, recognizeNeuron, whyNotANetwork } from '../../../src/shared/compgraph/as-network';
import { gradientReport } from '../../../src/shared/compgraph/evaluate';
import type { CompGraph } from '../../../src/shared/compgraph/types';
import { findBuiltinDataset } from '../../../src/shared/data/catalog';
import { isCsvData, type Project } from '../../../src/shared/project-types';
import { findCompGraphTemplate } from '../../../src/shared/templates/compgraph';

const templateGraph = (id: string) => findCompGraphTemplate(id)!.build().graph;
const neuronGraph = () => templateGraph('sigmoid-neuron');
const layerGraph = () => templateGraph('sigmoid-layer');

/** A copy of the graph with new params on some blocks. */
function withParams(graph: CompGraph, changes: Record<string, Record<string, number | string>>): CompGraph {
  return { ...graph, nodes: graph.nodes.map((n) => (changes[n.id] ? { ...n, params: { ...n.params, ...changes[n.id] } } : n)) };
}

/** A copy of the graph with some blocks' types changed (e.g. sigmoid → tanh). */
function withTypes(graph: CompGraph, types: Record<string, string>): CompGraph {
  return { ...graph, nodes: graph.nodes.map((n) => (types[n.id] ? { ...n, type: types[n.id]! } : n)) };
}

/**
 * The network's loss and its parameter gradients on the graph's sample, read from the project's
 * own dataset (the row whose inputs are the graph's x), through the engine's compiled model.
 */
async function networkOnSample(project: Project, x: number[]) {
  if (isCsvData(project.data)) throw new Error('expected a built-in dataset');
  const info = findBuiltinDataset(project.data.dataset)!;
  const data = await prepareProjectData(project, nodeDatasetIO);
  const width = x.length;
  const row = Array.from({ length: data.train.n }, (_, i) => i).find((i) => x.every((v, j) => Math.abs(data.train.x[i * width + j]! - v) < 1e-7));
  expect(row, `the dataset ${info.id} holds the sample ${x}`).toBeDefined();
  const t = info.targetSize;
  const model = compileModel(project.graph, {
    dataShape: info.featureShape, batchSize: 1, task: info.task, numClasses: info.numClasses, targetSize: t, seed: 1, weights: weightsFromProject(project.weights),
  });
  const loss = model.forward(data.train.x.slice(row! * width, (row! + 1) * width), 1, data.train.y.slice(row! * t, (row! + 1) * t), false);
  model.backward();
  const grad = (node: string, name: string) => Array.from(model.params.find((p) => p.nodeId === node && p.name === name)!.grad);
  expect(() => createTrainer(project, data)).not.toThrow();
  return { loss, grad, targets: Array.from(data.train.y.slice(row! * t, (row! + 1) * t)) };
}

/** The graph's g and every ∂g/∂θ equal the network's loss and gradients within 1e-6. */
async function expectSameNumbers(graph: CompGraph) {
  const layer = recognizeLayer(graph)!;
  const report = gradientReport(graph, 1e-6);
  const project = graphAsNetwork(graph, 'G');
  const dense = layer.neurons.length === 1 ? 'neuron' : 'layer';
  const x = layer.neurons[0]!.weights.map((w) => w.x);
  const net = await networkOnSample(project, x);
  expect(net.targets).toEqual(layer.neurons.map((n) => n.target));
  expect(Math.abs(net.loss - report.g)).toBeLessThan(1e-6);
  const kernel = net.grad(dense, 'kernel');
  const bias = net.grad(dense, 'bias');
  const k = layer.neurons.length;
  layer.neurons.forEach((n, j) => {
    n.weights.forEach((w, i) => expect(Math.abs(kernel[i * k + j]! - report.variables[w.name]!.reverse), w.name).toBeLessThan(1e-6));
    expect(Math.abs(bias[j]! - report.variables[n.bias.name]!.reverse), n.bias.name).toBeLessThan(1e-6);
  });
  // Every variable of the graph is a kernel or bias entry: nothing left over.
  expect(Object.keys(report.variables)).toHaveLength(k * (x.length + 1));
  return { report, project, net };
}

describe('a sigmoid neuron as a network', () => {
  it('recognises the neuron: weights θ₁, θ₂ on inputs 1, 1, bias b, target 1', () => {
    const n = recognizeNeuron(neuronGraph())!;
    expect(n.weights.map((w) => [w.name, w.value, w.x])).toEqual([['theta1', 0.5, 1], ['theta2', -0.25, 1]]);
    expect(n.bias).toMatchObject({ name: 'b', value: 0.1 });
    expect(n.target).toBe(1);
    expect(n.activation).toBe('sigmoid');
    expect(whyNotANetwork(neuronGraph())).toBeUndefined();
  });

  it('the network gives the same loss and gradients on the sample x = (1, 1), y = 1 of the AND gate', async () => {
    const { project } = await expectSameNumbers(neuronGraph());
    expect(project.data).toEqual({ dataset: 'and', normalize: 'none', split: { validation: 0, test: 0 } });
  });

  it('beyond the gates: the neuron on x = (1, 2), y = 1 opens on sample-221, and tanh or relu neurons open too', async () => {
    const moved = withParams(neuronGraph(), { x2: { value: 2 } });
    expect((await expectSameNumbers(moved)).project.data).toMatchObject({ dataset: 'sample-221' });
    for (const activation of ['tanh', 'relu']) {
      const graph = withTypes(neuronGraph(), { yhat: activation });
      const { project } = await expectSameNumbers(graph);
      expect(project.graph.nodes.find((n) => n.id === 'p')!.type).toBe(activation);
    }
  });
});

describe('a sigmoid layer as a network', () => {
  it('recognises two neurons on the same inputs (1, 0.5), targets (1, 0), and the ½ in front', () => {
    const layer = recognizeLayer(layerGraph())!;
    expect(layer.neurons.map((n) => n.weights.map((w) => [w.name, w.x]))).toEqual([
      [['w11', 1], ['w12', 0.5]],
      [['w21', 1], ['w22', 0.5]],
    ]);
    expect(layer.neurons.map((n) => [n.bias.name, n.target])).toEqual([['b1', 1], ['b2', 0]]);
    expect(layer).toMatchObject({ activation: 'sigmoid', scale: 0.5 });
    expect(recognizeNeuron(layerGraph())).toBeUndefined();
    expect(whyNotANetwork(layerGraph())).toBeUndefined();
  });

  it('the network Input → Dense(2) → Sigmoid → MSE (sum, × 0.5) on sample-layer gives the same ℓ and ∂ℓ/∂θ', async () => {
    const { project, report } = await expectSameNumbers(layerGraph());
    expect(project.data).toEqual({ dataset: 'sample-layer', normalize: 'none', split: { validation: 0, test: 0 } });
    expect(project.graph.nodes.map((n) => [n.id, n.type])).toEqual([['x', 'input'], ['layer', 'dense'], ['p', 'sigmoid'], ['loss', 'mse']]);
    expect(project.graph.nodes.find((n) => n.id === 'layer')!.params).toMatchObject({ units: 2 });
    expect(project.graph.nodes.find((n) => n.id === 'loss')!.params).toMatchObject({ reduction: 'sum', scale: 0.5 });
    // The template's numbers (docs/autodiff.md): z = (0.475, 0.3).
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    expect(report.g).toBeCloseTo(0.5 * ((s(0.475) - 1) ** 2 + s(0.3) ** 2), 12);
  });

  it('the same with wires into the loss swapped, tanh neurons, or no ½: order and scale follow the graph', async () => {
    const swapped = { ...layerGraph(), edges: layerGraph().edges.map((e) => (e.target === 'sum' ? { ...e, targetHandle: e.targetHandle === 'a' ? 'b' : 'a' } : e)) };
    expect(recognizeLayer(swapped)!.neurons.map((n) => n.bias.name)).toEqual(['b2', 'b1']);
    // Targets (0, 1) are in no dataset: refused with the reason.
    expect(whyNotANetwork(swapped)).toMatch(/sample is in a built-in dataset/);
    await expectSameNumbers(withTypes(layerGraph(), { yhat1: 'tanh', yhat2: 'tanh' }));
    const noHalf = { ...layerGraph(), output: 'sum' };
    expect(recognizeLayer(noHalf)!.scale).toBe(1);
    await expectSameNumbers(noHalf);
  });
});

describe('graphs that are not a neuron or a layer are not offered the link', () => {
  it('the lecture examples, mixed activations, a shared weight, different inputs, an unknown sample', () => {
    for (const id of ['l002-autodiff-example1', 'l002-autodiff-example2', 'l002-autodiff-example3'])
      expect(whyNotANetwork(templateGraph(id)), id).toMatch(/Only a neuron or a layer with a squared loss/);
    const notALayer: [string, CompGraph][] = [
      ['sigmoid and tanh', withTypes(layerGraph(), { yhat2: 'tanh' })],
      ['a weight shared by both neurons', { ...layerGraph(), edges: layerGraph().edges.map((e) => (e.source === 'w21' ? { ...e, source: 'w11' } : e)) }],
      ['neuron 2 reading another input', { ...layerGraph(), edges: layerGraph().edges.map((e) => (e.source === 'x2' && e.target === 'm22' ? { ...e, source: 'x1' } : e)) }],
      ['an exp activation', withTypes(neuronGraph(), { yhat: 'exp' })],
      ['a variable target', withTypes(neuronGraph(), { y: 'variable' })],
    ];
    for (const [what, graph] of notALayer) {
      expect(recognizeLayer(graph), what).toBeUndefined();
      expect(whyNotANetwork(graph), what).toMatch(/Only a neuron or a layer/);
      expect(() => graphAsNetwork(graph, 'G'), what).toThrow(/Only a neuron or a layer/);
    }
    const elsewhere = withParams(layerGraph(), { x2: { value: 0.25 } });
    expect(recognizeLayer(elsewhere)).toBeDefined();
    expect(whyNotANetwork(elsewhere)).toMatch(/layer opens as a network when its sample is in a built-in dataset: .*x = \(1, 0\.5\), y = \(1, 0\)/);
  });
});
