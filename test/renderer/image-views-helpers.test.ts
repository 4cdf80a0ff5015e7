/** The image views' pure parts: painting, image shapes, autoencoder recognition, editable kernels, scatter ranges. */
import { describe, expect, it } from 'vitest';
import { autoencoderOf, codeNodes, denormalize, normalize, seededNormals } from '../../src/renderer/src/image-views/autoencoder';
import { effectiveSplit } from '../../src/renderer/src/image-views/chosen-sample';
import { axisRange } from '../../src/renderer/src/image-views/CodeScatter';
import { editableKind } from '../../src/renderer/src/image-views/KernelEditor';
import { absMax, colourOf, flatImageData, formatCell, imageShapeOf, INK, paintRgb, paintValues, PAPER, pixelScale, valueRange } from '../../src/renderer/src/image-views/paint';
import { labelOf } from '../../src/renderer/src/image-views/SampleImage';
import { NEGATIVE, POSITIVE, MIDDLE } from '../../src/renderer/src/training/colormap';
import { findTemplate } from '../../src/shared/templates';

describe('painting', () => {
  it('grey: the range minimum is paper, the maximum ink, values outside are clamped', () => {
    expect(colourOf(0, 'grey', 0, 16)).toEqual(PAPER);
    expect(colourOf(16, 'grey', 0, 16)).toEqual(INK);
    expect(colourOf(99, 'grey', 0, 16)).toEqual(INK);
    expect(colourOf(8, 'grey', 0, 16)).toEqual([141, 145, 153]);
    expect(colourOf(0, 'grey', 0, 0)).toEqual(PAPER); // a blank image stays blank
  });

  it('signed: symmetric around 0 — orange negative, grey zero, blue positive', () => {
    colourOf(0, 'signed', -2, 2).forEach((v, k) => expect(Math.abs(v - MIDDLE[k]!)).toBeLessThanOrEqual(2)); // the map's 256-step table
    expect(colourOf(-2, 'signed', -2, 2)).toEqual(NEGATIVE);
    expect(colourOf(2, 'signed', -1, 2)).toEqual(POSITIVE);
    expect(colourOf(-1, 'signed', -1, 2)).toEqual(colourOf(-2, 'signed', -4, 4));
  });

  it('writes RGBA bytes per value, and colour pictures from three channels', () => {
    const out = new Uint8ClampedArray(8);
    paintValues([5, 0, 1], 1, 2, 'grey', 0, 1, out);
    expect(Array.from(out)).toEqual([...PAPER, 255, ...INK, 255]);
    const rgb = new Uint8ClampedArray(8);
    paintRgb([1, 0, 0, 1, 0.5, 0.5], 0, 2, 0, 1, rgb); // R plane, G plane, B plane
    expect(Array.from(rgb)).toEqual([255, 0, 128, 255, 0, 255, 128, 255]);
  });

  it('ranges skip non-finite values', () => {
    expect(valueRange([3, NaN, -1, Infinity, 2])).toEqual({ min: -1, max: 3 });
    expect(valueRange([NaN])).toEqual({ min: 0, max: 0 });
    expect(valueRange([9, 1, 2, 9], 1, 2)).toEqual({ min: 1, max: 2 });
    expect(absMax([0.5, -3, 2])).toBe(3);
    expect(absMax([0, 0])).toBe(1e-6);
  });

  it('image shapes: [C, H, W] as they are; the flat 8×8 digits as one 8×8 channel; other flat data are not images', () => {
    expect(imageShapeOf([1, 28, 28])).toEqual({ channels: 1, height: 28, width: 28 });
    expect(imageShapeOf([64], flatImageData('digits'))).toEqual({ channels: 1, height: 8, width: 8 });
    expect(imageShapeOf([64], flatImageData('iris'))).toBeNull();
    expect(imageShapeOf([4], true)).toBeNull(); // too small to be a picture
    expect(imageShapeOf([60], true)).toBeNull();
  });

  it('pixel scales (whole from 2× up) and short cell numbers', () => {
    expect([pixelScale(8, 8, 44), pixelScale(28, 28, 42), pixelScale(3, 5, 44), pixelScale(100, 100, 44)]).toEqual([5, 1.5, 8, 1]);
    expect([formatCell(1), formatCell(-4), formatCell(0.25), formatCell(0), formatCell(123.456), formatCell(0.001), formatCell(-12345)]).toEqual(['1', '−4', '0.25', '0', '123', '1.0e−3', '−1.2e+4']);
  });

  it('labels: class names, or regression targets', () => {
    expect(labelOf(Float32Array.of(1, 0), 1, 0, ['no turn', 'turn'])).toBe('turn');
    expect(labelOf(Float32Array.of(1.23456, 2, 3, 4), 2, 1)).toBe('3, 4');
  });
});

