/**
 * Project → ONNX model (opset 13, or 17 when a node needs it). The model takes RAW features:
 * the project's normalisation (z-score or min–max, with the training split's statistics) is
 * its first two nodes. The batch dimension is dynamic. Every node is checked before anything
 * is built, so a node that cannot be exported is named in one error and nothing is written.
 */
import { GraphError } from '../../shared/graph-types';
import type { NodeType } from '../../shared/nodes';
import { identifier, planModel, type ModelSource } from '../source';
import { OnnxGraphBuilder, onnx, tensorInfo, type ModelProto } from './builder';
import { isGraphInput, isLoss, isUnsupported, onnxExporters, type OnnxExporter, type OnnxExporterTable } from './exporters';
import { exportMetadata } from './metadata';

export const BASE_OPSET = 13;
/** IR version by opset: the oldest IR that carries it, for the widest support. */
const IR_FOR_OPSET: Record<number, number> = { 13: 7, 14: 7, 15: 8, 16: 8, 17: 8 };
export const PRODUCER = 'Backprop Studio';

export class OnnxExportError extends GraphError {}

export interface OnnxExportResult {
  bytes: Uint8Array;
  opset: number;
  inputName: string;
  /** Graph output names: the ids of the nodes the losses read. */
  outputNames: string[];
}

export function exportOnnx(source: ModelSource, table: OnnxExporterTable = onnxExporters): OnnxExportResult {
  const plan = planModel(source);
  const rules = plan.layers.map((n) => ({ node: n, rule: table[n.type] }));
  const refused = rules.filter(({ rule }) => isUnsupported(rule));
  if (refused.length > 0) {
    throw new OnnxExportError(
      refused.map(({ node, rule }) => ({
        nodeId: node.id,
        message: `${node.spec.label} '${node.id}' cannot be exported to ONNX: ${(rule as { unsupported: string }).unsupported}`,
        help: 'remove or replace the node, then export again',
      })),
    );
  }
  const b = new OnnxGraphBuilder();
  const inputName = b.name(identifier(source.dataName, 'features'));
  let opset = BASE_OPSET;
  /** node id → the name of its value in the ONNX graph. */
  const valueOf = new Map<string, string>();
  for (const { node, rule } of rules) {
    if (isLoss(rule)) continue;
    if (isGraphInput(rule)) {
      valueOf.set(node.id, emitNormalization(b, source, inputName, node.id));
      continue;
    }
    const output = b.name(node.id);
    valueOf.set(node.id, output);
    const exporter = rule as OnnxExporter<NodeType>;
    opset = Math.max(opset, exporter.opset ?? BASE_OPSET);
    const inputs = node.inputs.map((id) => valueOf.get(id)!);
    exporter.emit({ node, params: node.params as never, inputs, output, weights: source.weights[node.id] ?? {}, b });
  }
  // A graph output must be produced by a node: one read straight from the input gets an Identity.
  const outputNames = plan.outputs.map((id) => {
    const value = valueOf.get(id)!;
    if (value !== inputName) return value;
    const named = b.name(`${id}_output`);
    b.node('Identity', [value], [named]);
    return named;
  });
  const model: ModelProto = {
    irVersion: IR_FOR_OPSET[opset] ?? 8,
    opsetImport: [{ domain: '', version: opset }],
    producerName: PRODUCER,
    producerVersion: '1',
    docString: `${source.project.name}, exported from ${PRODUCER}. Takes raw features; normalisation is the first nodes.`,
    graph: {
      name: identifier(source.project.name, 'model'),
      node: b.nodes,
      initializer: b.initializers,
      input: [tensorInfo(inputName, source.featureShape)],
      output: outputNames.map((name, k) => tensorInfo(name, plan.byId.get(plan.outputs[k]!)!.shape!)),
    },
    metadataProps: exportMetadata(source, plan),
  };
  return { bytes: onnx.ModelProto.encode(onnx.ModelProto.fromObject(model)).finish(), opset, inputName, outputNames };
}

/**
 * (x − offset)·scale as Sub and Mul with per-feature constants. Returns the value the input
 * node stands for: the normalised features, or the graph input itself without normalisation.
 */
function emitNormalization(b: OnnxGraphBuilder, source: ModelSource, inputName: string, inputId: string): string {
  const { mode, offset, scale } = source.normalizer;
  if (mode === 'none') return inputName;
  const centred = b.name(`${inputId}/centred`);
  const output = b.name(inputId);
  b.node('Sub', [inputName, b.floats(NORMALIZATION_OFFSET, source.featureShape, offset)], [centred], {}, `normalize_${mode}_offset`);
  b.node('Mul', [centred, b.floats(NORMALIZATION_SCALE, source.featureShape, scale)], [output], {}, `normalize_${mode}_scale`);
  return output;
}

/** Initialiser names of the normalisation constants (the import recognises them). */
export const NORMALIZATION_OFFSET = 'normalization.offset';
export const NORMALIZATION_SCALE = 'normalization.scale';
