/**
 * The parsers of the shipped real datasets (src/engine/data/real.ts) on small hand-written files
 * served by a fake DatasetIO: what a well-formed file gives, and the message for each way a file
 * can be wrong (a user who replaces a file, or a damaged download, sees these).
 */
import { describe, expect, it } from 'vitest';
import { loadRealDataset, type RealDatasetId } from '../../../src/engine/data/real';
import type { Dataset, DatasetIO } from '../../../src/engine/data/types';
import { rejectionMessage as failure } from '../../helpers/data';

function served(files: Record<string, string>): DatasetIO {
  return {
    readText: async (f) => {
      if (!(f in files)) throw new Error(`not served: ${f}`);
      return files[f];
    },
    readBytes: () => Promise.reject(new Error('no bytes')),
  };
}

const load = (id: RealDatasetId, files: Record<string, string>, options: Record<string, number> = {}): Promise<Dataset> =>
  loadRealDataset(id, 'Name', options, served(files));

/** An iris-shaped file (4 features) with the given rows. */
const iris = (head: string, rows: string[]) => ({ 'iris.csv': [head, ...rows].join('\n') });

describe("scikit-learn's CSV layout (iris, breast cancer, wine)", () => {
  it('reads n, d and the class names from line 1, then features and label per line; blank lines and CRLF are fine', async () => {
    const ds = await load('iris', { 'iris.csv': '3,4,setosa, versicolor ,virginica\r\n5.1,3.5,1.4,0.2,0\r\n\r\n7,3.2,4.7,1.4,2\r\n6.3,3.3,6,2.5,1\r\n' });
    expect(ds).toMatchObject({ name: 'Name', task: 'classification', n: 3, featureShape: [4], targetSize: 1, classNames: ['setosa', 'versicolor', 'virginica'] });
    expect(ds.featureNames).toEqual(['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)']);
    expect(Array.from(ds.x)).toEqual([5.1, 3.5, 1.4, 0.2, 7, 3.2, 4.7, 1.4, 6.3, 3.3, 6, 2.5].map(Math.fround));
    expect(Array.from(ds.y)).toEqual([0, 2, 1]);
  });

  it('wine and breast cancer use their own files and feature names', async () => {
    const wineRow = Array.from({ length: 13 }, (_, k) => k + 1).join(',');
    const wine = await load('wine', { 'wine_data.csv': `2,13,a,b,c\n${wineRow},2\n${wineRow},0\n` });
    expect([wine.featureNames[0], wine.featureNames[11], wine.featureNames.length, Array.from(wine.y)]).toEqual([
      'alcohol', 'OD280/OD315 of diluted wines', 13, [2, 0],
    ]);
    const bcRow = new Array(30).fill('0.5').join(',');
    const bc = await load('breastCancer', { 'breast_cancer.csv': `1,30,malignant,benign\n${bcRow},1\n` });
    expect([bc.featureNames[0], bc.featureNames[19], bc.featureNames[20], bc.featureNames.length, bc.y[0]]).toEqual([
      'mean radius', 'fractal dimension error', 'worst radius', 30, 1,
    ]);
  });

  it('refuses a bad first line', async () => {
    for (const head of ['x,4,a,b', '3,four,a,b', '3,4,a', '2.5,4,a,b']) {
      expect(await failure(load('iris', iris(head, [])))).toBe(`iris.csv line 1: expected 'n_samples,n_features,class names…', got '${head}'`);
    }
    expect(await failure(load('iris', { 'iris.csv': '\n\n' }))).toBe("iris.csv line 1: expected 'n_samples,n_features,class names…', got ''");
  });

  it('refuses a sample count or feature count that does not match', async () => {
    expect(await failure(load('iris', iris('2,4,a,b', ['1,2,3,4,0'])))).toBe('iris.csv: line 1 announces 2 samples, the file has 1');
    expect(await failure(load('iris', iris('1,3,a,b', ['1,2,3,0'])))).toBe('iris.csv: expected 4 features, line 1 says 3');
  });

  it('names line and field of a bad cell, and line of a bad label', async () => {
    const head = '2,4,a,b';
    expect(await failure(load('iris', iris(head, ['1,2,3,4,0', '1,2,3,0'])))).toBe('iris.csv line 3: expected 5 fields, got 4');
    expect(await failure(load('iris', iris(head, ['1,2,3,4,0', '1,2,x,4,0'])))).toBe("iris.csv line 3, field 3: 'x' is not a number");
    expect(await failure(load('iris', iris(head, ['1,,3,4,0', '1,2,3,4,0'])))).toBe("iris.csv line 2, field 2: '' is not a number");
    expect(await failure(load('iris', iris(head, ['1,2,3,4,0', '1,2,3,4,Infinity'])))).toBe("iris.csv line 3, field 5: 'Infinity' is not a number");
    for (const label of ['2', '-1', '0.5']) {
      expect(await failure(load('iris', iris(head, ['1,2,3,4,0', `1,2,3,4,${label}`])))).toBe(`iris.csv line 3: label ${label} is not a class index 0..1`);
    }
    expect(Array.from((await load('iris', iris(head, ['1,2,3,4,0', '1,2,3,4,1']))).y)).toEqual([0, 1]);
  });
});

