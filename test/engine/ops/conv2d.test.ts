/**
 * Conv2D: every code path (direct 3×3; im2col through the WebAssembly backend's whole-batch
 * convolution; im2col + the JS GEMM per sample) against a float64 reference and finite differences.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { axisGeometry, type Padding } from '../../../src/shared/nodes/conv-geometry';
import { Conv2DLayer, convTuning } from '../../../src/engine/nodes/conv2d';
import { getKernels, kernelsName, setKernels, wasmKernelsAvailable } from '../../../src/engine/backend';
import { col2im, im2col, type ConvGeometry } from '../../../src/engine/ops/conv2d';
import { fillInputs, layerGradcheck, runtimeNode } from '../../helpers/layer-harness';
import { randomArray } from '../../helpers/gradcheck';

const DEFAULT_TUNING = { ...convTuning };
const DEFAULT_KERNELS = kernelsName();
afterEach(() => {
  Object.assign(convTuning, DEFAULT_TUNING);
  setKernels(DEFAULT_KERNELS);
});

/** 'im2col': the default (WebAssembly) backend's whole-batch convolution; 'im2col-js': the JS kernels per sample. */
type Path = 'direct' | 'im2col' | 'im2col-js';

interface Case {
  C: number;
  H: number;
  W: number;
  F: number;
  k: number;
  stride: number;
  padding: Padding;
  bias: boolean;
}

function build(c: Case, path: Path, maxBatch = 3) {
  setKernels(path === 'im2col-js' ? 'js' : DEFAULT_KERNELS);
  convTuning.directMaxChannels = convTuning.directMaxChannelsWithInputGrad = path === 'direct' ? 64 : 0;
  convTuning.directOverBackendConv = path === 'direct';
  const rows = axisGeometry(c.H, c.k, c.stride, c.padding);
  const cols = axisGeometry(c.W, c.k, c.stride, c.padding);
  const input = runtimeNode('x', 'input', [c.C, c.H, c.W], [], maxBatch);
  const params: Record<string, number[]> = { kernel: [c.F, c.C, c.k, c.k] };
  if (c.bias) params.bias = [c.F];
  const node = runtimeNode('conv', 'conv2d', [c.F, rows.out, cols.out], [input], maxBatch, params);
  const layer = new Conv2DLayer(node, { filters: c.F, kernelSize: c.k, stride: c.stride, padding: c.padding }, maxBatch);
  return { input, node, layer };
}

/** y[n, f, i, j] = b[f] + Σ K[f, c, u, v]·x[n, c, i·s + u − pt, j·s + v − pl], in float64. */
function reference(c: Case, x: Float32Array, K: Float32Array, b: Float32Array | null, rowsN: number): Float64Array {
  const r = axisGeometry(c.H, c.k, c.stride, c.padding);
  const q = axisGeometry(c.W, c.k, c.stride, c.padding);
  const y = new Float64Array(rowsN * c.F * r.out * q.out);
  let o = 0;
  for (let n = 0; n < rowsN; n++)
    for (let f = 0; f < c.F; f++)
      for (let i = 0; i < r.out; i++)
        for (let j = 0; j < q.out; j++, o++) {
          let s = b ? b[f] : 0;
          for (let ch = 0; ch < c.C; ch++)
            for (let u = 0; u < c.k; u++)
              for (let v = 0; v < c.k; v++) {
                const ih = i * c.stride + u - r.padBefore, iw = j * c.stride + v - q.padBefore;
                if (ih >= 0 && ih < c.H && iw >= 0 && iw < c.W) s += K[((f * c.C + ch) * c.k + u) * c.k + v] * x[((n * c.C + ch) * c.H + ih) * c.W + iw];
              }
          y[o] = s;
        }
  return y;
}

const cases: Case[] = [
  { C: 1, H: 6, W: 6, F: 2, k: 3, stride: 1, padding: 'valid', bias: true },
  { C: 1, H: 5, W: 7, F: 3, k: 3, stride: 1, padding: 'same', bias: true },
  { C: 2, H: 7, W: 6, F: 2, k: 3, stride: 2, padding: 'valid', bias: false },
  { C: 3, H: 6, W: 7, F: 2, k: 3, stride: 2, padding: 'same', bias: true },
  { C: 2, H: 8, W: 5, F: 3, k: 3, stride: 3, padding: 'same', bias: false },
];
const im2colOnly: Case[] = [
  { C: 2, H: 6, W: 6, F: 2, k: 2, stride: 1, padding: 'same', bias: true },
  { C: 1, H: 7, W: 7, F: 2, k: 5, stride: 2, padding: 'same', bias: true },
  { C: 3, H: 4, W: 5, F: 4, k: 1, stride: 1, padding: 'valid', bias: false },
  { C: 1, H: 3, W: 3, F: 1, k: 4, stride: 1, padding: 'same', bias: true },
  // Filters, taps and positions none a multiple of the WebAssembly panels' 4 or 8: every edge panel.
  { C: 5, H: 9, W: 10, F: 9, k: 3, stride: 1, padding: 'same', bias: true },
];
const label = (c: Case) => `C${c.C} ${c.H}×${c.W} F${c.F} k${c.k} s${c.stride} ${c.padding}${c.bias ? ' +bias' : ''}`;
const both = [
  ...cases.flatMap((c) => [[label(c), 'direct', c], [label(c), 'im2col', c], [label(c), 'im2col-js', c]] as const),
  ...im2colOnly.flatMap((c) => [[label(c), 'im2col', c], [label(c), 'im2col-js', c]] as const),
];

