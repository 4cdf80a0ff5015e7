/**
 * Convolutions, pooling, flatten/reshape, merges, dropout and noise at evaluation, and the loss
 * penalties against PyTorch 1.13 (float64) on fixed weights: forward values, the loss (with its
 * penalties), every node's gradient, every param's gradient and dL/dx, within 1e-5 relative.
 * Fixture: test/fixtures/golden/cnn.json, made by `/usr/bin/python3 tools/golden/make_golden.py`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { kernelsName, setKernels, type KernelsName } from '../../src/engine/backend';
import { Conv2DLayer } from '../../src/engine/nodes/conv2d';
import { compileGolden as compile, forwardMismatches, type ForwardCase } from './optim/golden-fixtures';

interface CnnCase extends ForwardCase {
  /** False: dropout and noise run as at evaluation (the identity). */
  training: boolean;
}

const fixture = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/golden/cnn.json', import.meta.url)), 'utf8')) as { cases: CnnCase[] };

const DEFAULT_KERNELS = kernelsName();
afterEach(() => setKernels(DEFAULT_KERNELS));

/**
 * Each case on both backends: the default (WebAssembly where the runtime has it: every
 * convolution through its whole-batch im2col) and the JS kernels (direct 3×3 for few channels,
 * im2col + the JS products per sample otherwise).
 */
const backends: [label: string, kernels: KernelsName, paths: string[]][] = [
  [`default kernels (${DEFAULT_KERNELS})`, DEFAULT_KERNELS, DEFAULT_KERNELS === 'js' ? ['direct', 'im2col'] : ['im2col']],
  ['JS kernels', 'js', ['direct', 'im2col']],
];

describe.each(backends)('convolution, pooling, merge and penalty layers match PyTorch (%s)', (_label, kernels, paths) => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    setKernels(kernels);
    const model = compile(c);
    const loss = model.forward(Float32Array.from(c.x), c.rows, Float32Array.from(c.y), c.training);
    model.backward();
    const problems = forwardMismatches(model, loss, c.expected);
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it(`covers the convolution paths of these kernels (${paths.join(', ')})`, () => {
    setKernels(kernels);
    const seen = new Set<string>();
    for (const c of fixture.cases) {
      const model = compile(c);
      model.forward(Float32Array.from(c.x), c.rows, Float32Array.from(c.y), c.training);
      for (const l of (model as unknown as { layers: unknown[] }).layers) if (l instanceof Conv2DLayer) seen.add(l.direct ? 'direct' : 'im2col');
    }
    expect([...seen].sort()).toEqual(paths);
  });
});
