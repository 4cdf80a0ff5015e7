/**
 * The walk over an ONNX graph (ImportState: our nodes so far, their shapes, values not yet
 * resolved) and one converter per ONNX operator, for import.ts.
 */
import type { GraphEdge, GraphNode } from '../../shared/graph-types';
import { defaultParams, getNodeSpec, type NodeType, type Shape } from '../../shared/nodes';
import { encodeTensor } from '../../shared/project';
import type { SerializedWeights } from '../../shared/project-types';
import { convPads } from '../conv-pads';
import { transpose } from '../pytorch/npz';
import { META } from './metadata';
import { OnnxImportError, type Attribute, type Constant, type OnnxNode, type ReadModel } from './onnx-graph';

/** A value the walk has seen but that is not (yet) a node of ours. */
type Pending = { kind: 'centred'; offset: Constant } | { kind: 'atLeastZero'; source: string };

export class ImportState {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  readonly weights: SerializedWeights = {};
  /** ONNX value name → the id of our node that produces it. */
  readonly valueNode = new Map<string, string>();
  readonly shapes = new Map<string, Shape>();
  readonly pending = new Map<string, Pending>();
  readonly unsupported: { op: string; node: string; reason: string }[] = [];
  private readonly taken = new Set<string>();

  constructor(
    readonly model: ReadModel,
    /** How many ONNX nodes read each value. */
    readonly readers: Map<string, number>,
  ) {}

  refuse(n: OnnxNode, reason: string): void {
    this.unsupported.push({ op: n.op, node: n.name, reason });
  }

  constant(name: string | undefined): Constant | undefined {
    return name === undefined || name === '' ? undefined : this.model.constants.get(name);
  }

  /** Our node for an ONNX value, or undefined (a constant, or a value from an operator we refused). */
  source(value: string): string | undefined {
    return this.valueNode.get(value);
  }

  /** Adds a node reading `inputs` (our node ids); its output is the ONNX value `value`. */
  add(type: NodeType, params: Record<string, unknown>, inputs: string[], value: string, shape?: Shape): string {
    const id = this.freshId(value, type);
    const spec = getNodeSpec(type)!;
    const full = { ...defaultParams(type), ...params };
    this.nodes.push({ id, type, position: { x: 0, y: 0 }, params: full });
    for (const from of inputs) {
      this.edges.push({ id: `e${this.edges.length + 1}`, source: from, sourceHandle: 'out', target: id, targetHandle: spec.inputs[0]!.id });
    }
    const result = shape ? { shape } : spec.inferShape(inputs.map((i) => this.shapes.get(i)!), full as never, {});
    if ('error' in result) throw new OnnxImportError(`${type} '${id}': ${result.error}`);
    this.shapes.set(id, result.shape);
    if (value) this.valueNode.set(value, id);
    return id;
  }

  setWeights(id: string, name: string, shape: number[], data: Float32Array): void {
    (this.weights[id] ??= {})[name] = encodeTensor(shape, data);
  }

  /** An output name written by us or a person (`h1`, `logits`) is kept; PyTorch's `/0/Gemm_output_0` becomes `dense1`. */
  private freshId(value: string, type: string): string {
    if (/^[A-Za-z][A-Za-z0-9_-]{0,40}$/.test(value) && !this.taken.has(value)) {
      this.taken.add(value);
      return value;
    }
    for (let k = 1; ; k++) {
      const id = `${type}${k}`;
      if (!this.taken.has(id) && !this.model.outputs.includes(id)) {
        this.taken.add(id);
        return id;
      }
    }
  }
}

const ints = (a: Attribute): number[] | undefined => (Array.isArray(a) ? a : undefined);
const int = (a: Attribute, fallback: number): number => (typeof a === 'number' ? a : fallback);
const allEqual = (xs: number[]): boolean => xs.every((x) => x === xs[0]);

