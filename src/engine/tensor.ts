/** Tensors are a shape and a Float32Array, nothing else. Layout is row-major; images are NCHW. */
export interface Tensor {
  shape: number[];
  data: Float32Array;
}

/** A trainable parameter of a node, with its gradient buffer (same length). */
export interface Param {
  /** The node it belongs to. */
  nodeId: string;
  /** 'kernel' or 'bias'. */
  name: string;
  shape: number[];
  data: Float32Array;
  grad: Float32Array;
  /** True for kernels (where L1/L2 layer penalties apply), false for biases. */
  isKernel: boolean;
}

/** node id -> param name -> values (used to load and save weights). */
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
