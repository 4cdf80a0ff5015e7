/**
 * Model.backward zeroes the params' gradients first, except the Dense kernels whose layer writes
 * their gradient whole (Layer.overwrittenGrads: dW = xᵀ·dy, no read of the old value). A kernel
 * with an L1/L2 penalty is accumulated instead, since the penalty adds its share first.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile';
import type { Model } from '../../src/engine/model';
import { Rng } from '../../src/engine/random';
import { chain } from '../shared/graph-fixtures';

function model(l2: number): Model {
  const graph = chain(
    ['x', 'input'], ['d', 'dense', { units: 24, l2 }], ['r', 'relu'], ['o', 'dense', { units: 3 }], ['s', 'softmax'], ['L', 'crossEntropy'],
  );
  return compileModel(graph, { dataShape: [20], batchSize: 16, task: 'classification', numClasses: 3, targetSize: 1, seed: 4 });
}

const rng = new Rng(9);
const x = Float32Array.from({ length: 16 * 20 }, () => rng.next() * 2 - 1);
const y = Float32Array.from({ length: 16 }, (_, i) => i % 3);

/** Every param's gradient after one forward and backward pass, by name. */
function gradients(m: Model): Record<string, number[]> {
  m.forward(x, 16, y, true);
  m.backward();
  return Object.fromEntries(m.params.map((p) => [`${p.nodeId}.${p.name}`, Array.from(p.grad)]));
}

describe('param gradients across backward passes', () => {
  it('the unpenalised Dense kernels are the ones written whole; the rest are zeroed first', () => {
    const m = model(0);
    const kinds = m.layers.flatMap((l) => l.overwrittenGrads().map((p) => `${p.nodeId}.${p.name}`));
    expect(kinds).toEqual(['d.kernel', 'o.kernel']);
    expect(model(0.1).layers.flatMap((l) => l.overwrittenGrads().map((p) => `${p.nodeId}.${p.name}`))).toEqual(['o.kernel']);
  });

  it('a second pass gives the same gradients as the first, whatever the gradients held before', () => {
    for (const l2 of [0, 0.1]) {
      const m = model(l2);
      const first = gradients(m);
      for (const p of m.params) p.grad.fill(Number.NaN); // stale values must neither be read nor kept
      expect(gradients(m)).toEqual(first);
    }
  });

  it('a kernel penalty’s share is kept: the penalised kernel gradient is the plain one plus 2·λ·w', () => {
    const plain = model(0), penalised = model(0.1);
    const g0 = gradients(plain), g1 = gradients(penalised);
    const w = penalised.params.find((p) => p.nodeId === 'd' && p.name === 'kernel')!.data;
    g1['d.kernel'].forEach((g, i) => expect(g).toBeCloseTo(g0['d.kernel'][i] + 2 * 0.1 * w[i], 6));
    expect(g1['o.kernel']).toEqual(g0['o.kernel']);
    expect(g1['d.bias']).toEqual(g0['d.bias']);
  });
});