/** One converter per ONNX operator; each returns a reason when the node cannot be imported. */
type Converter = (n: OnnxNode, s: ImportState) => string | void;

/** The one input of `n` that is one of our nodes. */
function single(n: OnnxNode, s: ImportState): string | undefined {
  return s.source(n.inputs[0]!);
}

const activation =
  (type: NodeType, params?: (n: OnnxNode) => Record<string, unknown>): Converter =>
  (n, s) => {
    const from = single(n, s);
    if (!from) return 'its input is not a value of the network';
    s.add(type, params ? params(n) : {}, [from], n.outputs[0]!);
  };

/** Softmax and LogSoftmax over the features of a flat [batch, k] value. */
const softmaxLike =
  (type: 'softmax' | 'logSoftmax'): Converter =>
  (n, s) => {
    const from = single(n, s);
    if (!from) return 'its input is not a value of the network';
    const rank = s.shapes.get(from)!.length + 1;
    const axis = int(n.attrs.get('axis'), s.model.opset >= 13 ? -1 : 1);
    if (rank !== 2 || (axis !== -1 && axis !== 1)) return `only over the features of a flat value (axis 1 of [batch, k]); this one has rank ${rank}, axis ${axis}`;
    s.add(type, {}, [from], n.outputs[0]!);
  };

function dense(n: OnnxNode, s: ImportState, from: string, w: Constant, transposed: boolean, bias: Constant | undefined): string | void {
  if (w.dims.length !== 2 || !w.floats) return 'its weight is not a float matrix';
  const [rows, cols] = w.dims as [number, number];
  const units = transposed ? rows : cols;
  const kernel = transposed ? transpose(w.floats, rows, cols) : w.floats;
  const inputSize = s.shapes.get(from)!;
  if (inputSize.length !== 1 || inputSize[0] !== (transposed ? cols : rows)) return `its weight [${w.dims.join(', ')}] does not fit its input [batch, ${inputSize.join(', ')}]`;
  if (bias && (!bias.floats || bias.floats.length !== units)) return `its bias does not have ${units} values`;
  const id = s.add('dense', { units, useBias: !!bias }, [from], n.outputs[0]!);
  s.setWeights(id, 'kernel', [inputSize[0]!, units], kernel);
  if (bias) s.setWeights(id, 'bias', [units], bias.floats!);
}

