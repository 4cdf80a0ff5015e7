/**
 * Convolutions, pooling, flatten/reshape, merges, dropout and noise at evaluation, and the loss
 * penalties against PyTorch 1.13 (float64) on fixed weights: forward values, the loss (with its
 * penalties), every node's gradient, every param's gradient and dL/dx, within 1e-5 relative.
 * Fixture: test/fixtures/golden/cnn.json, made by `/usr/bin/python3 tools/golden/make_golden.py`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile';
import { Conv2DLayer } from '../../src/engine/layers/conv';
import { mismatches, weightMap, type ForwardCase } from './optim/golden-fixtures';

interface CnnCase extends ForwardCase {
  /** False: dropout and noise run as at evaluation (the identity). */
  training: boolean;
}

const fixture = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/golden/cnn.json', import.meta.url)), 'utf8')) as { cases: CnnCase[] };

function compile(c: CnnCase) {
  return compileModel(c.graph, {
    dataShape: c.dataShape,
    batchSize: c.rows,
    task: c.task,
    numClasses: c.numClasses,
    targetSize: c.targetSize,
    seed: 1,
    weights: weightMap(c),
  });
}

describe('convolution, pooling, merge and penalty layers match PyTorch', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const model = compile(c);
    const loss = model.forward(Float32Array.from(c.x), c.rows, Float32Array.from(c.y), c.training);
    model.backward();
    const e = c.expected;
    const problems = mismatches('loss', [loss], [e.loss]);
    for (const [id, values] of Object.entries(e.outputs)) problems.push(...mismatches(`output of ${id}`, model.node(id).output, values));
    for (const [id, values] of Object.entries(e.nodeGrads)) {
      if (!e.fused.includes(id)) problems.push(...mismatches(`grad of ${id}`, model.node(id).grad, values));
    }
    problems.push(...mismatches('dL/dx', model.inputGrad, e.inputGrad));
    for (const [nodeId, byName] of Object.entries(e.paramGrads)) {
      for (const [name, values] of Object.entries(byName)) {
        const p = model.params.find((q) => q.nodeId === nodeId && q.name === name)!;
        problems.push(...mismatches(`grad ${nodeId}.${name}`, p.grad, values));
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('covers both convolution paths (direct 3×3 and im2col + GEMM)', () => {
    const paths = new Set<string>();
    for (const c of fixture.cases) {
      const model = compile(c);
      model.forward(Float32Array.from(c.x), c.rows, Float32Array.from(c.y), c.training);
      for (const l of (model as unknown as { layers: unknown[] }).layers) if (l instanceof Conv2DLayer) paths.add(l.direct ? 'direct' : 'im2col');
    }
    expect([...paths].sort()).toEqual(['direct', 'im2col']);
  });
});
