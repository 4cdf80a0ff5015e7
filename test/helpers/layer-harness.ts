/**
 * Building single compiled layers by hand for op-level tests: a RuntimeNode with buffers for
 * `maxBatch` rows, and a finite-difference check of one layer's backward against its forward.
 */
import type { Layer, RuntimeNode } from '../../src/engine/nodes/layer';
import { sizeOf, type Param } from '../../src/engine/tensor';
import { gradcheck, projection, randomArray, type GradcheckOptions } from './gradcheck';

export function runtimeNode(id: string, type: string, shape: number[], inputs: RuntimeNode[], maxBatch: number, params: Record<string, number[]> = {}): RuntimeNode {
  const size = sizeOf(shape);
  const ps: Param[] = Object.entries(params).map(([name, s], i) => ({
    nodeId: id,
    name,
    shape: s,
    data: randomArray(sizeOf(s), 100 + i, -0.8, 0.8),
    grad: new Float32Array(sizeOf(s)),
    trainable: true,
    decay: true,
  }));
  return { id, type, shape, size, output: new Float32Array(maxBatch * size), grad: new Float32Array(maxBatch * size), inputs, params: ps, buffers: [] };
}

/** Fills each input node's first `rows` rows with random values (seeded). */
export function fillInputs(inputs: RuntimeNode[], rows: number, seed = 1): void {
  inputs.forEach((n, i) => n.output.set(randomArray(rows * n.size, seed + i)));
}

/**
 * Checks the layer's backward (dL/d inputs and dL/d params, for L = Σ output·w) against central
 * differences of its forward. `training` is passed to forward; the layer must be deterministic.
 */
export function layerGradcheck(layer: Layer, rows: number, opts: GradcheckOptions & { training?: boolean } = {}): void {
  const node = layer.node;
  const w = randomArray(rows * node.size, 77);
  const inputs = [...new Set(node.inputs)];
  for (const n of inputs) n.grad.fill(0);
  for (const p of node.params) p.grad.fill(0);
  layer.forward(rows, opts.training ?? true);
  node.grad.set(w);
  layer.backward(rows);
  const values: Record<string, Float32Array> = {};
  const grads: Record<string, Float32Array> = {};
  inputs.forEach((n, i) => {
    values[`in${i}`] = n.output.subarray(0, rows * n.size);
    grads[`in${i}`] = n.grad.slice(0, rows * n.size);
  });
  for (const p of node.params) {
    values[p.name] = p.data;
    grads[p.name] = p.grad.slice();
  }
  const loss = (): number => {
    layer.forward(rows, opts.training ?? true);
    return projection(node.output, w, rows * node.size);
  };
  gradcheck(values, loss, grads, opts);
}