export const converters: Record<string, Converter> = {
  Gemm: (n, s) => {
    const from = single(n, s);
    const w = s.constant(n.inputs[1]);
    if (!from || !w) return 'only Gemm of a network value and a constant weight (a Dense layer)';
    if (int(n.attrs.get('transA'), 0) !== 0) return 'transA is not supported';
    const alpha = n.attrs.get('alpha');
    const beta = n.attrs.get('beta');
    if ((alpha !== undefined && alpha !== 1) || (beta !== undefined && beta !== 1)) return 'alpha and beta other than 1 are not supported';
    const c = s.constant(n.inputs[2]);
    if (n.inputs[2] && !c) return 'its bias is not a constant';
    return dense(n, s, from, w, int(n.attrs.get('transB'), 0) === 1, c);
  },
  // A MatMul by a constant is a Dense layer without bias; the Add of a bias after it gives it one.
  MatMul: (n, s) => {
    const from = single(n, s);
    const w = s.constant(n.inputs[1]);
    if (!from || !w) return 'only MatMul of a network value by a constant matrix (a Dense layer)';
    return dense(n, s, from, w, false, undefined);
  },
  Conv: (n, s) => {
    const from = single(n, s);
    const w = s.constant(n.inputs[1]);
    if (!from || !w?.floats || w.dims.length !== 4) return 'only Conv of a network value by constant 2-D kernels';
    const [filters, channels, kh, kw] = w.dims as [number, number, number, number];
    const inShape = s.shapes.get(from)!;
    if (inShape.length !== 3 || inShape[0] !== channels) return `its kernels [${w.dims.join(', ')}] do not fit its input [batch, ${inShape.join(', ')}]`;
    if (kh !== kw) return `only square kernels (this one is ${kh}×${kw})`;
    if (int(n.attrs.get('group'), 1) !== 1) return 'grouped convolutions are not supported';
    if (!allEqual(ints(n.attrs.get('dilations')) ?? [1, 1]) || (ints(n.attrs.get('dilations')) ?? [1])[0] !== 1) return 'dilated convolutions are not supported';
    const strides = ints(n.attrs.get('strides')) ?? [1, 1];
    if (!allEqual(strides)) return `only equal strides (these are ${strides.join('×')})`;
    const autoPad = n.attrs.get('auto_pad');
    if (typeof autoPad === 'string' && autoPad !== 'NOTSET' && autoPad !== 'VALID') return `auto_pad ${autoPad} is not supported; explicit pads are`;
    const pads = ints(n.attrs.get('pads')) ?? [0, 0, 0, 0];
    const params = { filters, kernelSize: kh, stride: strides[0]!, useBias: n.inputs.length > 2 && !!n.inputs[2] };
    const padding = (['valid', 'same'] as const).find((p) => {
      const want = convPads(inShape, { ...params, padding: p });
      return want.top === pads[0] && want.left === pads[1] && want.bottom === pads[2] && want.right === pads[3];
    });
    if (!padding) return `pads [${pads.join(', ')}] are neither 'valid' (none) nor 'same' (the output keeps the input's size ÷ stride)`;
    const bias = s.constant(n.inputs[2]);
    if (params.useBias && !bias?.floats) return 'its bias is not a constant';
    const id = s.add('conv2d', { ...params, padding }, [from], n.outputs[0]!);
    s.setWeights(id, 'kernel', [filters, channels, kh, kw], w.floats);
    if (bias?.floats) s.setWeights(id, 'bias', [filters], bias.floats);
  },
  MaxPool: (n, s) => pool('maxPool2d', n, s),
  AveragePool: (n, s) => pool('avgPool2d', n, s),
  Flatten: (n, s) => {
    const from = single(n, s);
    if (!from) return 'its input is not a value of the network';
    if (int(n.attrs.get('axis'), 1) !== 1) return 'only Flatten from axis 1 (everything after the batch)';
    s.add('flatten', {}, [from], n.outputs[0]!);
  },
  Reshape: (n, s) => {
    const from = single(n, s);
    const target = s.constant(n.inputs[1])?.ints;
    if (!from) return 'its input is not a value of the network';
    if (!target) return 'only Reshape to a constant shape (a shape computed from the input, as x.view(x.size(0), -1) exports, is not supported: use nn.Flatten)';
    const size = s.shapes.get(from)!.reduce((a, b) => a * b, 1);
    if (target[0] !== -1 && target[0] !== 0) return `the first dimension must stay the batch (-1 or 0), got ${target[0]}`;
    const rest = target.slice(1);
    const known = rest.filter((d) => d > 0).reduce((a, b) => a * b, 1);
    const shape = rest.map((d) => (d === -1 ? size / known : d));
    if (shape.some((d) => !Number.isInteger(d) || d < 1)) return `cannot reshape ${size} values to [batch, ${rest.join(', ')}]`;
    s.add('reshape', { shape }, [from], n.outputs[0]!);
  },
  Relu: activation('relu'),
  Sigmoid: activation('sigmoid'),
  Tanh: activation('tanh'),
  Softplus: activation('softplus'),
  Identity: activation('identity'),
  LeakyRelu: activation('leakyRelu', (n) => ({ alpha: Math.fround(int(n.attrs.get('alpha'), 0.01)) })),
  Elu: activation('elu', (n) => ({ alpha: Math.fround(int(n.attrs.get('alpha'), 1)) })),
  Softmax: softmaxLike('softmax'),
  LogSoftmax: softmaxLike('logSoftmax'),
  BatchNormalization: (n, s) => {
    const from = single(n, s);
    const [gamma, beta, mean, variance] = n.inputs.slice(1).map((v) => s.constant(v)?.floats);
    if (!from || !gamma || !beta || !mean || !variance) return 'only BatchNormalization with constant scale, bias, mean and variance (a model in eval mode)';
    const id = s.add('batchNorm', { epsilon: Number(int(n.attrs.get('epsilon'), 1e-5).toPrecision(6)), momentum: Math.round((1 - int(n.attrs.get('momentum'), 0.9)) * 1e6) / 1e6 }, [from], n.outputs[0]!);
    const c = [gamma.length];
    s.setWeights(id, 'gamma', c, gamma);
    s.setWeights(id, 'beta', c, beta);
    s.setWeights(id, 'runningMean', c, mean);
    s.setWeights(id, 'runningVar', c, variance);
  },
  LayerNormalization: (n, s) => {
    const from = single(n, s);
    const gamma = s.constant(n.inputs[1])?.floats;
    const beta = s.constant(n.inputs[2])?.floats;
    if (!from || !gamma) return 'only LayerNormalization with a constant scale';
    const shape = [...s.shapes.get(from)!];
    const axis = int(n.attrs.get('axis'), -1);
    if (axis !== 1 && !(axis === -1 && shape.length === 1)) return 'only over every value of a sample (axis 1)';
    const id = s.add('layerNorm', { epsilon: Number(int(n.attrs.get('epsilon'), 1e-5).toPrecision(6)), elementwiseAffine: true }, [from], n.outputs[0]!);
    s.setWeights(id, 'gamma', shape, gamma);
    s.setWeights(id, 'beta', shape, beta ?? new Float32Array(gamma.length));
  },
  Dropout: (n, s) => {
    const ratio = s.constant(n.inputs[1])?.floats?.[0] ?? int(n.attrs.get('ratio'), 0.5);
    return activation('dropout', () => ({ rate: Math.round(ratio * 1e6) / 1e6 }))(n, s);
  },
  Add: (n, s) => {
    const [a, b] = n.inputs.map((v) => s.source(v));
    const bias = s.constant(n.inputs[1]) ?? s.constant(n.inputs[0]);
    const layer = a ?? b;
    // The bias of a MatMul that reads nothing else: it belongs to that Dense layer.
    const denseNode = layer ? s.nodes.find((x) => x.id === layer) : undefined;
    if (bias && denseNode?.type === 'dense' && !denseNode.params.useBias && s.readers.get(n.inputs[a ? 0 : 1]!) === 1) {
      const units = denseNode.params.units as number;
      if (!bias.floats || bias.floats.length !== units) return `the bias added to '${layer}' does not have ${units} values`;
      denseNode.params.useBias = true;
      s.setWeights(layer!, 'bias', [units], bias.floats);
      s.valueNode.set(n.outputs[0]!, layer!);
      return;
    }
    if (!a || !b) return 'only Add of two network values (or of a Dense layer and its bias)';
    s.add('add', {}, [a, b], n.outputs[0]!);
  },
  Sum: (n, s) => {
    const from = n.inputs.map((v) => s.source(v));
    if (from.some((f) => !f)) return 'only Sum of network values';
    s.add('add', {}, from as string[], n.outputs[0]!);
  },
  Concat: (n, s) => {
    const from = n.inputs.map((v) => s.source(v));
    if (from.some((f) => !f)) return 'only Concat of network values';
    const rank = s.shapes.get(from[0]!)!.length + 1;
    let axis = int(n.attrs.get('axis'), 1);
    if (axis < 0) axis += rank;
    if (axis < 1) return 'only Concat along an axis after the batch';
    s.add('concat', { axis: axis - 1 }, from as string[], n.outputs[0]!);
  },
  Constant: (n, s) => {
    const value = n.attrs.get('value');
    if (!value || typeof value !== 'object' || Array.isArray(value)) return 'only Constant tensors';
    s.model.constants.set(n.outputs[0]!, value);
  },
  // PyTorch writes a Pad of zeros before AvgPool2d; a Pad that pads nothing is no node.
  Pad: (n, s) => {
    const from = single(n, s);
    const pads = s.constant(n.inputs[1])?.ints ?? ints(n.attrs.get('pads'));
    if (!from || !pads || pads.some((p) => p !== 0)) return 'only a Pad that adds nothing (pad the convolution instead)';
    s.valueNode.set(n.outputs[0]!, from);
  },
  // Our export's normalisation: (x − offset)·scale. The project normalises from its data instead.
  Sub: (n, s) => {
    const offset = s.constant(n.inputs[1]);
    if (n.inputs[0] !== s.model.input.name || !offset || !s.model.metadata.has(META.data)) {
      return 'a Sub is imported only as the normalisation Backprop Studio exports (the project normalises its data itself)';
    }
    s.pending.set(n.outputs[0]!, { kind: 'centred', offset });
  },
  Mul: (n, s) => {
    const centred = s.pending.get(n.inputs[0]!);
    if (centred?.kind !== 'centred' || !s.constant(n.inputs[1])) return 'a Mul is imported only as the normalisation Backprop Studio exports';
    s.valueNode.set(n.outputs[0]!, s.source(s.model.input.name)!);
    s.pending.delete(n.inputs[0]!);
  },
  // Step and Sign as our export writes them: x ≥ 0, then a Cast (step) or a Where(1, −1) (sign).
  GreaterOrEqual: (n, s) => {
    const from = single(n, s);
    const zero = s.constant(n.inputs[1])?.floats;
    if (!from || !zero || zero.length !== 1 || zero[0] !== 0) return 'only x ≥ 0 (a Step or Sign unit)';
    s.pending.set(n.outputs[0]!, { kind: 'atLeastZero', source: from });
  },
  Cast: (n, s) => {
    const p = s.pending.get(n.inputs[0]!);
    if (p?.kind !== 'atLeastZero' || int(n.attrs.get('to'), 0) !== 1) return 'only the Cast of x ≥ 0 to float (a Step unit)';
    s.pending.delete(n.inputs[0]!);
    s.add('step', {}, [p.source], n.outputs[0]!);
  },
  Where: (n, s) => {
    const p = s.pending.get(n.inputs[0]!);
    const high = s.constant(n.inputs[1])?.floats;
    const low = s.constant(n.inputs[2])?.floats;
    if (p?.kind !== 'atLeastZero' || high?.[0] !== 1 || low?.[0] !== -1) return 'only Where(x ≥ 0, 1, −1) (a Sign unit)';
    s.pending.delete(n.inputs[0]!);
    s.add('sign', {}, [p.source], n.outputs[0]!);
  },
};

function pool(type: 'maxPool2d' | 'avgPool2d', n: OnnxNode, s: ImportState): string | void {
  const from = single(n, s);
  if (!from || s.shapes.get(from)!.length !== 3) return 'only pooling over images [batch, C, H, W]';
  const kernel = ints(n.attrs.get('kernel_shape')) ?? [];
  const strides = ints(n.attrs.get('strides')) ?? kernel.map(() => 1);
  if (kernel.length !== 2 || !allEqual(kernel)) return `only square windows (kernel_shape [${kernel.join(', ')}])`;
  if (!allEqual(strides)) return `only equal strides (these are ${strides.join('×')})`;
  if ((ints(n.attrs.get('pads')) ?? []).some((p) => p !== 0)) return 'padded pooling is not supported';
  if (int(n.attrs.get('ceil_mode'), 0) !== 0) return 'ceil_mode is not supported';
  const poolSize = kernel[0]!;
  s.add(type, { poolSize, stride: strides[0] === poolSize ? 0 : strides[0]! }, [from], n.outputs[0]!);
}
