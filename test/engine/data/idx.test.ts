/** gunzip (pure TS, against node:zlib), IDX parsing, and the MNIST / Fashion-MNIST datasets. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findDatasetsDir, nodeDatasetIO } from '../../../src/node/datasets';
import { loadBuiltinDataset } from '../../../src/engine/data/builtin';
import { parseIdx, readIdx } from '../../../src/engine/data/idx';
import { crc32, gunzip } from '../../../src/engine/data/inflate';
import { prepareData } from '../../../src/engine/data/prepare';
import { DataError, type DatasetIO } from '../../../src/engine/data/types';
import { Rng } from '../../../src/engine/random';

function bytes(n: number, seed: number, alphabet = 256): Uint8Array {
  const rng = new Rng(seed);
  // Runs and repeats, so deflate uses matches, literals and all three block types.
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = i > 64 && rng.next() < 0.5 ? out[i - 1 - rng.int(64)] : rng.int(alphabet);
  return out;
}

/** An IDX file of unsigned bytes. */
function idx(dims: number[], data: ArrayLike<number>, magic = [0, 0, 8, dims.length]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  out.set(magic);
  dims.forEach((d, i) => new DataView(out.buffer).setUint32(4 + 4 * i, d));
  out.set(Array.from(data), 4 + 4 * dims.length);
  return out;
}

describe('gunzip', () => {
  it('crc32 gives the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it.each([0, 1, 6, 9])('matches node:zlib on compressible and random data (level %i)', (level) => {
    for (const data of [bytes(70000, level + 1, 16), bytes(5000, level + 7), new Uint8Array(0), new Uint8Array(1).fill(7)]) {
      const gz = new Uint8Array(gzipSync(data, { level }));
      expect(Buffer.from(gunzip(gz, 'x.gz')).equals(gunzipSync(gz))).toBe(true);
    }
  });

  it('reads the optional header fields (name, comment, extra) and uncompressed (stored) blocks', () => {
    const data = bytes(3000, 5);
    const body = deflateRawSync(data, { level: 0 });
    const name = new TextEncoder().encode('digits.idx\0');
    const comment = new TextEncoder().encode('a comment\0');
    const header = [0x1f, 0x8b, 8, 4 | 8 | 16, 0, 0, 0, 0, 0, 255, 3, 0, 1, 2, 3];
    const trailer = new Uint8Array(8);
    new DataView(trailer.buffer).setUint32(0, crc32(data), true);
    new DataView(trailer.buffer).setUint32(4, data.length, true);
    const gz = Buffer.concat([Buffer.from(header), name, comment, body, trailer]);
    expect(Buffer.from(gunzip(new Uint8Array(gz), 'x.gz')).equals(Buffer.from(data))).toBe(true);
  });

  it('names the file and the problem: not gzip, truncated, damaged', () => {
    const gz = new Uint8Array(gzipSync(bytes(20000, 3, 32)));
    expect(() => gunzip(new TextEncoder().encode('hello, this is text, not gzip'), 'a.gz')).toThrow(
      new DataError('a.gz: not a gzip file (it does not start with the gzip signature 1f 8b)'),
    );
    expect(() => gunzip(gz.subarray(0, gz.length >> 1), 'b.gz')).toThrow(/^b\.gz: the gzip data is damaged \(.*truncated\)$/);
    const badCrc = gz.slice();
    badCrc[badCrc.length - 6] ^= 0xff;
    expect(() => gunzip(badCrc, 'c.gz')).toThrow('c.gz: the gzip data is damaged (CRC-32 mismatch)');
    const badBody = gz.slice();
    for (let i = 40; i < 60; i++) badBody[i] ^= 0x5a;
    expect(() => gunzip(badBody, 'd.gz')).toThrow(DataError);
  });
});

