/**
 * Every template, exported to ONNX and run by onnxruntime (the real runtime, not our reading of
 * the format): its outputs equal our engine's forward pass on the held-out rows within 1e-5.
 */
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../../src/interop/onnx/export';
import { templates } from '../../src/shared/templates';
import { checkRows, compileProject, engineOutputs, maxRelativeError, runOnnx } from './helpers';

describe('ONNX export of every template, checked by onnxruntime', () => {
  it.each(templates.map((t) => [t.id, t] as const))('%s, after 5 training steps', async (_id, template) => {
    const project = template.build();
    const { source, data, model } = await compileProject(project, 5);
    const exported = exportOnnx(source);
    expect(exported.opset).toBeGreaterThanOrEqual(13);
    const rows = checkRows(project, data, 300);
    const ours = engineOutputs(model, rows.normalized, rows.rows, exported.outputNames);
    const theirs = await runOnnx(exported.bytes, exported.inputName, rows.raw, rows.rows, source.featureShape);
    for (const name of exported.outputNames) {
      const err = maxRelativeError(theirs[name]!, ours.get(name)!);
      console.log(`onnx ${template.id} ${name} (${rows.part}, ${rows.rows} rows): max error ${err.toExponential(2)}`);
      expect(err).toBeLessThan(1e-5);
    }
  });
});
