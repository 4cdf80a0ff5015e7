/**
 * ONNX import picks a built-in dataset for a model without our metadata by its shapes. A dataset
 * of one sample (sample-221, sample-layer) fits some shapes (2 inputs → 2 regression outputs is
 * sample-layer's) but is nothing to train an imported model on, so it is never picked.
 */
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../../src/interop/onnx/export';
import { importOnnx } from '../../src/interop/onnx/import';
import { graphAsNetwork } from '../../src/shared/compgraph/as-network';
import { findBuiltinDataset } from '../../src/shared/data/catalog';
import { findCompGraphTemplate } from '../../src/shared/templates/compgraph';
import { compileProject } from './helpers';

/** The bytes with one metadata key renamed (same length), so the importer no longer finds it. */
function withoutKey(bytes: Uint8Array, key: string): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  const at = text.indexOf(key);
  expect(at, `metadata key ${key}`).toBeGreaterThanOrEqual(0);
  const out = Uint8Array.from(bytes);
  out[at + key.length - 1] = 'X'.charCodeAt(0);
  return out;
}

describe('ONNX import never picks a one-sample dataset', () => {
  it('a 2 → 2 regression model (a tanh layer as a network) without its data settings gets no one-sample dataset', async () => {
    // tanh neurons: an output the importer reads as regression (a sigmoid output suggests a classifier).
    const graph = findCompGraphTemplate('sigmoid-layer')!.build().graph;
    const tanh = { ...graph, nodes: graph.nodes.map((n) => (n.type === 'sigmoid' ? { ...n, type: 'tanh' } : n)) };
    const project = graphAsNetwork(tanh, 'Layer');
    const { source } = await compileProject(project);
    const { bytes } = exportOnnx(source);
    expect(importOnnx(bytes, 'layer.onnx').project.data).toMatchObject({ dataset: 'sample-layer' }); // restored from the metadata
    const { project: imported, restored } = importOnnx(withoutKey(bytes, 'backprop.data'), 'layer.onnx');
    expect(restored).toBe(false);
    expect(imported.graph.nodes.find((n) => n.type === 'mse')).toBeDefined();
    const dataset = (imported.data as { dataset: string }).dataset;
    expect(findBuiltinDataset(dataset)?.rows, dataset).not.toBe(1);
  });
});