describe('autoencoders', () => {
  it('finds the loss with target input, the reconstruction feeding it and the noise of a denoising one', () => {
    expect(autoencoderOf(findTemplate('autoencoder-digits')!.build().graph)).toEqual({ lossId: 'loss', predictionId: 'rebuilt', noise: null });
    expect(autoencoderOf(findTemplate('denoising-autoencoder')!.build().graph)).toEqual({ lossId: 'loss', predictionId: 'image', noise: { nodeId: 'noise', stddev: 0.3 } });
    expect(autoencoderOf(findTemplate('sparse-autoencoder')!.build().graph)?.predictionId).toBe('out');
    expect(autoencoderOf(findTemplate('cnn-digits')!.build().graph)).toBeNull();
  });

  it('2-unit codes: nodes of shape [2] that are neither the input nor a loss', () => {
    const layer = (id: string, type: string, shape: number[]) => ({ id, type, label: type, shape, params: 0 });
    expect(codeNodes([layer('x', 'input', [2]), layer('code', 'dense', [2]), layer('a', 'tanh', [2]), layer('d', 'dense', [64]), layer('L', 'mse', [2])])).toEqual(['code', 'a']);
  });

  it('seeded noise is the same each time and standard normal', () => {
    const a = seededNormals(20001, 7);
    expect(seededNormals(20001, 7)).toEqual(a);
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const sd = Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });

  it('normalize and denormalize are each other\'s inverse, per feature', () => {
    const offset = Float32Array.of(1, 10);
    const scale = Float32Array.of(0.5, 2);
    const x = Float32Array.of(3, 11, 1, 10);
    expect(Array.from(normalize(x, offset, scale))).toEqual([1, 2, 0, 0]);
    expect(Array.from(denormalize(normalize(x, offset, scale), offset, scale))).toEqual(Array.from(x));
  });
});

describe('views', () => {
  it('kernels small enough to set by hand: conv up to 5×5 and 4 slices, Dense up to 8 inputs and 8 units', () => {
    expect(editableKind('conv2d', [1, 1, 3, 3])).toBe('conv');
    expect(editableKind('conv2d', [2, 2, 5, 5])).toBe('conv');
    expect(editableKind('conv2d', [8, 1, 3, 3])).toBeNull();
    expect(editableKind('conv2d', [1, 1, 7, 7])).toBeNull();
    expect(editableKind('dense', [2, 4])).toBe('dense');
    expect(editableKind('dense', [8, 8])).toBe('dense');
    expect(editableKind('dense', [32, 2])).toBeNull(); // the autoencoder's code layer: its scatter matters more
    expect(editableKind('dense', [64, 10])).toBeNull();
    expect(editableKind('dense', [4, 16])).toBeNull();
    expect(editableKind('dense', undefined)).toBeNull();
  });

  it('the split shown: the chosen one if it has rows, else test, validation, training', () => {
    expect(effectiveSplit(null, { test: 5, validation: 3, train: 9 })).toBe('test');
    expect(effectiveSplit(null, { test: 0, validation: 3, train: 9 })).toBe('validation');
    expect(effectiveSplit('validation', { test: 5, validation: 0, train: 9 })).toBe('test');
    expect(effectiveSplit('train', { test: 5, validation: 3, train: 9 })).toBe('train');
    expect(effectiveSplit(null, { test: 0, validation: 0, train: 24 })).toBe('train');
  });

  it('scatter axes: the range of every other value, padded 5 %', () => {
    const codes = Float32Array.of(0, 10, 2, 20, NaN, 15);
    expect(axisRange(codes, 0)).toEqual([-0.1, 2.1]);
    expect(axisRange(codes, 1)).toEqual([9.5, 20.5]);
    expect(axisRange(Float32Array.of(3, 3), 0)).toEqual([2, 4]);
  });
});

describe('model version (when the views fetch again)', () => {
  it('bumps at once for a load or a state change, for each step while paused, at most every 500 ms while training', async () => {
    const { vi } = await import('vitest');
    const { useTrainingStore } = await import('../../src/renderer/src/engine-client');
    const { REFRESH_MS, startModelVersion, useModelVersion } = await import('../../src/renderer/src/image-views/use-engine');
    vi.useFakeTimers();
    try {
      startModelVersion();
      const v = () => useModelVersion.getState();
      const state = (status: string, globalStep: number) => ({ status, globalStep }) as never;
      const start = v();
      useTrainingStore.setState({ summary: { layers: [] } as never, training: state('idle', 0) });
      expect([v().version, v().loadId]).toEqual([start.version + 1, start.loadId + 1]);
      useTrainingStore.setState({ training: state('paused', 1) });
      useTrainingStore.setState({ training: state('paused', 2) });
      expect(v().version).toBe(start.version + 3);
      useTrainingStore.setState({ training: state('training', 2) }); // a state change
      for (let step = 3; step < 8; step++) useTrainingStore.setState({ training: state('training', step) });
      expect(v().version).toBe(start.version + 4);
      vi.advanceTimersByTime(REFRESH_MS);
      expect(v().version).toBe(start.version + 5);
      expect(v().loadId).toBe(start.loadId + 1);
    } finally {
      vi.useRealTimers();
    }
  });
});
