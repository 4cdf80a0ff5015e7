/**
 * Graph analysis for the editor: shapes and issues from `analyzeGraph`, with the ShapeContext
 * of the chosen data. Memoised on the identity of the graph, the data and the CSV, so every
 * component can ask for it on every render.
 */
import { builtinShapeInfo } from '../../../shared/data/catalog';
import { analyzeGraph, type GraphAnalysis } from '../../../shared/graph';
import type { Graph } from '../../../shared/graph-types';
import type { ShapeContext } from '../../../shared/nodes/types';
import { isCsvData, type DataConfig } from '../../../shared/project-types';
import { csvShapeContext } from './csv-info';
import type { LoadedCsv } from './types';

/** What shape inference knows about the data; empty when the data cannot be described (e.g. an unknown dataset). */
export function shapeContextFor(data: DataConfig, csv: LoadedCsv | null): ShapeContext {
  if (isCsvData(data)) return csvShapeContext(data, csv);
  try {
    return builtinShapeInfo(data.dataset, data.options);
  } catch {
    return {};
  }
}

export interface ProjectAnalysis {
  ctx: ShapeContext;
  analysis: GraphAnalysis;
}

let last: { graph: Graph; data: DataConfig; csv: LoadedCsv | null; result: ProjectAnalysis } | null = null;

export function analyzeProjectGraph(graph: Graph, data: DataConfig, csv: LoadedCsv | null): ProjectAnalysis {
  if (last && last.graph === graph && last.data === data && last.csv === csv) return last.result;
  const ctx = shapeContextFor(data, csv);
  const result = { ctx, analysis: analyzeGraph(graph, ctx) };
  last = { graph, data, csv, result };
  return result;
}
