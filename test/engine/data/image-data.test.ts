/** Image data: per-channel normalisation, and CSV files declared as images (`imageShape`). */
import { describe, expect, it } from 'vitest';
import { csvToDataset, parseCsv } from '../../../src/engine/data/csv';
import { fitNormalizer } from '../../../src/engine/data/normalize';
import { normalizeGroupSize, prepareData } from '../../../src/engine/data/prepare';
import { DataError, type Dataset } from '../../../src/engine/data/types';
import { loadDataset } from '../../../src/engine/session';
import { csvSampleShape, type CsvDataConfig } from '../../../src/shared/project-types';

/** n two-channel 2×2 images: channel 0 in 0..1 with a pixel that is always 0, channel 1 around 10. */
function twoChannelImages(n: number): Dataset {
  const x = new Float32Array(n * 8);
  for (let i = 0; i < n; i++) {
    x.set([0, (i % 5) / 4, (i % 3) / 2, 1 - (i % 2)], i * 8);
    x.set([10 + (i % 4), 9, 11, 10 - (i % 3)], i * 8 + 4);
  }
  return { name: 'imgs', task: 'classification', n, x, featureShape: [2, 2, 2], featureNames: [], y: Float32Array.from({ length: n }, (_, i) => i % 2), targetSize: 1, classNames: ['a', 'b'] };
}

describe('normalisation of images', () => {
  it('images [C, H, W] share statistics per channel; flat data keep them per feature', () => {
    expect(normalizeGroupSize([1, 28, 28])).toBe(784);
    expect(normalizeGroupSize([3, 4, 5])).toBe(20);
    expect(normalizeGroupSize([64])).toBe(1);
    const ds = twoChannelImages(60);
    const data = prepareData(ds, { split: { validation: 0, test: 0 } }, 1);
    const { offset, scale } = data.normalizer;
    expect(new Set(offset.subarray(0, 4)).size).toBe(1);
    expect(new Set(scale.subarray(4, 8)).size).toBe(1);
    expect(offset[4]).toBeGreaterThan(9);
    // Each channel of the normalised training data has mean 0 and standard deviation 1.
    for (const c of [0, 1]) {
      const v: number[] = [];
      for (let i = 0; i < data.train.n; i++) for (let k = 0; k < 4; k++) v.push(data.train.x[i * 8 + c * 4 + k]);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
      expect(mean).toBeCloseTo(0, 5);
      expect(std).toBeCloseTo(1, 5);
    }
    // The always-0 pixel is not blown up: it is just the channel's darkest value.
    expect(data.train.x[0]).toBeCloseTo(-offset[0] * scale[0], 5);
  });

  it('minmax per channel maps each channel onto [0, 1]', () => {
    const ds = twoChannelImages(30);
    const rows = Int32Array.from({ length: 30 }, (_, i) => i);
    const norm = fitNormalizer('minmax', ds.x, rows, 8, 4);
    // Channel 0 spans 0..1; channel 1 spans 8..13 (over all four of its pixels).
    expect(Array.from(norm.offset)).toEqual([0, 0, 0, 0, 8, 8, 8, 8]);
    expect(norm.scale[0]).toBe(1);
    expect(norm.scale[5]).toBeCloseTo(1 / (13 - 8), 6);
  });
});

describe('CSV data as images', () => {
  const text = ['p0,p1,p2,p3,label', '0,1,2,3,a', '4,5,6,7,b', '1,1,1,1,a'].join('\n');
  const spec = { features: ['p0', 'p1', 'p2', 'p3'], target: 'label', task: 'classification' as const };

  it('imageShape gives the samples that shape (pixels in NCHW order)', () => {
    const ds = csvToDataset(parseCsv(text, 'pix.csv'), { ...spec, imageShape: [1, 2, 2] }, 'pix.csv');
    expect(ds.featureShape).toEqual([1, 2, 2]);
    expect(Array.from(ds.x.subarray(4, 8))).toEqual([4, 5, 6, 7]);
    expect(csvToDataset(parseCsv(text, 'pix.csv'), spec, 'pix.csv').featureShape).toEqual([4]);
  });

  it('refuses a shape whose size is not the number of feature columns', () => {
    expect(() => csvToDataset(parseCsv(text, 'pix.csv'), { ...spec, imageShape: [1, 3, 3] }, 'pix.csv')).toThrow(
      new DataError('pix.csv: image shape [1, 3, 3] must be [channels, height, width] holding one value per feature column (4), but it holds 9'),
    );
  });

  it('a project CSV with imageShape loads as images, and csvSampleShape tells the editor', async () => {
    const data: CsvDataConfig = { csv: 'pix.csv', sha256: 'ab'.repeat(32), ...spec, imageShape: [1, 2, 2] };
    const source = {
      readText: () => Promise.reject(new Error('unused')),
      readBytes: () => Promise.reject(new Error('unused')),
      readProjectCsv: async () => ({ text, sha256: 'ab'.repeat(32) }),
    };
    const ds = await loadDataset(data, source, 1);
    expect(ds.featureShape).toEqual([1, 2, 2]);
    expect(csvSampleShape(data)).toEqual([1, 2, 2]);
    expect(csvSampleShape({ ...data, imageShape: undefined })).toEqual([4]);
  });
});
