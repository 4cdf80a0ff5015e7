/**
 * ONNX import: PyTorch's own exports (fixtures made by tools/onnx/make_fixtures.py with
 * torch.onnx.export) become graphs whose forward pass equals PyTorch's outputs; unsupported
 * operators are listed by name and node; our export → import → export round trip keeps the
 * outputs, the losses, the data and the layout.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile';
import { weightsFromProject } from '../../src/engine/session';
import { exportOnnx } from '../../src/interop/onnx/export';
import { importOnnx, OnnxImportError } from '../../src/interop/onnx/import';
import { validateGraph } from '../../src/shared/graph';
import { findTemplate, templates } from '../../src/shared/templates';
import { repoRoot } from '../helpers/projects';
import { checkRows, compileProject, engineOutputs, maxRelativeError, runOnnx } from './helpers';

const fixture = (name: string) => ({
  bytes: new Uint8Array(readFileSync(path.join(repoRoot, 'test/fixtures/onnx', `${name}.onnx`))),
  sample: JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/onnx', `${name}.json`), 'utf8')) as { shape: number[]; x: number[]; y: number[]; rows: number },
});

describe('importing models exported by torch.onnx.export', () => {
  it.each([
    ['mlp_softmax', 'crossEntropy', 'iris'],
    ['mlp_sigmoid', 'binaryCrossEntropy', undefined],
    ['regression', 'mse', 'linear'],
    ['cnn', 'nll', 'digits'],
    ['residual', 'mse', undefined],
  ] as const)('%s: the same outputs as PyTorch, loss %s suggested', (name, loss, dataset) => {
    const { bytes, sample } = fixture(name);
    const { project, losses } = importOnnx(bytes, `${name}.onnx`);
    expect(losses.map((l) => l.type)).toEqual([loss]);
    if (dataset) expect((project.data as { dataset: string }).dataset).toBe(dataset);
    const outputs = sample.y.length / sample.rows;
    const classes = loss !== 'mse';
    const model = compileModel(project.graph, {
      dataShape: sample.shape,
      batchSize: sample.rows,
      task: classes ? 'classification' : 'regression',
      numClasses: classes ? Math.max(outputs, 2) : 0,
      targetSize: classes ? 1 : outputs,
      seed: 1,
      weights: weightsFromProject(project.weights),
    });
    const output = project.graph.edges.find((e) => e.target === losses[0]!.nodeId)!.source;
    const ours = engineOutputs(model, Float32Array.from(sample.x), sample.rows, [output]).get(output)!;
    const err = maxRelativeError(ours, Float32Array.from(sample.y));
    console.log(`onnx import ${name}: max error against PyTorch ${err.toExponential(2)}`);
    expect(err).toBeLessThan(1e-5);
    // Laid out left to right: every edge goes to a column further right.
    const x = new Map(project.graph.nodes.map((n) => [n.id, n.position.x]));
    for (const e of project.graph.edges) expect(x.get(e.target)!).toBeGreaterThan(x.get(e.source)!);
  });

  it('lists every unsupported operator by name and node, and imports nothing', () => {
    const { bytes } = fixture('unsupported');
    let error: unknown;
    try {
      importOnnx(bytes, 'unsupported.onnx');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OnnxImportError);
    const { unsupported, message } = error as OnnxImportError;
    expect(unsupported.map((u) => u.op)).toEqual(['Abs', 'Gemm', 'Exp']);
    expect(message).toMatch(/^unsupported\.onnx cannot be imported, nothing was opened:/);
    expect(message).toContain("Abs (node '/Abs'): Backprop Studio has no node for this operator");
    expect(message).toContain("Gemm (node '/fc/Gemm'): its input '/Abs_output_0' comes from an operator that cannot be imported");
    expect(message).toContain("Exp (node '/Exp'): Backprop Studio has no node for this operator");
  });

  it('says what is wrong with a file that is not ONNX', () => {
    expect(() => importOnnx(new TextEncoder().encode('{"format": "backprop-studio"}'), 'oops.onnx')).toThrow(/oops\.onnx (is not an ONNX model|has no graph)/);
  });
});

describe('round trip: export → import → export', () => {
  it.each(templates.map((t) => [t.id] as const))('%s keeps its outputs, losses, data and layout', async (id) => {
    const project = findTemplate(id)!.build();
    const first = await compileProject(project, 3);
    const exported = exportOnnx(first.source);
    const { project: imported, restored } = importOnnx(exported.bytes, `${id}.onnx`);
    expect(restored).toBe(true);
    expect(imported.data).toEqual(project.data);
    expect(imported.training).toEqual(project.training);
    const byId = (g: typeof project.graph) => Object.fromEntries(g.nodes.map((n) => [n.id, { type: n.type, position: n.position, params: n.params, label: n.label }]));
    expect(byId(imported.graph)).toEqual(byId(project.graph));
    validateGraph(imported.graph, { dataShape: first.source.featureShape, numClasses: first.source.numClasses, task: first.source.task, targetSize: first.source.targetSize });
    const second = await compileProject(imported);
    const again = exportOnnx(second.source);
    const rows = checkRows(project, first.data, 200);
    const a = await runOnnx(exported.bytes, exported.inputName, rows.raw, rows.rows, first.source.featureShape);
    const b = await runOnnx(again.bytes, again.inputName, rows.raw, rows.rows, first.source.featureShape);
    expect(again.outputNames).toEqual(exported.outputNames);
    for (const name of exported.outputNames) expect(maxRelativeError(b[name]!, a[name]!)).toBe(0);
    // And our engine agrees with itself on the imported project.
    const ours = engineOutputs(second.model, rows.normalized, rows.rows, exported.outputNames);
    for (const name of exported.outputNames) expect(maxRelativeError(ours.get(name)!, a[name]!)).toBeLessThan(1e-5);
  });
});