describe('conv2d', () => {
  it.each(both)('forward matches the float64 reference (%s, %s)', (_l, path, c) => {
    const { input, node, layer } = build(c, path);
    fillInputs([input], 3);
    node.output.fill(Number.NaN); // forward overwrites
    layer.forward(3);
    expect(layer.direct).toBe(path === 'direct');
    const [K, b] = node.params;
    const want = reference(c, input.output, K.data, b ? b.data : null, 3);
    for (let i = 0; i < want.length; i++) expect(node.output[i]).toBeCloseTo(want[i], 5);
  });

  it.each(both)('backward passes a finite-difference check for dx, dK, db (%s, %s)', (_l, path, c) => {
    const { input, layer } = build(c, path);
    fillInputs([input], 2);
    layerGradcheck(layer, 2, { name: `conv2d ${path}` });
  });

  it('skips the input gradient when nothing upstream needs it, and accumulates into param gradients', () => {
    for (const path of ['direct', 'im2col', 'im2col-js'] as const) {
      const { input, node, layer } = build(cases[1], path);
      fillInputs([input], 2);
      layer.forward(2);
      node.grad.set(randomArray(2 * node.size, 5));
      layer.propagateToInputs = false;
      input.grad.fill(7);
      layer.backward(2);
      expect(input.grad.every((v) => v === 7)).toBe(true);
      const once = node.params[0].grad.slice();
      layer.backward(2);
      node.params[0].grad.forEach((v, i) => expect(v).toBeCloseTo(2 * once[i], 5));
    }
  });

  it('on the JS kernels, takes the direct path for few channels, fewer when the input gradient is needed', () => {
    const c: Case = { C: 2, H: 6, W: 6, F: 2, k: 3, stride: 1, padding: 'same', bias: true };
    Object.assign(convTuning, DEFAULT_TUNING);
    setKernels('js');
    const maxBatch = 2;
    const input = runtimeNode('x', 'input', [2, 6, 6], [], maxBatch);
    const node = runtimeNode('conv', 'conv2d', [2, 6, 6], [input], maxBatch, { kernel: [2, 2, 3, 3], bias: [2] });
    const layer = new Conv2DLayer(node, { filters: 2, kernelSize: 3, stride: 1, padding: c.padding }, maxBatch);
    fillInputs([input], 2);
    layer.forward(2);
    expect(layer.direct).toBe(false); // 2 channels with dx: im2col
    layer.propagateToInputs = false;
    layer.forward(2);
    expect(layer.direct).toBe(true); // without dx: direct
  });

  it.runIf(wasmKernelsAvailable())('on the WebAssembly kernels, takes their whole-batch im2col convolution even for one channel', () => {
    Object.assign(convTuning, DEFAULT_TUNING);
    setKernels('wasm');
    expect(getKernels().conv).toBeDefined();
    const { input, layer } = build({ C: 1, H: 6, W: 6, F: 2, k: 3, stride: 1, padding: 'same', bias: true }, 'im2col');
    Object.assign(convTuning, DEFAULT_TUNING);
    fillInputs([input], 2);
    layer.propagateToInputs = false;
    layer.forward(2);
    expect(layer.direct).toBe(false);
  });

  it('col2im is the adjoint of im2col: <im2col(x), d> = <x, col2im(d)>', () => {
    const g: ConvGeometry = { C: 2, H: 5, W: 6, F: 1, KH: 3, KW: 2, stride: 2, padTop: 1, padLeft: 0, OH: 3, OW: 3 };
    const x = randomArray(2 * 5 * 6, 1);
    const d = randomArray(2 * 3 * 2 * 9, 2);
    const cols = new Float32Array(d.length);
    im2col(x, 0, g, cols);
    const back = new Float32Array(x.length);
    col2im(d, g, back, 0);
    let lhs = 0, rhs = 0;
    for (let i = 0; i < d.length; i++) lhs += cols[i] * d[i];
    for (let i = 0; i < x.length; i++) rhs += x[i] * back[i];
    expect(lhs).toBeCloseTo(rhs, 4);
  });
});
