/**
 * Building an ONNX graph with the onnx-proto messages (protobufjs static code): value names,
 * float and int64 initialisers, nodes with typed attributes, and value infos with a dynamic
 * batch dimension.
 */
import onnxProto from 'onnx-proto';

export const { onnx } = onnxProto;
export type NodeProto = onnxProto.onnx.INodeProto;
export type TensorProto = onnxProto.onnx.ITensorProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;
export type ModelProto = onnxProto.onnx.IModelProto;
export type AttributeProto = onnxProto.onnx.IAttributeProto;

export const FLOAT = onnx.TensorProto.DataType.FLOAT;
export const INT64 = onnx.TensorProto.DataType.INT64;
export const BATCH_DIM = 'batch';

/** An attribute value: a number is an int unless marked `{ float }`; arrays of ints; strings. */
export type AttributeValue = number | { float: number } | readonly number[] | string;

export class OnnxGraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly used = new Set<string>();

  /** Claims `wanted`, or `wanted_2`, `wanted_3`… if it is taken. */
  name(wanted: string): string {
    let name = wanted;
    for (let k = 2; this.used.has(name); k++) name = `${wanted}_${k}`;
    this.used.add(name);
    return name;
  }

  /** A float32 constant (weights, normalisation statistics). */
  floats(name: string, dims: readonly number[], data: Float32Array | readonly number[]): string {
    const values = data instanceof Float32Array ? data : Float32Array.from(data);
    const bytes = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
    const unique = this.name(name);
    this.initializers.push({ name: unique, dims: [...dims], dataType: FLOAT, rawData: littleEndian(bytes) });
    return unique;
  }

  /** An int64 constant (shapes for Reshape). */
  int64s(name: string, values: readonly number[]): string {
    const unique = this.name(name);
    this.initializers.push({ name: unique, dims: [values.length], dataType: INT64, int64Data: [...values] });
    return unique;
  }

  node(opType: string, inputs: readonly string[], outputs: readonly string[], attributes: Record<string, AttributeValue> = {}, name = outputs[0]!): void {
    this.nodes.push({
      opType,
      name,
      input: [...inputs],
      output: [...outputs],
      attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
    });
  }
}

function attribute(name: string, value: AttributeValue): AttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') return { name, type: T.INT, i: value };
  if ('float' in value) return { name, type: T.FLOAT, f: value.float };
  return { name, type: T.INTS, ints: [...value] };
}

/** A float tensor's value info: [batch, ...shape]. */
export function tensorInfo(name: string, shape: readonly number[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: { dim: [{ dimParam: BATCH_DIM }, ...shape.map((d) => ({ dimValue: d }))] },
      },
    },
  };
}

/** ONNX stores raw tensor data little-endian; so do the machines we run on, but say so where it matters. */
function littleEndian(bytes: Uint8Array): Uint8Array {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] === 1) return bytes;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 4) for (let k = 0; k < 4; k++) out[i + k] = bytes[i + 3 - k]!;
  return out;
}

/** int64 fields arrive as numbers or as Long objects (when the `long` package is loadable). */
export function toNumber(v: number | { toNumber(): number } | null | undefined): number {
  if (v === null || v === undefined) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}
