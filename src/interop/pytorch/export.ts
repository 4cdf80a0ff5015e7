/**
 * Project → PyTorch: the training script, its weights (a state_dict in an .npz, with the split's
 * rows) and, for a built-in dataset, the data as a CSV. A CSV project's script reads the
 * project's own file (checked by its sha256), or a copy written beside it when the caller asks.
 */
import { splitIndices } from '../../engine/data/split';
import { DEFAULT_SPLIT } from '../../engine/data/prepare';
import type { Dataset } from '../../engine/data/types';
import { parseCsv } from '../../engine/data/csv';
import { isCsvData } from '../../shared/project-types';
import { identifier, type ModelSource } from '../source';
import { datasetCsv, targetNames } from './data-csv';
import { npz, transpose, type NpyArray } from './npz';
import { pytorchScript, stateDictKeys, type ScriptData } from './script';

export interface ExportedFile {
  name: string;
  bytes: Uint8Array;
}

export interface PytorchExportOptions {
  /** File name of the script, e.g. "train.py"; the other files are named after it. */
  scriptName: string;
  /**
   * CSV projects: the CSV's path relative to the script and its text, or just its text when
   * the script cannot point at it (the web, another folder): a copy is then written beside it.
   */
  csv?: { relativePath?: string; text: string };
}

export function exportPytorch(source: ModelSource, dataset: Dataset, options: PytorchExportOptions): ExportedFile[] {
  const stem = options.scriptName.replace(/\.py$/i, '') || 'train';
  const weightsFile = `${stem}_weights.npz`;
  const files: ExportedFile[] = [];
  const data = scriptData(source, dataset, options, stem, files);
  const script = pytorchScript(source, { scriptName: options.scriptName, weightsFile, data });
  files.unshift({ name: options.scriptName, bytes: new TextEncoder().encode(script) }, { name: weightsFile, bytes: weightsNpz(source, dataset) });
  return files;
}

function scriptData(source: ModelSource, dataset: Dataset, options: PytorchExportOptions, stem: string, files: ExportedFile[]): ScriptData {
  const config = source.project.data;
  if (!isCsvData(config)) {
    const file = `${identifier(source.dataName, stem)}.csv`;
    files.push({ name: file, bytes: new TextEncoder().encode(datasetCsv(dataset)) });
    return { file, features: dataset.featureNames, targets: targetNames(dataset), delimiter: ',', hasHeader: true, decimalComma: false, rows: dataset.n };
  }
  if (!options.csv) throw new Error(`the PyTorch export needs the text of ${config.csv}`);
  const table = parseCsv(options.csv.text, config.csv);
  let file = options.csv.relativePath;
  if (!file) {
    file = config.csv.split(/[\\/]/).pop() ?? `${stem}_data.csv`;
    files.push({ name: file, bytes: new TextEncoder().encode(options.csv.text) });
  }
  return {
    file: file.replace(/\\/g, '/'),
    features: config.features,
    targets: [config.target],
    delimiter: table.delimiter,
    hasHeader: table.hasHeader,
    decimalComma: table.delimiter === ';',
    sha256: config.sha256,
    rows: dataset.n,
  };
}

/** The weights in PyTorch's layout under their state_dict keys, and the rows of each part of the split. */
function weightsNpz(source: ModelSource, dataset: Dataset): Uint8Array {
  const arrays: Record<string, NpyArray> = {};
  for (const { key, nodeId, param, transpose: flip } of stateDictKeys(source)) {
    const t = source.weights[nodeId]![param]!;
    arrays[key] = flip ? { shape: [t.shape[1]!, t.shape[0]!], data: transpose(t.data, t.shape[0]!, t.shape[1]!) } : { shape: t.shape, data: t.data };
  }
  const split = splitIndices(dataset, { ...DEFAULT_SPLIT, ...source.project.data.split }, source.project.training.seed);
  for (const part of ['train', 'validation', 'test'] as const) arrays[`split_${part}`] = { shape: [split[part].length], data: split[part] };
  return npz(arrays);
}
