/** `bprop export` and `bprop import`: the files they write, and their one-line errors (exit 2). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/shared/project';
import { repoRoot } from '../helpers/projects';
import { runOnnx } from './helpers';

function bprop(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/bprop.ts'), ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmp = () => mkdtempSync(path.join(tmpdir(), 'bprop-interop-'));

describe('bprop export', () => {
  it('--onnx and --pytorch write the model, the script, its weights and the data', async () => {
    const dir = tmp();
    const r = bprop('export', path.join(repoRoot, 'examples/iris.bprop'), '--onnx', path.join(dir, 'iris.onnx'), '--pytorch', path.join(dir, 'py', 'train.py'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/iris\.onnx: opset 13, input 'iris' \[batch, 4\] \(raw features\), outputs 'p'/);
    expect(readdirSync(path.join(dir, 'py')).sort()).toEqual(['iris.csv', 'train.py', 'train_weights.npz']);
    const script = readFileSync(path.join(dir, 'py', 'train.py'), 'utf8');
    expect(script).toContain('class Net(nn.Module):');
    expect(script).toContain('torch.optim.Adam(');
    const csv = readFileSync(path.join(dir, 'py', 'iris.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(151);
    // The ONNX model runs and gives probabilities for raw measurements.
    const out = await runOnnx(new Uint8Array(readFileSync(path.join(dir, 'iris.onnx'))), 'iris', Float32Array.of(5.1, 3.5, 1.4, 0.2), 1, [4]);
    expect(out.p!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('needs a format, and reports a bad project in one line', () => {
    expect(bprop('export', path.join(repoRoot, 'examples/iris.bprop'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/usage: bprop export FILE/) });
    expect(bprop('export', 'missing.bprop', '--onnx', 'x.onnx')).toMatchObject({ code: 2, stderr: 'bprop: missing.bprop: file not found\n' });
  });
});

describe('bprop import', () => {
  it('turns a torch.onnx.export model into a project that trains', () => {
    const out = path.join(tmp(), 'cnn.bprop');
    const r = bprop('import', path.join(repoRoot, 'test/fixtures/onnx/cnn.onnx'), '--out', out);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/wrote .*cnn\.bprop: 11 nodes, nll on 'loss' \(suggested loss\); data: dataset 'digits'/);
    const project = parseProject(readFileSync(out, 'utf8'), 'cnn.bprop');
    expect(project.graph.nodes.map((n) => n.type)).toEqual(['input', 'conv2d', 'relu', 'maxPool2d', 'conv2d', 'sigmoid', 'avgPool2d', 'flatten', 'dense', 'logSoftmax', 'nll']);
    expect(Object.keys(project.weights!).sort()).toEqual(['conv2d1', 'conv2d2', 'dense1']);
    const trained = bprop('train', out, '--epochs', '1', '--json');
    expect(trained.code).toBe(0);
  });

  it('lists the unsupported operators and writes nothing', () => {
    const out = path.join(tmp(), 'u.bprop');
    const r = bprop('import', path.join(repoRoot, 'test/fixtures/onnx/unsupported.onnx'), '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bprop: unsupported\.onnx cannot be imported, nothing was opened: Abs \(node '\/Abs'\): .* Exp \(node '\/Exp'\)/);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(existsSync(out)).toBe(false);
  });
});
