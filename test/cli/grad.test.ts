/** `bprop grad`: the JSON contract, --at overrides, and one-line errors with exit code 2. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { templateFileText } from '../../src/shared/templates/files';
import { repoRoot } from '../helpers/projects';

function bprop(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/bprop.ts'), ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(path.join(tmpdir(), 'bprop-grad-'));
function templateFile(id: string, mutate?: (json: Record<string, any>) => void): string {
  const json = JSON.parse(templateFileText(id)!);
  mutate?.(json);
  const file = path.join(dir, `${id}-${Math.random().toString(36).slice(2)}.bprop`);
  writeFileSync(file, JSON.stringify(json));
  return file;
}

describe('bprop grad', () => {
  it('--json prints g, each variable by reverse mode, forward mode and central differences, and the passes (example 1)', () => {
    const r = bprop('grad', templateFile('l002-autodiff-example1'), '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['g', 'variables', 'passes']);
    expect(out.g).toBe(2);
    expect(Object.keys(out.variables)).toEqual(['theta1', 'theta2', 'theta3']);
    expect(out.variables.theta2).toMatchObject({ value: -1, reverse: -4, forward: -4 });
    expect(Object.keys(out.variables.theta2)).toEqual(['value', 'reverse', 'forward', 'central']);
    [2, -4, -2].forEach((v, i) => expect(Math.abs(out.variables[`theta${i + 1}`].central - v)).toBeLessThan(1e-9));
    expect(out.passes).toEqual({ reverse: 1, forward: 3 });
  });

  it('example 2: g = ln 81 and ∇g = (−4/3, −8/3, 0); central differences with the file\'s h = 1e−6 agree', () => {
    const out = JSON.parse(bprop('grad', templateFile('l002-autodiff-example2'), '--json').stdout);
    expect(out.g).toBeCloseTo(Math.log(81), 12);
    [-4 / 3, -8 / 3, 0].forEach((v, i) => {
      expect(out.variables[`theta${i + 1}`].reverse).toBeCloseTo(v, 12);
      expect(Math.abs(out.variables[`theta${i + 1}`].central - v)).toBeLessThan(1e-6);
    });
  });

  it('--at overrides variables (example 3 at (1, 1, 0, 1), both --at x=v and --at=x=v)', () => {
    const r = bprop('grad', templateFile('l002-autodiff-example3'), '--at', 'w=1', '--at=x=1', '--at', 'b=0', '--at', 'ystar=1', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Math.abs(out.g - 2.952492)).toBeLessThan(1e-6);
    expect(Math.abs(out.variables.w.reverse - 9.341549)).toBeLessThan(1e-6);
    expect(out.variables.w.value).toBe(1);
    expect(out.passes).toEqual({ reverse: 1, forward: 4 });
  });

  it('prints a table without --json', () => {
    const r = bprop('grad', templateFile('l002-autodiff-example1'), '--h', '0.001');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^g = 2\n/);
    expect(r.stdout).toMatch(/theta2\s+-1\s+-4\s+-4\s+-4/);
    expect(r.stdout).toMatch(/passes: reverse mode 1 .* forward mode 3/);
  });

  it.each([
    [['--at', 'zz=1'], /^bprop: invalid graph: graph: there is no variable named 'zz'/],
    [['--at', 'theta1'], /^bprop: --at takes name=value/],
    [['--h', '0'], /^bprop: --h must be a number in \(0, 1\]/],
    [['--frobnicate'], /^bprop: unknown option --frobnicate/],
  ])('refuses %j with exit code 2 and one line', (extra, message) => {
    const r = bprop('grad', templateFile('l002-autodiff-example1'), ...(extra as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names the node and the column of a bad expression, the block whose value is not finite, and refuses a network', () => {
    const bad = bprop('grad', templateFile('l002-autodiff-example1', (j) => (j.graph.nodes[6].params.expression = 'x1 + 2**x2')));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/graph\.nodes\[6\]\.params\.expression: node 'f4': expected a number, an input or \( but found '\*' at column 8/);
    const log0 = bprop('grad', templateFile('l002-autodiff-example2'), '--at', 'theta1=4', '--at', 'theta2=-2');
    expect(log0.code).toBe(2);
    expect(log0.stderr).toMatch(/node 'f4' \(Log\): its value is -Infinity for the input 0/);
    const network = bprop('grad', path.join(repoRoot, 'examples', 'xor-mlp.bprop'));
    expect(network.code).toBe(2);
    expect(network.stderr).toMatch(/this is a network project; bprop grad evaluates computational graphs/);
  });
});
