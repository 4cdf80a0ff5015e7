/** `bprop lesson`: a lesson's goals checked headless — answers at the saved weights, then a training run. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectDataSource } from '../../src/cli/project-file';
import { createTrainer, prepareProjectData, weightsToProject } from '../../src/engine/session';
import { serializeCompGraphProject } from '../../src/shared/compgraph/project-file';
import { serializeProject } from '../../src/shared/project';
import type { Project } from '../../src/shared/project-types';
import { findCompGraphLesson, findTemplate } from '../../src/shared/templates';
import { repoRoot } from '../helpers/projects';

function bprop(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/bprop.ts'), ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(project: Project): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bprop-lesson-')), 'lesson.bprop');
  writeFileSync(file, serializeProject(project));
  return file;
}

/** The XOR lesson with saved weights and an answer goal on the output bias's gradient; also that gradient. */
async function withAnswerGoal(): Promise<{ project: Project; gradient: number }> {
  const start = findTemplate('xor-hidden-layer')!.build();
  const data = await prepareProjectData(start, projectDataSource(`${repoRoot}/examples/x.bprop`));
  const trainer = createTrainer(start, data);
  const gradient = trainer.gradientCheck('out', 'bias', 0.01, 1).entries[0]!.backprop;
  const lesson = start.lesson!;
  const project: Project = {
    ...start,
    weights: weightsToProject(trainer.model),
    lesson: { ...lesson, goals: [...lesson.goals, { kind: 'answer', prompt: 'δ of the output?', quantity: { kind: 'gradient', node: 'out', param: 'bias', index: 0 }, tolerance: 1e-4 }] },
  };
  return { project, gradient };
}

const answered = (project: Project, answer: number): Project => ({
  ...project,
  lesson: { ...project.lesson!, goals: project.lesson!.goals.map((g) => (g.kind === 'answer' ? { ...g, answer } : g)) },
});

describe('bprop lesson', () => {
  it('--json: the starting network fails the run goals, meets the budget, and a right answer passes', async () => {
    const { project, gradient } = await withAnswerGoal();
    const r = bprop('lesson', write(answered(project, Number(gradient.toPrecision(6)))), '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { lesson: string; goals: { kind: string; passed: boolean; detail: string }[]; passed: number; total: number };
    expect(out.lesson).toBe('XOR needs a hidden layer');
    expect(out.goals.map((g) => [g.kind, g.passed])).toEqual([['metric', false], ['lossWithin', false], ['parameters', true], ['answer', true]]);
    expect(out.goals[2]!.detail).toBe('now 3');
    expect(out.goals[3]!.detail).toMatch(/^the engine computes /);
    expect([out.passed, out.total]).toEqual([2, 4]);
  });

  it('a wrong answer fails; the text output says so', async () => {
    const { project, gradient } = await withAnswerGoal();
    const r = bprop('lesson', write(answered(project, gradient + 0.01)));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("failed  Answer: ∂L/∂bias[0] of 'out' — ");
    expect(r.stdout).toContain('1 of 4 goals passed');
  });

  it('a project without a lesson is refused with exit code 2', () => {
    const r = bprop('lesson', path.join(repoRoot, 'examples', 'iris.bprop'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`bprop: ${path.join(repoRoot, 'examples', 'iris.bprop')}: the project has no lesson\n`);
  });

  it('a computational graph\'s lesson: answers checked against reverse mode (∇g for example 2)', () => {
    const start = findCompGraphLesson('autodiff-example2-gradient')!.build();
    const answers = [-1.3333, 2.6667, 0]; // θ₂ with the wrong sign
    const project = { ...start, lesson: { ...start.lesson!, goals: start.lesson!.goals.map((g, i) => (g.kind === 'answer' ? { ...g, answer: answers[i]! } : g)) } };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'bprop-lesson-')), 'grad.bprop');
    writeFileSync(file, serializeCompGraphProject(project));
    const r = bprop('lesson', file, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { lesson: string; goals: { goal: string; passed: boolean; detail: string }[]; passed: number; total: number };
    expect(out.lesson).toBe('Compute ∇g for example 2 by hand');
    expect(out.goals.map((g) => [g.goal, g.passed])).toEqual([['∂g/∂θ₁', true], ['∂g/∂θ₂', false], ['∂g/∂θ₃', true]]);
    expect(out.goals[1]!.detail).toBe('2.667 is not it yet');
    expect([out.passed, out.total]).toEqual([2, 3]);
  });
});
