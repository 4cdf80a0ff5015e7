/** The data module: built-in datasets, CSV import, splits, normalisation and target encoding. */
export * from './types';
export { builtinDatasets, builtinShapeInfo, findBuiltinDataset, loadBuiltinDataset, resolveDatasetOptions } from './builtin';
export type { BuiltinDatasetInfo, DatasetOptionSpec } from './catalog';
export { compareClassNames, csvToDataset, loadCsvDataset, MAX_CLASSES, parseCsv, previewCsv } from './csv';
export type { CsvColumnInfo, CsvPreview, CsvSpec, CsvTable } from './csv';
export { isMissingCell, parseNumberCell } from './csv-parse';
export { encodeTargets, type ClassTargetMode } from './encode';
export { applyNormalizer, fitNormalizer, invertNormalizer } from './normalize';
export { datasetShapeInfo, DEFAULT_NORMALIZE, DEFAULT_SPLIT, featureSizeOf, prepareData, validateDataset } from './prepare';
export type { PrepareConfig, ShapeInfo } from './prepare';
export { checkClassLabels, splitIndices, type SplitIndices } from './split';
