/**
 * Dense backward ADDS its input gradient (dx += dy·Wᵀ): when one node feeds several layers,
 * each consumer's share must survive the others'. An overwrite loses all but the last share,
 * which a chain network never notices. Checked on the op with gradients that do not start at
 * zero (both kernel paths: tiny products go to the JS kernels, larger ones to WebAssembly),
 * and on whole networks where a node (or the input itself) feeds two Dense layers, by finite
 * differences.
 */
import { describe, expect, it } from 'vitest';
import { denseBackward } from '../../src/engine/ops/dense';
import type { Graph } from '../../src/shared/graph-types';
import { randomArray } from '../helpers/gradcheck';
import { modelGradcheck } from '../helpers/model-check';

function graphOf(nodes: [string, string, Record<string, unknown>?][], pairs: [string, string][]): Graph {
  return {
    nodes: nodes.map(([id, type, params], i) => ({ id, type, position: { x: 100 * i, y: 0 }, params: params ?? {} })),
    edges: pairs.map(([source, target], i) => ({ id: `e${i}`, source, sourceHandle: 'out', target, targetHandle: 'in' })),
  };
}

describe('denseBackward adds to gradients that already hold other consumers’ shares', () => {
  it.each([
    ['JS kernels', 3, 4, 2],
    ['WebAssembly kernels', 16, 40, 24],
  ])('%s (n=%i, in=%i, out=%i)', (_path, n, inF, outF) => {
    const x = randomArray(n * inF, 1), W = randomArray(inF * outF, 2), dy = randomArray(n * outF, 3);
    const fresh = [new Float32Array(n * inF), new Float32Array(inF * outF), new Float32Array(outF)] as const;
    denseBackward(x, W, dy, fresh[0], fresh[1], fresh[2], n, inF, outF);
    const start = [randomArray(n * inF, 4), randomArray(inF * outF, 5), randomArray(outF, 6)] as const;
    const acc = start.map((s) => s.slice()) as unknown as [Float32Array, Float32Array, Float32Array];
    denseBackward(x, W, dy, acc[0], acc[1], acc[2], n, inF, outF);
    (['dx', 'dW', 'db'] as const).forEach((name, t) => {
      for (let i = 0; i < acc[t].length; i++) expect(acc[t][i], `${name}[${i}]`).toBeCloseTo(start[t][i] + fresh[t][i], 5);
    });
  });
});

describe('a node feeding two Dense layers gets the sum of both gradients', () => {
  it('hidden tanh → two Dense heads → add → softmax → crossEntropy', () => {
    const graph = graphOf(
      [['x', 'input'], ['h', 'dense', { units: 5 }], ['t', 'tanh'], ['a', 'dense', { units: 3 }], ['b', 'dense', { units: 3 }], ['sum', 'add'], ['s', 'softmax'], ['L', 'crossEntropy']],
      [['x', 'h'], ['h', 't'], ['t', 'a'], ['t', 'b'], ['a', 'sum'], ['b', 'sum'], ['sum', 's'], ['s', 'L']],
    );
    modelGradcheck({ graph, dataShape: [4], rows: 3, numClasses: 3, labels: [0, 2, 1] }, { name: 'two dense heads' });
  });

  it('the input itself feeding two Dense layers (dL/dx, as the gradient check and saliency need it)', () => {
    const graph = graphOf(
      [['x', 'input'], ['a', 'dense', { units: 2 }], ['b', 'dense', { units: 2 }], ['sum', 'add'], ['L', 'mse']],
      [['x', 'a'], ['x', 'b'], ['a', 'sum'], ['b', 'sum'], ['sum', 'L']],
    );
    modelGradcheck({ graph, dataShape: [3], rows: 4, numClasses: 2, labels: [0, 1, 1, 0] }, { name: 'input into two dense' });
  });
});
