/**
 * Conv2D. Two code paths with the same results (to float32 rounding):
 * - direct: 3×3 kernels over few input channels (the first layer of an image network), each
 *   output a 9-term dot product with the weights in locals; 'same' padding through a padded copy;
 * - im2col: everything else: the backend's whole-batch convolution where it has one (the
 *   WebAssembly backends: backend/wasm-conv.ts), else one sample at a time through the GEMM
 *   kernels (ops/conv2d.ts).
 * All scratch buffers and per-sample views are made here, once; a step allocates nothing.
 */
import { axisGeometry, type Padding } from '../../shared/nodes/conv-geometry';
import { getKernels } from '../backend';
import { col2im, convBackwardSample, convForwardSample, im2col, type ConvGeometry } from '../ops/conv2d';
import {
  direct3x3Forward,
  direct3x3Input,
  direct3x3Weights,
  padPlanes,
  unpadAddPlanes,
  type DirectGeometry,
} from '../ops/conv2d-direct';
import type { Param } from '../tensor';
import { Layer, optionalParam, paramOf, type EngineNode, type RuntimeNode } from './layer';
import { withKernelPenalty } from './penalties';

export interface ConvParams {
  filters: number;
  kernelSize: number;
  stride: number;
  padding: Padding;
}

/**
 * When the direct 3×3 path is used, by input channels C, on backends without a whole-batch
 * convolution (the JS kernels). Measured per sample at batch 32 on the 2-vCPU box (forward +
 * backward): without the input gradient (a first layer) direct wins up to C = 4 (C = 1, 28×28,
 * 8 filters: 64 µs vs 94 µs with im2col; C = 8 is even); with it, its scattered dx makes im2col
 * faster from C = 2 (C = 1 still 94 vs 164 µs).
 * On the WebAssembly backends (`Kernels.conv`) im2col wins even at C = 1 (2026-12-05, CPU time,
 * runs interleaved: W4 6.5–6.8k vs 6.4–6.5k samples/s, W6 1.44–1.46k vs 1.33k), so direct is
 * used there only with `directOverBackendConv` (tests).
 * Mutable for benchmarks and tests only.
 */
export const convTuning = { directMaxChannels: 4, directMaxChannelsWithInputGrad: 1, directOverBackendConv: false };

export class Conv2DLayer extends Layer {
  readonly geometry: ConvGeometry;
  /** Whether the last forward pass took the direct path (the backward pass follows it). */
  direct = false;
  private readonly directPossible: boolean;
  private readonly inSize: number;
  private readonly outSize: number;
  // im2col path
  private readonly cols: Float32Array;
  private readonly dcols: Float32Array;
  private readonly yViews: Float32Array[];
  private readonly dyViews: Float32Array[];
  // direct path
  private readonly dg: DirectGeometry;
  private readonly padded: boolean;
  private readonly xPad: Float32Array;
  private readonly dxPad: Float32Array;

  readonly kernel: Param;
  private readonly bias: Param | null;

  constructor(node: RuntimeNode, p: ConvParams, maxBatch: number) {
    super(node);
    this.kernel = paramOf(node, 'kernel');
    this.bias = optionalParam(node, 'bias');
    const [C, H, W] = node.inputs[0].shape;
    const rows = axisGeometry(H, p.kernelSize, p.stride, p.padding);
    const cols = axisGeometry(W, p.kernelSize, p.stride, p.padding);
    const g: ConvGeometry = {
      C, H, W, F: p.filters, KH: p.kernelSize, KW: p.kernelSize, stride: p.stride,
      padTop: rows.padBefore, padLeft: cols.padBefore, OH: rows.out, OW: cols.out,
    };
    this.geometry = g;
    this.inSize = C * H * W;
    this.outSize = g.F * g.OH * g.OW;
    // Buffers for both paths (those of im2col are small: one sample); chooseDirect() picks per step.
    this.directPossible = p.kernelSize === 3 && C <= Math.max(convTuning.directMaxChannels, convTuning.directMaxChannelsWithInputGrad);
    const P = g.OH * g.OW;
    const K = C * g.KH * g.KW;
    this.cols = new Float32Array(K * P);
    this.dcols = new Float32Array(K * P);
    const views = (buf: Float32Array) => Array.from({ length: maxBatch }, (_, n) => buf.subarray(n * this.outSize, (n + 1) * this.outSize));
    this.yViews = views(node.output);
    this.dyViews = views(node.grad);
    // Padded planes: big enough for every window position ((OH − 1)·s + 3 rows), at least the input.
    const Hp = Math.max(H + g.padTop, (g.OH - 1) * g.stride + 3);
    const Wp = Math.max(W + g.padLeft, (g.OW - 1) * g.stride + 3);
    this.padded = this.directPossible && (Hp !== H || Wp !== W || g.padTop > 0 || g.padLeft > 0);
    this.dg = { C, Hp: this.padded ? Hp : H, Wp: this.padded ? Wp : W, F: g.F, OH: g.OH, OW: g.OW, stride: g.stride };
    this.xPad = new Float32Array(this.padded ? maxBatch * C * Hp * Wp : 0);
    this.dxPad = new Float32Array(this.padded ? C * Hp * Wp : 0);
  }

