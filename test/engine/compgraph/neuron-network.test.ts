/**
 * "Open as network": the sigmoid-neuron computational graph and the network project it opens as
 * (input → Dense(1) → Sigmoid → MSE) give the same loss and the same gradients on the sample.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile';
import { createTrainer, prepareProjectData, weightsFromProject } from '../../../src/engine/session';
import { nodeDatasetIO } from '../../../src/node/datasets';
import { neuronAsNetwork, recognizeNeuron, whyNotANetwork } from '../../../src/shared/compgraph/as-network';
import { gradientReport } from '../../../src/shared/compgraph/evaluate';
import { findCompGraphTemplate } from '../../../src/shared/templates/compgraph';

const neuronGraph = () => findCompGraphTemplate('sigmoid-neuron')!.build().graph;

describe('sigmoid neuron as a network', () => {
  it('recognises the neuron: weights θ₁, θ₂ on inputs 1, 1, bias b, target 1', () => {
    const n = recognizeNeuron(neuronGraph())!;
    expect(n.weights.map((w) => [w.name, w.value, w.x])).toEqual([['theta1', 0.5, 1], ['theta2', -0.25, 1]]);
    expect(n.bias).toMatchObject({ name: 'b', value: 0.1 });
    expect(n.target).toBe(1);
    expect(whyNotANetwork(neuronGraph())).toBeUndefined();
    expect(whyNotANetwork(findCompGraphTemplate('l002-autodiff-example3')!.build().graph)).toMatch(/Only a single sigmoid neuron/);
  });

  it('the network gives the same loss and gradients on the sample x = (1, 1), y = 1', () => {
    const graph = neuronGraph();
    const report = gradientReport(graph, 1e-6);
    const project = neuronAsNetwork(graph, 'Sigmoid neuron');
    expect(project.data).toEqual({ dataset: 'and', normalize: 'none', split: { validation: 0, test: 0 } });
    const model = compileModel(project.graph, {
      dataShape: [2], batchSize: 1, task: 'classification', numClasses: 2, targetSize: 1, seed: 1, weights: weightsFromProject(project.weights),
    });
    const loss = model.forward(Float32Array.of(1, 1), 1, Float32Array.of(1), false);
    model.backward();
    expect(Math.abs(loss - report.g)).toBeLessThan(1e-6);
    const grad = (name: string) => model.params.find((p) => p.nodeId === 'neuron' && p.name === name)!.grad;
    expect(Math.abs(grad('kernel')[0]! - report.variables.theta1!.reverse)).toBeLessThan(1e-6);
    expect(Math.abs(grad('kernel')[1]! - report.variables.theta2!.reverse)).toBeLessThan(1e-6);
    expect(Math.abs(grad('bias')[0]! - report.variables.b!.reverse)).toBeLessThan(1e-6);
  });

  it('the network project is valid and its dataset holds the sample with the label the graph uses', async () => {
    const project = neuronAsNetwork(neuronGraph(), 'Sigmoid neuron');
    const data = await prepareProjectData(project, nodeDatasetIO);
    const rows = Array.from({ length: data.train.n }, (_, i) => [data.train.x[2 * i], data.train.x[2 * i + 1], data.train.y[i]]);
    expect(rows).toContainEqual([1, 1, 1]);
    expect(() => createTrainer(project, data)).not.toThrow();
  });
});
