import { describe, expect, it } from 'vitest';
import { loadBuiltinDataset } from '../../../src/engine/data/builtin';
import { builtinDatasets, builtinShapeInfo, resolveDatasetOptions } from '../../../src/shared/data/catalog';
import { datasetShapeInfo, validateDataset } from '../../../src/engine/data/prepare';
import { DataError, type Dataset } from '../../../src/engine/data/types';
import { nodeDatasetIO } from '../../../src/node/datasets';

function classCounts(ds: Dataset): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const label of ds.y) {
    const name = ds.classNames![label];
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

const load = (id: string, options?: Record<string, number>): Promise<Dataset> => loadBuiltinDataset(id, options, nodeDatasetIO, 1);

describe('real datasets', () => {
  it('iris: 150 × 4, 50 of each species', async () => {
    const ds = await load('iris');
    expect([ds.n, ds.featureShape, ds.task]).toEqual([150, [4], 'classification']);
    expect(classCounts(ds)).toEqual({ setosa: 50, versicolor: 50, virginica: 50 });
    expect(ds.featureNames).toEqual(['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)']);
    expect(Array.from(ds.x.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
  });

  it('breast cancer: 569 × 30, 212 malignant / 357 benign', async () => {
    const ds = await load('breastCancer');
    expect([ds.n, ds.featureShape]).toEqual([569, [30]]);
    expect(classCounts(ds)).toEqual({ malignant: 212, benign: 357 });
    expect(ds.featureNames[0]).toBe('mean radius');
    expect(ds.featureNames[10]).toBe('radius error');
    expect(ds.featureNames[29]).toBe('worst fractal dimension');
  });

  it('wine: 178 × 13, 59/71/48', async () => {
    const ds = await load('wine');
    expect([ds.n, ds.featureShape]).toEqual([178, [13]]);
    expect(classCounts(ds)).toEqual({ class_0: 59, class_1: 71, class_2: 48 });
    expect(ds.featureNames.at(-1)).toBe('proline');
  });

  it('digits: 1797 × 64 pixels 0..16, ten classes; image option gives [1, 8, 8]', async () => {
    const ds = await load('digits');
    expect([ds.n, ds.featureShape]).toEqual([1797, [64]]);
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(Math.max(...ds.x)).toBe(16);
    expect(ds.y[0]).toBe(0);
    expect(ds.featureNames[9]).toBe('pixel_1_1');
    const image = await load('digits', { image: 1 });
    expect(image.featureShape).toEqual([1, 8, 8]);
    expect(image.x).toEqual(ds.x);
  });

  it('sonar: 208 × 60, 97 rocks and 111 mines', async () => {
    const ds = await load('sonar');
    expect([ds.n, ds.featureShape]).toEqual([208, [60]]);
    expect(ds.classNames).toEqual(['rock', 'mine']);
    expect(classCounts(ds)).toEqual({ rock: 97, mine: 111 });
    expect(ds.y[0]).toBe(0); // rocks are listed first
    expect(ds.x[0]).toBeCloseTo(0.02, 6);
  });

  it('concrete: 1030 × 8 regression on compressive strength', async () => {
    const ds = await load('concrete');
    expect([ds.n, ds.featureShape, ds.task, ds.targetSize]).toEqual([1030, [8], 'regression', 1]);
    expect(ds.featureNames).toEqual(['cement', 'blast_furnace_slag', 'fly_ash', 'water', 'superplasticizer', 'coarse_aggregate', 'fine_aggregate', 'age']);
    expect(ds.y[0]).toBeCloseTo(79.99, 4);
    expect(ds.classNames).toBeUndefined();
  });

  it('diabetes: 442 × 10 raw features with the separate target file', async () => {
    const ds = await load('diabetes');
    expect([ds.n, ds.featureShape, ds.task]).toEqual([442, [10], 'regression']);
    expect(ds.featureNames.slice(0, 4)).toEqual(['age', 'sex', 'bmi', 'bp']);
    expect(Array.from(ds.x.subarray(0, 3))).toEqual([59, 2, 32.1].map(Math.fround));
    expect(ds.y[0]).toBe(151);
    expect(Math.min(...ds.y)).toBe(25);
    expect(Math.max(...ds.y)).toBe(346);
  });

  it('penguins: 342 rows after dropping NA, 3 species, 4 measurements', async () => {
    const ds = await load('penguins');
    expect([ds.n, ds.featureShape]).toEqual([342, [4]]);
    expect(ds.featureNames).toEqual(['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g']);
    expect(classCounts(ds)).toEqual({ Adelie: 151, Chinstrap: 68, Gentoo: 123 });
    expect(ds.classNames).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(ds.description).toMatch(/2 of 344 rows .*dropped/);
  });
});

describe('catalog', () => {
  it('every entry loads and matches its advertised shape', async () => {
    for (const info of builtinDatasets) {
      const ds = await load(info.id);
      validateDataset(ds);
      expect(datasetShapeInfo(ds), info.id).toEqual({
        dataShape: info.featureShape,
        numClasses: info.numClasses,
        task: info.task,
        targetSize: info.targetSize,
      });
      expect(builtinShapeInfo(info.id)).toEqual(datasetShapeInfo(ds));
      expect(ds.name).toBe(info.label);
      if (info.kind === 'real') expect(info.licence, info.id).toBeTruthy();
    }
  });

  it('ids are unique', () => {
    const ids = builtinDatasets.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('options default, and digits image option changes the shape info', () => {
    expect(resolveDatasetOptions('circle', undefined)).toEqual({ n: 500, noise: 0 });
    expect(resolveDatasetOptions('moons', { n: 40 })).toEqual({ n: 40, noise: 0.1 });
    expect(builtinShapeInfo('digits', { image: 1 }).dataShape).toEqual([1, 8, 8]);
  });
});

describe('errors', () => {
  it('an unknown id names it and lists the known ids', async () => {
    const err = await load('mnist-full').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toBe(`Unknown dataset 'mnist-full'. Built-in datasets: ${builtinDatasets.map((d) => d.id).join(', ')}`);
  });

  it('an unknown option names it', async () => {
    await expect(load('circle', { radius: 3 })).rejects.toThrow("Dataset 'circle' has no option 'radius' (its options are: n, noise)");
    await expect(load('iris', { n: 3 })).rejects.toThrow("Dataset 'iris' has no option 'n' (it has no options)");
  });

  it('an out-of-range or fractional option names it', async () => {
    await expect(load('circle', { n: 3 })).rejects.toThrow("Dataset 'circle': option 'n' must be between 4 and 10000, got 3");
    await expect(load('spiral', { noise: 2 })).rejects.toThrow("Dataset 'spiral': option 'noise' must be between 0 and 1, got 2");
    await expect(load('circle', { n: 10.5 })).rejects.toThrow("Dataset 'circle': option 'n' must be a whole number, got 10.5");
    await expect(load('linear', { noise: NaN })).rejects.toThrow(DataError);
  });
});

describe('sample-221', () => {
  it("is the lecture's one sample x = (1, 2), y = 1, regression, and declares 1 row", async () => {
    const ds = await load('sample-221');
    expect([ds.n, ds.featureShape, ds.task, ds.targetSize]).toEqual([1, [2], 'regression', 1]);
    expect(Array.from(ds.x)).toEqual([1, 2]);
    expect(Array.from(ds.y)).toEqual([1]);
    expect(builtinDatasets.find((d) => d.id === 'sample-221')!.rows).toBe(1);
  });
});

describe('sample-layer', () => {
  it('is the sigmoid-layer graph\'s one sample x = (1, 0.5), y = (1, 0): regression with two targets, as the catalog declares', async () => {
    const ds = await load('sample-layer');
    const info = builtinDatasets.find((d) => d.id === 'sample-layer')!;
    expect([ds.n, ds.featureShape, ds.task, ds.targetSize]).toEqual([1, [2], 'regression', 2]);
    expect([info.rows, info.featureShape, info.targetSize, info.task]).toEqual([1, [2], 2, 'regression']);
    expect(Array.from(ds.x)).toEqual([1, 0.5]);
    expect(Array.from(ds.y)).toEqual([1, 0]);
  });
});
