/**
 * The IDX header in detail (every magic-number check, every value type, big dimensions) and
 * imageDataset on tiny hand-made images: exact pixels, labels, names and every mismatch it refuses.
 */
import { describe, expect, it } from 'vitest';
import { parseIdx, type IdxArray } from '../../../src/engine/data/idx';
import { imageDataset, loadImageDataset } from '../../../src/engine/data/images';
import type { DatasetIO } from '../../../src/engine/data/types';
import { dataErrorMessage as message } from '../../helpers/data';
import { nodeDatasetIO } from '../../../src/node/datasets';

function header(magic: number[], dims: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length);
  out.set(magic);
  dims.forEach((d, i) => new DataView(out.buffer).setUint32(4 + 4 * i, d));
  return out;
}


describe('parseIdx header', () => {
  it('each part of the magic number is checked, and the message shows all four bytes in hex', () => {
    const notIdx = (m: string) => `f.idx: not an IDX file: the magic number is ${m}, expected 00 00 08 0n (unsigned bytes, n dimensions)`;
    expect(message(() => parseIdx(Uint8Array.of(1, 0, 8, 1, 0, 0, 0, 0), 'f.idx'))).toBe(notIdx('01 00 08 01'));
    expect(message(() => parseIdx(Uint8Array.of(0, 0xa, 8, 1, 0, 0, 0, 0), 'f.idx'))).toBe(notIdx('00 0a 08 01'));
    expect(message(() => parseIdx(Uint8Array.of(0, 0, 7, 1, 0, 0, 0, 0), 'f.idx'))).toBe(notIdx('00 00 07 01'));
    expect(message(() => parseIdx(Uint8Array.of(0, 0, 8, 0, 0, 0, 0, 0), 'f.idx'))).toBe(notIdx('00 00 08 00'));
    expect(message(() => parseIdx(Uint8Array.of(0, 0, 8, 5, 0, 0, 0, 0), 'f.idx'))).toBe(notIdx('00 00 08 05'));
  });

  it('names the value type it does not read', () => {
    const types: [number, string][] = [[0x09, 'signed byte'], [0x0b, 'short'], [0x0c, 'int'], [0x0d, 'float'], [0x0e, 'double']];
    for (const [code, name] of types) {
      expect(message(() => parseIdx(header([0, 0, code, 1], [0]), 't.idx'))).toBe(`t.idx: holds ${name} values; only unsigned bytes (type 08) are supported`);
    }
  });

  it('accepts 1 to 4 dimensions, and a file that is exactly its header when a dimension is 0', () => {
    expect(parseIdx(Uint8Array.from([...header([0, 0, 8, 4], [1, 1, 2, 1]), 5, 6]), 'r.idx')).toEqual({ dims: [1, 1, 2, 1], data: Uint8Array.of(5, 6) });
    expect(parseIdx(header([0, 0, 8, 2], [0, 28]), 'empty.idx')).toEqual({ dims: [0, 28], data: new Uint8Array(0) });
  });

  it('a 4-byte file has a truncated header, not "too short"', () => {
    expect(message(() => parseIdx(Uint8Array.of(0, 0, 8, 1), 'h.idx'))).toBe('h.idx: the header is truncated: 1 dimensions need 8 bytes, the file has 4');
    expect(message(() => parseIdx(Uint8Array.of(0, 0, 8), 'h.idx'))).toBe('h.idx: only 3 bytes: too short for an IDX file');
  });

  it('reads each dimension as a big-endian unsigned 32-bit number', () => {
    expect(message(() => parseIdx(header([0, 0, 8, 1], [0x01020304]), 'b.idx'))).toBe(
      'b.idx: the file is truncated: dimensions [16909060] need 16909060 values, it holds 0',
    );
    expect(message(() => parseIdx(header([0, 0, 8, 2], [0x80000001, 0x00ff0000]), 'b.idx'))).toBe(
      `b.idx: the file is truncated: dimensions [2147483649, 16711680] need ${2147483649 * 16711680} values, it holds 0`,
    );
  });
});

