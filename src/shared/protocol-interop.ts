/**
 * Protocol messages for File › Export › ONNX… and PyTorch Script…: the engine host, which holds
 * the model's current weights and the data's normalisation and split, builds the files
 * (src/interop/host-export.ts) and sends their bytes back for the renderer to save.
 */

export type ModelExportFormat = 'onnx' | 'pytorch';

export interface ExportOptions {
  format: ModelExportFormat;
  /** The file name the user will be offered (train.py, iris.onnx); other files are named after it. */
  fileName: string;
}

export interface ExportedFile {
  name: string;
  bytes: Uint8Array;
}

export interface ExportedModel {
  type: 'modelExported';
  /** The main file first (the .onnx, or the script), then what goes beside it. */
  files: ExportedFile[];
  /** One line for the status bar, e.g. "opset 13, input 'iris' [batch, 4], output 'p'". */
  summary: string;
}

/** File › Export's request (see EngineRequests in protocol.ts). */
export interface ExportRequests {
  exportModel: { request: ExportOptions; response: ExportedModel };
}