describe('IDX', () => {
  it('parses the dimensions (big-endian) and the unsigned bytes', () => {
    const parsed = parseIdx(idx([2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255]), 'x.idx');
    expect(parsed.dims).toEqual([2, 2, 3]);
    expect(Array.from(parsed.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255]);
    const gz = new Uint8Array(gzipSync(idx([300], new Uint8Array(300).fill(4))));
    expect(readIdx(gz, 'labels.gz').dims).toEqual([300]);
  });

  it('refuses a bad magic number, other value types, a truncated file and trailing bytes, naming the file', () => {
    expect(() => parseIdx(idx([3], [1, 2, 3], [0x1f, 0x8b, 8, 0]), 'a.idx')).toThrow(
      new DataError('a.idx: not an IDX file: the magic number is 1f 8b 08 00, expected 00 00 08 0n (unsigned bytes, n dimensions)'),
    );
    expect(() => parseIdx(idx([3], [1, 2, 3], [0, 0, 0x0d, 1]), 'b.idx')).toThrow('b.idx: holds float values; only unsigned bytes (type 08) are supported');
    expect(() => parseIdx(idx([10, 5], [1, 2, 3]), 'c.idx')).toThrow('c.idx: the file is truncated: dimensions [10, 5] need 50 values, it holds 3');
    expect(() => parseIdx(idx([4, 1, 1], [1, 2, 3]).subarray(0, 10), 'd.idx')).toThrow('d.idx: the header is truncated: 3 dimensions need 16 bytes, the file has 10');
    expect(() => parseIdx(idx([2], [1, 2, 3]), 'e.idx')).toThrow('e.idx: 1 bytes after the 2 values of dimensions [2]: not a valid IDX file');
    expect(() => parseIdx(new Uint8Array([0, 0]), 'f.idx')).toThrow('f.idx: only 2 bytes: too short for an IDX file');
  });
});

describe('MNIST and Fashion-MNIST', () => {
  it('mnist: 6000 + 1000 images 1×28×28 in [0, 1], the last 1000 the fixed test set', async () => {
    const ds = await loadBuiltinDataset('mnist', undefined, nodeDatasetIO, 1);
    expect([ds.n, ds.featureShape, ds.fixedTestStart, ds.classNames]).toEqual([7000, [1, 28, 28], 6000, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']]);
    // The first training image and the first test label, read independently with node:zlib.
    const dir = findDatasetsDir();
    const raw = gunzipSync(readFileSync(path.join(dir, 'mnist/train-images-idx3-ubyte-every10th.gz')));
    for (let i = 0; i < 784; i++) expect(ds.x[i]).toBe(Math.fround(raw[16 + i] / 255));
    expect(ds.y[6000]).toBe(gunzipSync(readFileSync(path.join(dir, 'mnist/t10k-labels-idx1-ubyte-every10th.gz')))[8]);
    expect(Math.min(...ds.x.subarray(0, 78400))).toBe(0);
    expect(Math.max(...ds.x.subarray(0, 78400))).toBe(1);
    const counts = new Array(10).fill(0);
    ds.y.forEach((c) => counts[c]++);
    expect(counts.every((c) => c > 500)).toBe(true);
    const data = prepareData(ds, {}, 1);
    expect([data.train.n, data.validation.n, data.test.n]).toEqual([4800, 1200, 1000]);
  });

  it('fashionMnist: the ten article classes', async () => {
    const ds = await loadBuiltinDataset('fashionMnist', undefined, nodeDatasetIO, 1);
    expect([ds.n, ds.fixedTestStart]).toEqual([7000, 6000]);
    expect(ds.classNames).toEqual(['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']);
  });

  it('a damaged or mismatched file is a DataError naming it', async () => {
    const withFile = (file: string, bytes: Uint8Array): DatasetIO => ({
      readText: nodeDatasetIO.readText,
      readBytes: async (f) => (f === file ? bytes : nodeDatasetIO.readBytes(f)),
    });
    const labels = 'mnist/train-labels-idx1-ubyte-every10th.gz';
    await expect(loadBuiltinDataset('mnist', undefined, withFile(labels, new TextEncoder().encode('<html>404</html> not found here')), 1)).rejects.toThrow(
      new DataError(`${labels}: not a gzip file (it does not start with the gzip signature 1f 8b)`),
    );
    await expect(loadBuiltinDataset('mnist', undefined, withFile(labels, new Uint8Array(gzipSync(idx([5], [1, 2, 3, 4, 5])))), 1)).rejects.toThrow(
      `mnist/train-images-idx3-ubyte-every10th.gz holds 6000 images but ${labels} holds 5 labels`,
    );
    await expect(loadBuiltinDataset('mnist', undefined, withFile(labels, new Uint8Array(gzipSync(idx([6000], new Uint8Array(6000).fill(10))))), 1)).rejects.toThrow(
      `${labels}: label 10 of image 1 is not a class 0..9`,
    );
  });
});
