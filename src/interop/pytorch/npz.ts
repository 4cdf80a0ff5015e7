/**
 * NumPy's .npy and .npz formats, written with fflate's zip: what `np.load` reads. An .npy file is
 * a magic string, a version, a header (a Python dict literal padded to a multiple of 64 bytes)
 * and the raw little-endian values; an .npz is a zip of them, one per key.
 */
import { zipSync } from 'fflate';

export type NpyArray = { shape: readonly number[]; data: Float32Array } | { shape: readonly number[]; data: Int32Array };

export function npy(array: NpyArray): Uint8Array {
  const descr = array.data instanceof Float32Array ? '<f4' : '<i4';
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  const fixed = 10; // magic (6) + version (2) + header length (2)
  header += ' '.repeat(64 - ((fixed + header.length + 1) % 64 || 64)) + '\n';
  const headerBytes = new TextEncoder().encode(header);
  const out = new Uint8Array(fixed + headerBytes.length + array.data.byteLength);
  out.set([0x93, ...new TextEncoder().encode('NUMPY'), 1, 0, headerBytes.length & 0xff, headerBytes.length >> 8]);
  out.set(headerBytes, fixed);
  const values = new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  out.set(values, fixed + headerBytes.length); // typed arrays are little-endian on every platform we run on
  return out;
}

/** An .npz archive: `np.load(path)[key]` gives each array back. */
export function npz(arrays: Record<string, NpyArray>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [key, array] of Object.entries(arrays)) files[`${key}.npy`] = npy(array);
  return zipSync(files, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
}

/** [rows, cols] row-major → [cols, rows]. */
export function transpose(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j]!;
  return out;
}
