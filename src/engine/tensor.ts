/** Tensors are a shape and a Float32Array, nothing else. Layout is row-major; images are NCHW. */
export interface Tensor {
  shape: number[];
  data: Float32Array;
}

/**
 * A tensor a node owns and the project saves (src/shared/nodes: `NodeSpec.weights`): a trainable
 * param or a buffer. Polyak averaging, early stopping and save/load treat both alike.
 */
interface NodeTensor {
  /** The node it belongs to. */
  nodeId: string;
  /** Its declared name, e.g. 'kernel', 'bias', 'runningMean'. */
  name: string;
  shape: number[];
  data: Float32Array;
}

/** A trainable parameter, with its gradient buffer (same length). */
export interface Param extends NodeTensor {
  readonly trainable: true;
  grad: Float32Array;
  /** Whether the optimiser's weightDecay and L1 apply to it (declared per weight). */
  readonly decay: boolean;
}

/** A non-trainable buffer (running statistics): no gradient; only its node's forward pass changes it. */
export interface StateBuffer extends NodeTensor {
  readonly trainable: false;
}

/** Anything a node saves: its params and its buffers. */
export type Weight = Param | StateBuffer;

/** node id -> weight name -> values (used to load and save weights and buffers). */
export type WeightMap = Record<string, Record<string, Tensor>>;

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function tensor(shape: number[], data?: Float32Array | number[]): Tensor {
  const size = sizeOf(shape);
  const buf = data instanceof Float32Array ? data : data ? Float32Array.from(data) : new Float32Array(size);
  if (buf.length !== size) throw new Error(`tensor: shape [${shape.join(', ')}] needs ${size} values, got ${buf.length}`);
  return { shape, data: buf };
}