  /** The direct path if this layer's channels allow it, given whether dx is needed (see convTuning). */
  private chooseDirect(): boolean {
    if (getKernels().conv !== undefined && !convTuning.directOverBackendConv) return false;
    const C = this.geometry.C;
    const limit = this.propagateToInputs ? convTuning.directMaxChannelsWithInputGrad : convTuning.directMaxChannels;
    return this.directPossible && C <= limit;
  }

  forward(rows: number): void {
    const kernel = this.kernel;
    const b = this.bias ? this.bias.data : null;
    const x = this.node.inputs[0].output;
    this.direct = this.chooseDirect();
    if (this.direct) {
      const { C, Hp, Wp } = this.dg;
      const g = this.geometry;
      const planeSize = C * Hp * Wp;
      for (let n = 0; n < rows; n++) {
        if (this.padded) padPlanes(x, n * this.inSize, C, g.H, g.W, g.padTop, g.padLeft, this.xPad, Hp, Wp, n * planeSize);
        const src = this.padded ? this.xPad : x;
        direct3x3Forward(src, n * (this.padded ? planeSize : this.inSize), kernel.data, b, this.node.output, n * this.outSize, this.dg);
      }
      return;
    }
    const conv = getKernels().conv;
    if (conv !== undefined) {
      conv.forward(x, kernel.data, b, this.node.output, rows, this.geometry);
      return;
    }
    for (let n = 0; n < rows; n++) {
      im2col(x, n * this.inSize, this.geometry, this.cols);
      convForwardSample(this.cols, kernel.data, b, this.yViews[n], this.geometry);
    }
  }

  backward(rows: number): void {
    const kernel = this.kernel;
    const db = this.bias ? this.bias.grad : null;
    const src = this.node.inputs[0];
    const dx = this.propagateToInputs ? src.grad : null;
    if (this.direct) {
      this.backwardDirect(rows, kernel.data, kernel.grad, db, dx);
      return;
    }
    const g = this.geometry;
    const conv = getKernels().conv;
    if (conv !== undefined) {
      conv.backward(src.output, kernel.data, this.node.grad, kernel.grad, db, dx, rows, g);
      return;
    }
    for (let n = 0; n < rows; n++) {
      im2col(src.output, n * this.inSize, g, this.cols);
      convBackwardSample(this.cols, kernel.data, this.dyViews[n], kernel.grad, db, dx ? this.dcols : null, g);
      if (dx) col2im(this.dcols, g, dx, n * this.inSize);
    }
  }

  private backwardDirect(rows: number, kernel: Float32Array, dW: Float32Array, db: Float32Array | null, dx: Float32Array | null): void {
    const g = this.geometry;
    const dg = this.dg;
    const planeSize = dg.C * dg.Hp * dg.Wp;
    const x = this.padded ? this.xPad : this.node.inputs[0].output;
    const stride = this.padded ? planeSize : this.inSize;
    const dy = this.node.grad;
    for (let n = 0; n < rows; n++) {
      direct3x3Weights(x, n * stride, dy, n * this.outSize, dW, db, dg);
      if (dx === null) continue;
      if (!this.padded) {
        direct3x3Input(kernel, dy, n * this.outSize, dx, n * this.inSize, dg);
        continue;
      }
      this.dxPad.fill(0);
      direct3x3Input(kernel, dy, n * this.outSize, this.dxPad, 0, dg);
      unpadAddPlanes(this.dxPad, dg.C, g.H, g.W, g.padTop, g.padLeft, dg.Hp, dg.Wp, dx, n * this.inSize);
    }
  }
}

export const conv2d: EngineNode<'conv2d'> = {
  build(node, p, ctx) {
    const layer = new Conv2DLayer(node, p, ctx.maxBatch);
    return withKernelPenalty(layer, layer.kernel, p);
  },
};
