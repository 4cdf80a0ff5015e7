/**
 * The engine host's side of File › Export: ONNX or a PyTorch script from the loaded project,
 * its model's current weights and its prepared data (normalisation, split, rows). A CSV
 * project's data is copied beside the script (the host does not know where the project lives).
 */
import type { PreparedData } from '../engine/data/types';
import type { Model } from '../engine/model';
import type { Project } from '../shared/project-types';
import type { ExportedModel, ExportOptions } from '../shared/protocol-interop';
import { exportOnnx } from './onnx/export';
import { exportPytorch } from './pytorch/export';
import { modelSourceOf } from './source';

/** The answer to 'exportModel' (the host adds the requestId). */
export function exportModel(request: ExportOptions, project: Project, data: PreparedData, model: Model, csvText?: string): ExportedModel {
  const source = modelSourceOf(project, data, model);
  if (request.format === 'onnx') {
    const result = exportOnnx(source);
    const shape = `[batch, ${source.featureShape.join(', ')}]`;
    return {
      type: 'modelExported',
      files: [{ name: request.fileName, bytes: result.bytes }],
      summary: `opset ${result.opset}, input '${result.inputName}' ${shape} (raw features), output${result.outputNames.length > 1 ? 's' : ''} ${result.outputNames.map((n) => `'${n}'`).join(', ')}`,
    };
  }
  const files = exportPytorch(source, data.dataset, { scriptName: request.fileName, ...(csvText !== undefined ? { csv: { text: csvText } } : {}) });
  return { type: 'modelExported', files, summary: files.map((f) => f.name).join(', ') };
}
