/** `bprop trace`: the step-through's stages as JSON lines (or text), and its one-line refusals. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeProject } from '../../src/shared/project';
import { findTemplate } from '../../src/shared/templates';
import { chainGraph, makeProject, repoRoot } from '../helpers/projects';

function bprop(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/bprop.ts'), ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeProject(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bprop-trace-')), 'p.bprop');
  writeFileSync(file, text);
  return file;
}

const lecture = () => writeProject(serializeProject(findTemplate('l000-221-network-l2-backprop')!.build()));

describe('bprop trace', () => {
  it("--json: one object per stage in order, the lecture's Δ3 and losses, then done", () => {
    const r = bprop('trace', lecture(), '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.stage ?? 'done')).toEqual(['forward', 'forward', 'loss', 'backward', 'backward', 'update', 'update', 'done']);
    expect(lines[0]).toMatchObject({ stage: 'forward', node: 'hidden', x: [1, 2] });
    expect(lines[0].in[1]).toBeCloseTo(0.9, 6);
    expect(lines[2].value).toBeCloseTo(0.126138, 6);
    expect(lines[4].node).toBe('hidden');
    expect(lines[4].delta[0]).toBeCloseTo(-0.021919, 6);
    expect(lines[4].grads.kernel[1][0]).toBeCloseTo(-0.043838, 6); // ∂L/∂w23 = Δ3·x2
    expect(lines[6].after.kernel[0][0]).toBeCloseTo(0.73296, 6); // w35
    expect(lines[7]).toEqual({ done: true, lossAfter: expect.closeTo(0.110457, 6) });
  });

  it('prints the stages as text without --json', () => {
    const r = bprop('trace', lecture());
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('one training step on sample 0; SGD: w ← w − α·∂L/∂w, α = 0.5');
    expect(lines[3]).toBe('loss      loss  L = ½ Σ (y − ŷ)² = 0.126138  ŷ = [0.497729]  y = [1]');
    expect(lines[5]).toMatch(/^backward {2}hidden {2}Δ = \[-0\.021919, 0\.015482\]/);
    expect(lines.at(-1)).toBe('done      loss 0.126138 → 0.110457');
  });

  it('--json on a convolutional network: maps per channel, Δ maps, and filters as 2-D arrays', () => {
    const conv = writeProject(JSON.stringify(makeProject(
      chainGraph([['x', 'input'], ['c', 'conv2d', { filters: 2, kernelSize: 3 }], ['r', 'relu'], ['m', 'maxPool2d'], ['f', 'flatten'], ['o', 'dense', { units: 10 }], ['p', 'softmax'], ['L', 'crossEntropy']]),
      { dataset: 'digits', options: { image: 1 } },
    )));
    const r = bprop('trace', conv, '--json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.done ? 'done' : `${l.stage}:${l.node}`)).toEqual([
      'forward:c', 'forward:m', 'forward:o', 'loss:L', 'backward:o', 'backward:m', 'backward:c', 'update:c', 'update:o', 'done',
    ]);
    const dims = (m: unknown): number[] => (Array.isArray(m) ? [m.length, ...dims(m[0])] : []);
    const [fc, fm, , , , bm, bc, uc] = lines;
    // digits as 1×8×8 images; 2 filters 3×3 'valid' → 2×6×6; 2×2 max pooling → 2×3×3. One row.
    expect([dims(fc.maps.x), dims(fc.maps.in), dims(fc.maps.a)]).toEqual([[1, 1, 8, 8], [1, 2, 6, 6], [1, 2, 6, 6]]);
    expect(dims(fm.maps.a)).toEqual([1, 2, 3, 3]);
    expect([dims(bm.maps.delta), bm.grads]).toEqual([[1, 2, 3, 3], null]);
    expect([dims(bc.maps.delta), dims(bc.maps.dA), dims(bc.grads.filters), dims(bc.grads.bias)]).toEqual([[1, 2, 6, 6], [1, 2, 6, 6], [2, 1, 3, 3], [2]]);
    expect(bc.maps.delta.flat(3)).toEqual(bc.delta);
    expect([dims(uc.before.filters), dims(uc.after.filters)]).toEqual([[2, 1, 3, 3], [2, 1, 3, 3]]);
  });

  it('refuses a sample outside the training split and batch normalisation, in one line with exit 2', () => {
    const out = bprop('trace', lecture(), '--sample', '1');
    expect([out.code, out.stderr]).toEqual([2, 'bprop: cannot step through this network: sample 1 is not in the training split: it has 1 row, so the sample must be 0…0\n']);
    const bn = writeProject(JSON.stringify(makeProject(
      chainGraph([['x', 'input'], ['c', 'conv2d', { filters: 2, kernelSize: 3 }], ['bn', 'batchNorm'], ['f', 'flatten'], ['o', 'dense', { units: 10 }], ['p', 'softmax'], ['L', 'crossEntropy']]),
      { dataset: 'digits', options: { image: 1 } },
    )));
    const r = bprop('trace', bn, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^bprop: cannot step through this network: 'bn' is a .*: the step-through traces Dense, Conv2D and pooling layers.*\n$/);
    expect(bprop('trace', lecture(), '--rows', '0').stderr).toMatch(/--rows must be an integer from 1/);
  });
});
