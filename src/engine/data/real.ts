/**
 * The real datasets shipped in resources/datasets (see DATASETS-LICENSES.md), parsed from
 * the text read through a DatasetIO. Feature names are the datasets' real names.
 */
import { parseCsv, csvToDataset, type CsvTable } from './csv';
import { DataError, type Dataset, type DatasetIO } from './types';

export type RealDatasetId = 'iris' | 'breastCancer' | 'wine' | 'digits' | 'sonar' | 'concrete' | 'diabetes' | 'penguins';

const IRIS_FEATURES = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'];

const NUCLEUS_MEASURES = ['radius', 'texture', 'perimeter', 'area', 'smoothness', 'compactness', 'concavity', 'concave points', 'symmetry', 'fractal dimension'];
const BREAST_CANCER_FEATURES = [
  ...NUCLEUS_MEASURES.map((m) => `mean ${m}`),
  ...NUCLEUS_MEASURES.map((m) => `${m} error`),
  ...NUCLEUS_MEASURES.map((m) => `worst ${m}`),
];

const WINE_FEATURES = [
  'alcohol', 'malic acid', 'ash', 'alcalinity of ash', 'magnesium', 'total phenols', 'flavanoids',
  'nonflavanoid phenols', 'proanthocyanins', 'color intensity', 'hue', 'OD280/OD315 of diluted wines', 'proline',
];

const DIABETES_FEATURES = ['age', 'sex', 'bmi', 'bp', 's1_tc', 's2_ldl', 's3_hdl', 's4_tch', 's5_ltg', 's6_glu'];

const PENGUIN_FEATURES = ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g'];

/**
 * scikit-learn's layout: line 1 is `n_samples,n_features,class names…`; each further line
 * holds the features and an integer label that indexes the class names.
 */
function parseSklearnCsv(text: string, file: string, name: string, featureNames: string[]): Dataset {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = lines[0]?.split(',') ?? [];
  const n = Number(head[0]);
  const d = Number(head[1]);
  const classNames = head.slice(2).map((c) => c.trim());
  if (!Number.isInteger(n) || !Number.isInteger(d) || classNames.length < 2) {
    throw new DataError(`${file} line 1: expected 'n_samples,n_features,class names…', got '${lines[0] ?? ''}'`);
  }
  if (lines.length - 1 !== n) throw new DataError(`${file}: line 1 announces ${n} samples, the file has ${lines.length - 1}`);
  if (d !== featureNames.length) throw new DataError(`${file}: expected ${featureNames.length} features, line 1 says ${d}`);
  const x = new Float32Array(n * d);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const cells = lines[i + 1].split(',');
    if (cells.length !== d + 1) throw new DataError(`${file} line ${i + 2}: expected ${d + 1} fields, got ${cells.length}`);
    for (let k = 0; k <= d; k++) {
      const v = Number(cells[k]);
      if (cells[k].trim() === '' || !Number.isFinite(v)) {
        throw new DataError(`${file} line ${i + 2}, field ${k + 1}: '${cells[k]}' is not a number`);
      }
      if (k < d) x[i * d + k] = v;
      else if (Number.isInteger(v) && v >= 0 && v < classNames.length) y[i] = v;
      else throw new DataError(`${file} line ${i + 2}: label ${cells[k]} is not a class index 0..${classNames.length - 1}`);
    }
  }
  return { name, task: 'classification', n, x, featureShape: [d], featureNames, y, targetSize: 1, classNames };
}

/** Digits: 64 pixels (8×8, 0..16) then the digit, no header. `image` gives featureShape [1, 8, 8]. */
function parseDigits(text: string, name: string, image: boolean): Dataset {
  const table = parseCsv(text, 'digits.csv');
  const ds = csvToDataset(table, { features: table.header.slice(0, 64), target: 'column65', task: 'classification' }, 'digits.csv');
  if (ds.classNames?.join() !== '0,1,2,3,4,5,6,7,8,9') throw new DataError(`digits.csv: expected the digits 0..9 as labels`);
  const featureNames: string[] = [];
  for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) featureNames.push(`pixel_${r}_${c}`);
  return { ...ds, name, featureNames, featureShape: image ? [1, 8, 8] : [64] };
}

