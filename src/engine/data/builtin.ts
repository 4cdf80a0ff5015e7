/**
 * Loading a built-in dataset by id: option checks, then the generator or the real-data parser.
 * What each dataset is (options, shapes, licences) is the shared catalog, src/shared/data/catalog.ts.
 */
import { Rng, streamSeed } from '../random';
import { requireBuiltinDataset, resolveDatasetOptions } from '../../shared/data/catalog';
import { gateDataset, generate2d, linearDataset, type GateId, type Generator2dId } from './generators';
import { loadImageDataset, type ImageDatasetId } from './images';
import { loadRealDataset, type RealDatasetId } from './real';
import { sample221Dataset, sampleLayerDataset } from './lecture-samples';
import { turnsDataset } from './turns';
import { isLectureDataset, lectureDataset } from './lecture';
import type { Dataset, DatasetIO } from './types';

/**
 * Loads a built-in dataset. Generated data are drawn from Rng(streamSeed(seed, 'data')), so the
 * same seed and options give the same points; the real datasets ignore the seed.
 */
export async function loadBuiltinDataset(
  id: string,
  options: Record<string, number> | undefined,
  io: DatasetIO,
  seed: number,
): Promise<Dataset> {
  const info = requireBuiltinDataset(id);
  const opts = resolveDatasetOptions(id, options);
  const rng = new Rng(streamSeed(seed, 'data'));
  switch (info.kind) {
    case 'gate':
      return gateDataset(id as GateId, info.label);
    case 'generated':
      if (id === 'turns') return turnsDataset(info.label);
      if (id === 'sample-221') return sample221Dataset(info.label);
      if (id === 'sample-layer') return sampleLayerDataset(info.label);
      if (isLectureDataset(id)) return lectureDataset(id, info.label);
      return id === 'linear'
        ? linearDataset(info.label, opts.n, opts.noise, rng)
        : generate2d(id as Generator2dId, info.label, opts.n, opts.noise, rng);
    case 'real':
      if (id === 'mnist' || id === 'fashionMnist') return loadImageDataset(id as ImageDatasetId, info.label, io);
      return loadRealDataset(id as RealDatasetId, info.label, opts, io);
  }
}