describe('digits, sonar, concrete, diabetes, penguins', () => {
  const digitsRow = (label: number) => [...Array.from({ length: 64 }, (_, k) => (k + label) % 17), label].join(',');
  const digits = { 'digits.csv': Array.from({ length: 10 }, (_, d) => digitsRow(d)).join('\n') };

  it('digits: 8×8 pixel names, flat or as a [1, 8, 8] image', async () => {
    const flat = await load('digits', digits);
    expect([flat.name, flat.n, flat.featureShape, flat.featureNames.length, flat.featureNames[0], flat.featureNames[8], flat.featureNames[63]]).toEqual([
      'Name', 10, [64], 64, 'pixel_0_0', 'pixel_1_0', 'pixel_7_7',
    ]);
    expect(Array.from(flat.y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await load('digits', digits, { image: 1 })).featureShape).toEqual([1, 8, 8]);
    expect((await load('digits', digits, { image: 0 })).featureShape).toEqual([64]);
  });

  it('digits: labels other than the ten digits are refused', async () => {
    const nine = { 'digits.csv': Array.from({ length: 9 }, (_, d) => digitsRow(d)).join('\n') };
    expect(await failure(load('digits', nine))).toBe('digits.csv: expected the digits 0..9 as labels');
  });

  const sonarHead = [...Array.from({ length: 60 }, (_, k) => `V${k + 1}`), 'Class'].join(',');
  const sonarRow = (c: string, v: number) => [...new Array(60).fill(v), c].join(',');

  it('sonar: R is rock (0), M is mine (1), bands named by number', async () => {
    const ds = await load('sonar', { 'sonar.csv': [sonarHead, sonarRow('R', 0.1), sonarRow('M', 0.2), sonarRow('R', 0.3)].join('\n') });
    expect(Array.from(ds.y)).toEqual([0, 1, 0]);
    expect(ds.classNames).toEqual(['rock', 'mine']);
    expect([ds.name, ds.featureNames[0], ds.featureNames[59]]).toEqual(['Name', 'band 1 energy', 'band 60 energy']);
  });

  it('sonar: other classes are refused, naming them', async () => {
    expect(await failure(load('sonar', { 'sonar.csv': [sonarHead, sonarRow('R', 0.1), sonarRow('X', 0.2)].join('\n') }))).toBe(
      'sonar.csv: expected classes M and R, found R, X',
    );
  });

  it('concrete: every column but the strength is a feature', async () => {
    const ds = await load('concrete', { 'concrete.csv': 'cement,compressive_strength,age\n540,79.99,28\n332.5,40.27,270\n' });
    expect([ds.name, ds.task, ds.featureNames, Array.from(ds.x), Array.from(ds.y)]).toEqual([
      'Name', 'regression', ['cement', 'age'], [540, 28, 332.5, 270], [Math.fround(79.99), Math.fround(40.27)],
    ]);
  });

  it('diabetes: features and targets from two files, checked against each other', async () => {
    const features = '59 2 32.1 101 157 93.2 38 4 4.8598 87\n48 1 21.6 87 183 103.2 70 3 3.8918 69\n';
    const ds = await load('diabetes', { 'diabetes_data_raw.csv': features, 'diabetes_target.csv': '151\n75\n' });
    expect([ds.name, ds.featureNames[9], Array.from(ds.y), ds.x[12]]).toEqual(['Name', 's6_glu', [151, 75], Math.fround(21.6)]);
    expect(await failure(load('diabetes', { 'diabetes_data_raw.csv': features, 'diabetes_target.csv': '151\n' }))).toBe(
      'diabetes: 2 feature rows but 1 targets',
    );
    expect(await failure(load('diabetes', { 'diabetes_data_raw.csv': '1 2 3\n4 5 6\n', 'diabetes_target.csv': '1\n2\n' }))).toBe(
      'diabetes: expected 10 feature columns and 1 target column',
    );
    expect(await failure(load('diabetes', { 'diabetes_data_raw.csv': features, 'diabetes_target.csv': '1 2\n3 4\n' }))).toBe(
      'diabetes: expected 10 feature columns and 1 target column',
    );
    // A bad value is reported at its line in the features file.
    const bad = features.replace('183', 'x');
    expect(await failure(load('diabetes', { 'diabetes_data_raw.csv': bad, 'diabetes_target.csv': '151\n75\n' }))).toBe(
      "diabetes_data_raw.csv line 2, column 's1_tc': 'x' is not a number",
    );
  });

  const penguinHead = 'species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex';

  it('penguins: rows with an NA measurement are dropped and counted; a later error still names its real line', async () => {
    const text = [penguinHead, 'Adelie,T,39.1,18.7,181,3750,m', 'Adelie,T,NA,NA,NA,NA,NA', 'Gentoo,B,46.1,13.2,211,4500,NA', 'Gentoo,B, NA ,1,1,1,f'].join('\n');
    const ds = await load('penguins', { 'penguins.csv': text });
    expect([ds.name, ds.n, ds.classNames, Array.from(ds.y), ds.description]).toEqual([
      'Name', 2, ['Adelie', 'Gentoo'], [0, 1], '2 of 4 rows have missing (NA) measurements and were dropped.',
    ]);
    expect(Array.from(ds.x.subarray(4))).toEqual([46.1, 13.2, 211, 4500].map(Math.fround));
    const bad = [penguinHead, 'Adelie,T,NA,1,1,1,m', 'Adelie,T,39.1,18.7,181,3750,m', 'Gentoo,B,46.1,x,211,4500,f'].join('\n');
    expect(await failure(load('penguins', { 'penguins.csv': bad }))).toBe("penguins.csv line 4, column 'bill_depth_mm': 'x' is not a number");
  });

  it('penguins: a measurement in the first column is read like any other', async () => {
    const text = ['bill_length_mm,species,bill_depth_mm,flipper_length_mm,body_mass_g', '39.1,Adelie,18.7,181,3750', 'NA,Adelie,1,1,1', '46.1,Gentoo,13.2,211,4500'].join('\n');
    const ds = await load('penguins', { 'penguins.csv': text });
    expect([ds.n, Array.from(ds.x.subarray(0, 4)), ds.description]).toEqual([2, [39.1, 18.7, 181, 3750].map(Math.fround), '1 of 3 rows have missing (NA) measurements and were dropped.']);
  });

  it('penguins: a file without a measurement column is refused by name', async () => {
    const text = ['species,bill_length_mm,bill_depth_mm,flipper_length_mm', 'Adelie,1,2,3', 'Gentoo,4,5,6'].join('\n');
    expect(await failure(load('penguins', { 'penguins.csv': text }))).toBe(
      "penguins.csv: no column named 'body_mass_g'; the columns are: species, bill_length_mm, bill_depth_mm, flipper_length_mm",
    );
  });
});
