/**
 * Convolutions, pooling, flatten/reshape, merges, dropout and noise at evaluation, and the loss
 * penalties against PyTorch 1.13 (float64) on fixed weights: forward values, the loss (with its
 * penalties), every node's gradient, every param's gradient and dL/dx, within 1e-5 relative.
 * Fixture: test/fixtures/golden/cnn.json, made by `/usr/bin/python3 tools/golden/make_golden.py`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Conv2DLayer } from '../../src/engine/nodes/conv2d';
import { compileGolden as compile, forwardMismatches, type ForwardCase } from './optim/golden-fixtures';

interface CnnCase extends ForwardCase {
  /** False: dropout and noise run as at evaluation (the identity). */
  training: boolean;
}

const fixture = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/golden/cnn.json', import.meta.url)), 'utf8')) as { cases: CnnCase[] };

describe('convolution, pooling, merge and penalty layers match PyTorch', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const model = compile(c);
    const loss = model.forward(Float32Array.from(c.x), c.rows, Float32Array.from(c.y), c.training);
    model.backward();
    const problems = forwardMismatches(model, loss, c.expected);
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
