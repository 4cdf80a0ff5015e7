/**
 * Reading an ONNX model into plain data the importer can walk: its one input, constant tensors
 * (initialisers and Constant nodes), nodes with decoded attributes, outputs and metadata.
 */
import { onnx, toNumber, type AttributeProto, type TensorProto } from './builder';

export class OnnxImportError extends Error {
  constructor(
    message: string,
    /** One entry per operator that cannot be imported: its type and node name. */
    readonly unsupported: { op: string; node: string; reason: string }[] = [],
  ) {
    super(message);
    this.name = 'OnnxImportError';
  }
}

export interface Constant {
  dims: number[];
  /** Float tensors as float32; integer tensors as plain numbers. */
  floats?: Float32Array;
  ints?: number[];
}

export type Attribute = number | number[] | string | Constant | undefined;

export interface OnnxNode {
  op: string;
  /** The node's name, or its first output when it has none (for messages). */
  name: string;
  inputs: string[];
  outputs: string[];
  attrs: Map<string, Attribute>;
}

export interface ReadModel {
  input: { name: string; shape: number[] };
  constants: Map<string, Constant>;
  nodes: OnnxNode[];
  outputs: string[];
  metadata: Map<string, string>;
  opset: number;
}

const T = onnx.TensorProto.DataType;
const A = onnx.AttributeProto.AttributeType;

function tensorValues(t: TensorProto, where: string): Constant {
  const dims = (t.dims ?? []).map(toNumber);
  const count = dims.reduce((a, b) => a * b, 1);
  const raw = t.rawData && t.rawData.length > 0 ? t.rawData : null;
  const view = raw ? new DataView(raw.buffer, raw.byteOffset, raw.byteLength) : null;
  switch (t.dataType) {
    case T.FLOAT: {
      const floats = new Float32Array(count);
      if (view) for (let i = 0; i < count; i++) floats[i] = view.getFloat32(4 * i, true);
      else floats.set(t.floatData ?? []);
      return { dims, floats };
    }
    case T.DOUBLE: {
      const floats = new Float32Array(count);
      if (view) for (let i = 0; i < count; i++) floats[i] = view.getFloat64(8 * i, true);
      else floats.set(t.doubleData ?? []);
      return { dims, floats };
    }
    case T.INT64: {
      const ints = view ? Array.from({ length: count }, (_, i) => Number(view.getBigInt64(8 * i, true))) : (t.int64Data ?? []).map(toNumber);
      return { dims, ints };
    }
    case T.INT32: {
      const ints = view ? Array.from({ length: count }, (_, i) => view.getInt32(4 * i, true)) : [...(t.int32Data ?? [])];
      return { dims, ints };
    }
    default:
      throw new OnnxImportError(`${where}: tensors of ONNX data type ${t.dataType} are not supported (float, double, int32 and int64 are)`);
  }
}

function attributeValue(a: AttributeProto, where: string): Attribute {
  switch (a.type) {
    case A.INT:
      return toNumber(a.i);
    case A.FLOAT:
      return a.f ?? 0;
    case A.INTS:
      return (a.ints ?? []).map(toNumber);
    case A.FLOATS:
      return [...(a.floats ?? [])];
    case A.STRING:
      return new TextDecoder().decode(a.s ?? new Uint8Array());
    case A.TENSOR:
      return a.t ? tensorValues(a.t, where) : undefined;
    default:
      return undefined;
  }
}

/** Decodes the bytes; a file that is not an ONNX model with one float input says so. */
export function readOnnx(bytes: Uint8Array, fileName: string): ReadModel {
  let model: ReturnType<typeof onnx.ModelProto.decode>;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw new OnnxImportError(`${fileName} is not an ONNX model (${e instanceof Error ? e.message : String(e)})`);
  }
  const graph = model.graph;
  if (!graph || (graph.node ?? []).length === 0) throw new OnnxImportError(`${fileName} has no graph (is it an ONNX model?)`);
  const constants = new Map<string, Constant>();
  for (const t of graph.initializer ?? []) constants.set(t.name ?? '', tensorValues(t, `${fileName}: initializer '${t.name}'`));
  const inputs = (graph.input ?? []).filter((i) => !constants.has(i.name ?? ''));
  if (inputs.length !== 1) {
    throw new OnnxImportError(`${fileName} has ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ')}); Backprop Studio networks have one`);
  }
  const input = inputs[0]!;
  const tensorType = input.type?.tensorType;
  if (tensorType?.elemType !== T.FLOAT) throw new OnnxImportError(`${fileName}: input '${input.name}' is not a float tensor`);
  const dims = (tensorType.shape?.dim ?? []).map((d) => (d.dimValue !== null && d.dimValue !== undefined && toNumber(d.dimValue) > 0 ? toNumber(d.dimValue) : null));
  if (dims.length < 2 || dims.slice(1).some((d) => d === null)) {
    throw new OnnxImportError(`${fileName}: input '${input.name}' needs a known shape after the batch dimension, got [${dims.map((d) => d ?? '?').join(', ')}]`);
  }
  const nodes: OnnxNode[] = (graph.node ?? []).map((n, k) => {
    const name = n.name || n.output?.[0] || `node ${k + 1}`;
    const attrs = new Map<string, Attribute>();
    for (const a of n.attribute ?? []) attrs.set(a.name ?? '', attributeValue(a, `${fileName}: ${n.opType} '${name}'`));
    return { op: n.opType ?? '', name, inputs: [...(n.input ?? [])], outputs: [...(n.output ?? [])], attrs };
  });
  const opset = (model.opsetImport ?? []).find((o) => !o.domain)?.version;
  return {
    input: { name: input.name ?? 'x', shape: dims.slice(1) as number[] },
    constants,
    nodes,
    outputs: (graph.output ?? []).map((o) => o.name ?? ''),
    metadata: new Map((model.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? ''])),
    opset: opset === null || opset === undefined ? 13 : toNumber(opset),
  };
}