const idx = (dims: number[], data: number[]): IdxArray => ({ dims, data: Uint8Array.from(data) });
const files = ['tr-img', 'tr-lab', 'te-img', 'te-lab'];

describe('imageDataset', () => {
  const train = { images: idx([2, 2, 3], [0, 51, 102, 153, 204, 255, 255, 0, 0, 0, 0, 255]), labels: idx([2], [3, 0]) };
  const test = { images: idx([1, 2, 3], [17, 34, 51, 68, 85, 102]), labels: idx([1], [9]) };

  it('puts the training images first, then the test images, pixels scaled by 1/255', () => {
    const ds = imageDataset('mnist', 'Tiny', train, test, files);
    expect(Array.from(ds.x)).toEqual([0, 51, 102, 153, 204, 255, 255, 0, 0, 0, 0, 255, 17, 34, 51, 68, 85, 102].map((v) => Math.fround(v / 255)));
    expect(Array.from(ds.y)).toEqual([3, 0, 9]);
    expect(ds).toMatchObject({ name: 'Tiny', task: 'classification', n: 3, featureShape: [1, 2, 3], targetSize: 1, fixedTestStart: 2 });
    expect(ds.featureNames).toEqual(['pixel_0_0', 'pixel_0_1', 'pixel_0_2', 'pixel_1_0', 'pixel_1_1', 'pixel_1_2']);
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(ds.description).toBe('2 training and 1 test images (every 10th of the originals); pixels scaled to [0, 1].');
    expect(imageDataset('fashionMnist', 'F', train, test, files).classNames?.[9]).toBe('Ankle boot');
  });

  it('refuses files of the wrong rank, a count mismatch in either part, other image sizes and labels beyond the classes', () => {
    expect(message(() => imageDataset('mnist', 'T', { ...train, images: idx([2, 6], new Array(12).fill(0)) }, test, files))).toBe(
      'tr-img: expected images [count, rows, columns], got dimensions [2, 6]',
    );
    expect(message(() => imageDataset('mnist', 'T', train, { ...test, labels: idx([1, 1], [9]) }, files))).toBe(
      'te-lab: expected labels [count], got dimensions [1, 1]',
    );
    expect(message(() => imageDataset('mnist', 'T', train, { ...test, labels: idx([2], [9, 9]) }, files))).toBe(
      'te-img holds 1 images but te-lab holds 2 labels',
    );
    expect(message(() => imageDataset('mnist', 'T', train, { ...test, images: idx([1, 3, 2], [1, 2, 3, 4, 5, 6]) }, files))).toBe(
      'te-img holds 3×2 images but tr-img holds 2×3',
    );
    expect(message(() => imageDataset('mnist', 'T', train, { ...test, images: idx([1, 2, 2], [1, 2, 3, 4]) }, files))).toBe(
      'te-img holds 2×2 images but tr-img holds 2×3',
    );
    expect(message(() => imageDataset('mnist', 'T', { ...train, labels: idx([2], [3, 10]) }, test, files))).toBe(
      'tr-lab: label 10 of image 2 is not a class 0..9',
    );
    expect(imageDataset('mnist', 'T', { ...train, labels: idx([2], [9, 0]) }, test, files).y[0]).toBe(9);
  });

  it('loadImageDataset reads the four files of its folder', async () => {
    const asked: string[] = [];
    const io: DatasetIO = { readText: nodeDatasetIO.readText, readBytes: (f) => (asked.push(f), nodeDatasetIO.readBytes(f)) };
    const ds = await loadImageDataset('fashionMnist', 'Fashion', io);
    expect(asked.sort()).toEqual([
      'fashion-mnist/t10k-images-idx3-ubyte-every10th.gz',
      'fashion-mnist/t10k-labels-idx1-ubyte-every10th.gz',
      'fashion-mnist/train-images-idx3-ubyte-every10th.gz',
      'fashion-mnist/train-labels-idx1-ubyte-every10th.gz',
    ]);
    expect([ds.name, ds.n, ds.featureNames.length, ds.featureNames[783]]).toEqual(['Fashion', 7000, 784, 'pixel_27_27']);
  });
});
