/** Random DAGs over every exportable node type: onnxruntime's outputs equal our forward pass. */
import { afterAll, describe, expect, it } from 'vitest';
import { exportOnnx, OnnxExportError } from '../../src/interop/onnx/export';
import { onnxExporters } from '../../src/interop/onnx/exporters';
import { engineOutputs, maxRelativeError, runOnnx } from './helpers';
import { randomGraph, randomModel } from './random-graphs';

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);
let worst = 0;
afterAll(() => console.log(`onnx random graphs: max error ${worst.toExponential(2)} over ${SEEDS.length} graphs`));

describe('ONNX export of random graphs, checked by onnxruntime', () => {
  it('the random graphs cover every node type ONNX can express', () => {
    const seen = new Set(SEEDS.flatMap((s) => randomGraph(s).graph.nodes.map((n) => n.type)));
    const expressible = Object.keys(onnxExporters).filter((t) => !['mse', 'mae', 'binaryCrossEntropy', 'crossEntropy', 'nll', 'hinge'].includes(t));
    expect(expressible.filter((t) => !seen.has(t))).toEqual([]);
  });

  it.each(SEEDS)('seed %i', async (seed) => {
    const { source, model, raw, normalized, rows } = randomModel(seed);
    const exported = exportOnnx(source);
    const ours = engineOutputs(model, normalized, rows, exported.outputNames);
    const theirs = await runOnnx(exported.bytes, exported.inputName, raw, rows, source.featureShape);
    for (const name of exported.outputNames) {
      const err = maxRelativeError(theirs[name]!, ours.get(name)!);
      worst = Math.max(worst, err);
      expect(err, `${name} of ${source.project.graph.nodes.map((n) => n.type).join(' ')}`).toBeLessThan(1e-5);
    }
  });

  it('names every node that cannot be exported, before writing anything', () => {
    const { source } = randomModel(3);
    const table = { ...onnxExporters, dense: { unsupported: 'this test pretends Dense has no ONNX operator' } };
    const dense = source.project.graph.nodes.filter((n) => n.type === 'dense').map((n) => n.id);
    try {
      exportOnnx(source, table);
      expect.unreachable('the export should have failed');
    } catch (e) {
      expect(e).toBeInstanceOf(OnnxExportError);
      expect((e as OnnxExportError).issues.map((i) => i.nodeId)).toEqual(dense);
      expect((e as Error).message).toContain(`Dense '${dense[0]}' cannot be exported to ONNX: this test pretends`);
    }
  });
});
