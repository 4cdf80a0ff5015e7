/**
 * The IDX format of MNIST and Fashion-MNIST: a 4-byte magic number (two zero bytes, a type code,
 * the number of dimensions), each dimension as a big-endian 32-bit integer, then the values in
 * row-major order. Only unsigned bytes (type 0x08) occur in these datasets and are supported.
 * Every problem is a DataError naming the file.
 */
import { gunzip } from './inflate';
import { DataError } from './types';

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

const UBYTE = 0x08;
const TYPE_NAMES: Record<number, string> = { 0x08: 'unsigned byte', 0x09: 'signed byte', 0x0b: 'short', 0x0c: 'int', 0x0d: 'float', 0x0e: 'double' };

export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  const fail = (why: string): never => {
    throw new DataError(`${file}: ${why}`);
  };
  if (bytes.length < 4) fail(`only ${bytes.length} bytes: too short for an IDX file`);
  if (bytes[0] !== 0 || bytes[1] !== 0 || !(bytes[2]! in TYPE_NAMES) || bytes[3] === 0 || bytes[3]! > 4) {
    const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    fail(`not an IDX file: the magic number is ${magic}, expected 00 00 08 0n (unsigned bytes, n dimensions)`);
  }
  if (bytes[2] !== UBYTE) fail(`holds ${TYPE_NAMES[bytes[2]!]} values; only unsigned bytes (type 08) are supported`);
  const rank = bytes[3]!;
  const header = 4 + 4 * rank;
  if (bytes.length < header) fail(`the header is truncated: ${rank} dimensions need ${header} bytes, the file has ${bytes.length}`);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) {
    const o = 4 + 4 * i;
    dims.push(((bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!) >>> 0);
  }
  const count = dims.reduce((a, b) => a * b, 1);
  const have = bytes.length - header;
  if (have < count) fail(`the file is truncated: dimensions [${dims.join(', ')}] need ${count} values, it holds ${have}`);
  if (have > count) fail(`${have - count} bytes after the ${count} values of dimensions [${dims.join(', ')}]: not a valid IDX file`);
  return { dims, data: bytes.subarray(header) };
}

/** Reads an IDX file, gunzipping it first when its name ends in .gz. */
export function readIdx(bytes: Uint8Array, file: string): IdxArray {
  return parseIdx(file.endsWith('.gz') ? gunzip(bytes, file) : bytes, file);
}
