/** The data module: built-in datasets, CSV import, splits, normalisation and target encoding. */
export * from './types';
export { loadBuiltinDataset } from './builtin';
export { builtinDatasets, builtinShapeInfo, findBuiltinDataset, resolveDatasetOptions } from '../../shared/data/catalog';
export type { BuiltinDatasetInfo, DatasetOptionSpec } from '../../shared/data/catalog';
export { csvToDataset, loadCsvDataset, MAX_CLASSES, parseCsv } from './csv';
export type { CsvSpec, CsvTable } from './csv';
export { compareClassNames, previewCsv, type CsvColumnInfo, type CsvPreview } from '../../shared/data/csv-preview';
export { isMissingCell, parseNumberCell } from '../../shared/data/csv-parse';
export { encodeTargets, type ClassTargetMode } from './encode';
export { applyNormalizer, fitNormalizer, invertNormalizer } from './normalize';
export { datasetShapeInfo, DEFAULT_NORMALIZE, DEFAULT_SPLIT, featureSizeOf, prepareData, validateDataset } from './prepare';
export type { PrepareConfig, ShapeInfo } from './prepare';
export { checkClassLabels, splitIndices, type SplitIndices } from './split';