/** Sonar: header V1..V60,Class with R (rock) or M (mine); band energies in 0..1. */
function parseSonar(text: string, name: string): Dataset {
  const table = parseCsv(text, 'sonar.csv');
  const bands = table.header.slice(0, 60);
  const ds = csvToDataset(table, { features: bands, target: 'Class', task: 'classification' }, 'sonar.csv');
  const sorted = ds.classNames ?? [];
  if (sorted.join() !== 'M,R') throw new DataError(`sonar.csv: expected classes M and R, found ${sorted.join(', ')}`);
  // Sorting put M first; use R = 0 'rock', M = 1 'mine' (the file's order: rocks are listed first).
  const y = ds.y.map((v) => (v === 1 ? 0 : 1));
  const featureNames = bands.map((_, k) => `band ${k + 1} energy`);
  return { ...ds, name, y, featureNames, classNames: ['rock', 'mine'] };
}

function parseConcrete(text: string, name: string): Dataset {
  const table = parseCsv(text, 'concrete.csv');
  const target = 'compressive_strength';
  const features = table.header.filter((h) => h !== target);
  return { ...csvToDataset(table, { features, target, task: 'regression' }, 'concrete.csv'), name };
}

/** Diabetes: space-separated raw features, and one target per line in a second file. */
function parseDiabetes(featuresText: string, targetText: string, name: string): Dataset {
  const features = parseCsv(featuresText, 'diabetes_data_raw.csv');
  const target = parseCsv(targetText, 'diabetes_target.csv');
  if (features.header.length !== DIABETES_FEATURES.length || target.header.length !== 1) {
    throw new DataError('diabetes: expected 10 feature columns and 1 target column');
  }
  if (features.rows.length !== target.rows.length) {
    throw new DataError(`diabetes: ${features.rows.length} feature rows but ${target.rows.length} targets`);
  }
  const combined: CsvTable = {
    ...features,
    header: [...DIABETES_FEATURES, 'progression'],
    rows: features.rows.map((row, i) => [...row, target.rows[i][0]]),
  };
  const ds = csvToDataset(combined, { features: DIABETES_FEATURES, target: 'progression', task: 'regression' }, 'diabetes_data_raw.csv');
  return { ...ds, name };
}

/** Penguins: species from the four body measurements; rows with NA measurements are dropped. */
function parsePenguins(text: string, name: string): Dataset {
  const table = parseCsv(text, 'penguins.csv');
  const cols = PENGUIN_FEATURES.map((f) => table.header.indexOf(f));
  const keep = table.rows.map((row) => cols.every((j) => j >= 0 && row[j].trim() !== 'NA'));
  const kept: CsvTable = {
    ...table,
    rows: table.rows.filter((_, i) => keep[i]),
    lineNumbers: table.lineNumbers?.filter((_, i) => keep[i]),
  };
  const dropped = table.rows.length - kept.rows.length;
  const ds = csvToDataset(kept, { features: PENGUIN_FEATURES, target: 'species', task: 'classification' }, 'penguins.csv');
  const description = `${dropped} of ${table.rows.length} rows have missing (NA) measurements and were dropped.`;
  return { ...ds, name, description };
}

/** Loads one of the shipped real datasets. `options` were validated by the caller. */
export async function loadRealDataset(id: RealDatasetId, name: string, options: Record<string, number>, io: DatasetIO): Promise<Dataset> {
  switch (id) {
    case 'iris':
      return parseSklearnCsv(await io.readText('iris.csv'), 'iris.csv', name, IRIS_FEATURES);
    case 'breastCancer':
      return parseSklearnCsv(await io.readText('breast_cancer.csv'), 'breast_cancer.csv', name, BREAST_CANCER_FEATURES);
    case 'wine':
      return parseSklearnCsv(await io.readText('wine_data.csv'), 'wine_data.csv', name, WINE_FEATURES);
    case 'digits':
      return parseDigits(await io.readText('digits.csv'), name, options.image === 1);
    case 'sonar':
      return parseSonar(await io.readText('sonar.csv'), name);
    case 'concrete':
      return parseConcrete(await io.readText('concrete.csv'), name);
    case 'diabetes':
      return parseDiabetes(await io.readText('diabetes_data_raw.csv'), await io.readText('diabetes_target.csv'), name);
    case 'penguins':
      return parsePenguins(await io.readText('penguins.csv'), name);
  }
}
