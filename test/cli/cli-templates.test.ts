/** `bprop templates` and `bprop new TEMPLATE-ID --out FILE`: listing, writing, then training the written file. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/shared/project';
import { allTemplates } from '../../src/shared/templates';
import { compGraphTemplates } from '../../src/shared/templates/compgraph';
import { compGraphLessonTemplates } from '../../src/shared/templates/compgraph-lessons';
import { repoRoot } from '../helpers/projects';

function bprop(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/bprop.ts'), ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmp = () => mkdtempSync(path.join(tmpdir(), 'bprop-new-'));

describe('bprop templates', () => {
  it('lists every template, lectures and their variants included, one per line', () => {
    const r = bprop('templates');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual([...allTemplates, ...compGraphTemplates, ...compGraphLessonTemplates].map((t) => t.id));
    expect(lines.find((l) => l.startsWith('l002-autodiff-example2 '))).toMatch(/^l002-autodiff-example2\s+graphs\s+.*\(computational graph\)$/);
    expect(lines.find((l) => l.startsWith('l000-turn-detector '))).toMatch(/^l000-turn-detector\s+lectures\s+Turn Detector: one 3×3 kernel$/);
    expect(lines.find((l) => l.startsWith('l004-perceptron-threshold-rule-xor '))).toMatch(/variant of l004-perceptron-threshold-rule\s+Perceptron rule on XOR$/);
    expect(lines.find((l) => l.startsWith('xor-mlp '))).toMatch(/^xor-mlp\s+templates\s+XOR with a Hidden Layer$/);
  });

  it('--json prints one object per template', () => {
    const r = bprop('templates', '--json');
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.find((x) => x.id === 'l003-xor-relu-network')).toEqual({
      id: 'l003-xor-relu-network', group: 'lectures', label: 'XOR by Hand: two ReLU units', description: expect.any(String), example: 'L003-xor-relu-network',
    });
    expect(rows.find((x) => x.id === 'l003-xor-relu-network-sigmoid')).toMatchObject({ group: 'variant', variantOf: 'l003-xor-relu-network' });
  });
});

describe('bprop new', () => {
  it('writes a computational-graph template that bprop grad evaluates to the lecture numbers', () => {
    const file = path.join(tmp(), 'example2.bprop');
    const r = bprop('new', 'l002-autodiff-example2', '--out', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).kind).toBe('computationalGraph');
    const grad = bprop('grad', file, '--json');
    expect(grad.code).toBe(0);
    const out = JSON.parse(grad.stdout) as { g: number; variables: Record<string, { reverse: number }> };
    expect(out.g).toBeCloseTo(Math.log(81), 9);
    expect(out.variables.theta1!.reverse).toBeCloseTo(-4 / 3, 9);
    expect(out.variables.theta2!.reverse).toBeCloseTo(-8 / 3, 9);
  });

  it('writes a lecture template as a project that opens on its lecture and trains', () => {
    const out = path.join(tmp(), 'perceptron.bprop');
    const r = bprop('new', 'l004-perceptron-threshold-rule', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote ${out}: Perceptron Rule: AND, OR and XOR (4 nodes)\n`);
    const project = parseProject(readFileSync(out, 'utf8'));
    expect(project.ui).toEqual({ lecture: 'l004-perceptron-threshold-rule' });
    expect(project.data).toMatchObject({ dataset: 'truthAnd' });
    const trained = bprop('train', out, '--json');
    expect(trained.code).toBe(0);
    const done = JSON.parse(trained.stdout.trim().split('\n').at(-1)!);
    expect(done).toMatchObject({ done: true, epochs: 6 });
  });

  it('writes hand-set weights (the turn detector kernel) that eval reads back', () => {
    const out = path.join(tmp(), 'turn.bprop');
    expect(bprop('new', 'l000-turn-detector', '--out', out).code).toBe(0);
    const r = bprop('eval', out, '--json');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout.trim().split('\n')[0]!)).toMatchObject({ train: { samples: 4, loss: 0 } }); // the kernel scores 3, 2, 1, 1 exactly
  });

  it('refuses an unknown id with a suggestion, and a missing --out, with exit code 2', () => {
    const wrong = bprop('new', 'l000-turn-detecter', '--out', path.join(tmp(), 'x.bprop'));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe("bprop: no template 'l000-turn-detecter' (did you mean 'l000-turn-detector'?); bprop templates lists them\n");
    const noOut = bprop('new', 'xor-mlp');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/^bprop: usage: bprop new TEMPLATE-ID --out FILE\.bprop/);
  });
});
