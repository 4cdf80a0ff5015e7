/**
 * Lessons on computational graphs (src/shared/compgraph/lesson.ts): the shipped "∇g for example 2"
 * lesson round-trips through the file format; answers are checked against reverse mode (the
 * worked example's −4/3, −8/3, 0 pass; a wrong sign or a slip fails); bad lessons are refused
 * naming the field; the graph lock gives its reason.
 */
import { describe, expect, it } from 'vitest';
import { compGraphAnswerReference, compGraphLockReason } from '../../../src/shared/compgraph/lesson';
import { parseAnyProject } from '../../../src/shared/compgraph/any-project';
import { serializeCompGraphProject, validateCompGraphProject } from '../../../src/shared/compgraph/project-file';
import type { CompGraphProject } from '../../../src/shared/compgraph/types';
import { evaluateGoal } from '../../../src/shared/lesson-goals';
import type { AnswerGoal } from '../../../src/shared/lesson-types';
import type { Json } from '../../../src/shared/project-fields';
import { compGraphLessonTemplates, findCompGraphLesson } from '../../../src/shared/templates';

const lessonProject = (): CompGraphProject => findCompGraphLesson('autodiff-example2-gradient')!.build();
const noRun = { epochs: [], test: null, parameters: null };

function refusal(change: (lesson: Json) => void): string {
  const json = JSON.parse(serializeCompGraphProject(lessonProject())) as Json;
  change(json.lesson as Json);
  try {
    validateCompGraphProject(json);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('not refused');
}

describe('computational-graph lessons', () => {
  it('ship "compute ∇g for example 2" as a valid file that round-trips with its lesson', () => {
    expect(compGraphLessonTemplates.map((t) => t.id)).toContain('autodiff-example2-gradient');
    const text = serializeCompGraphProject(lessonProject());
    const opened = parseAnyProject(text);
    expect(opened.kind).toBe('computationalGraph');
    expect(opened.project).toEqual(lessonProject());
    expect(lessonProject().lesson!.instructions).toContain('## What to do');
  });

  it('checks ∂g/∂θ₁, ∂g/∂θ₂, ∂g/∂θ₃ against reverse mode: −4/3, −8/3, 0 pass; wrong answers fail', () => {
    const project = lessonProject();
    const goals = project.lesson!.goals as AnswerGoal[];
    const references = goals.map((g) => compGraphAnswerReference(project.graph, g.quantity));
    expect(references.map((r) => (r as { value: number }).value)).toEqual([expect.closeTo(-4 / 3, 12), expect.closeTo(-8 / 3, 12), expect.closeTo(0, 12)]);
    const check = (i: number, answer: number) => evaluateGoal({ ...goals[i]!, answer }, noRun, references[i]!).passed;
    expect([check(0, -1.3333), check(1, -2.6667), check(2, 0)]).toEqual([true, true, true]);
    expect([check(0, 1.3333), check(1, 2.6667), check(1, -2.4444), check(2, 0.01)]).toEqual([false, false, false, false]);
    expect(evaluateGoal(goals[0]!, noRun, null).detail).toBe('no answer yet');
  });

  it('the reference follows the graph: another θ gives another gradient, a graph that cannot run gives the reason', () => {
    const project = lessonProject();
    const moved = { ...project.graph, nodes: project.graph.nodes.map((n) => (n.id === 'theta3' ? { ...n, params: { ...n.params, value: 2 } } : n)) };
    // θ = (1, −2, 2): g = 2 ln(f₁ + 2f₂) with f₁ = 9, f₂ = 4, so ∂g/∂f₂ = 4/17 and ∂f₂/∂θ₃ = 4(θ₂ + 2θ₃) = 8: 32/17.
    expect(compGraphAnswerReference(moved, { kind: 'partial', variable: 'theta3' })).toEqual({ value: expect.closeTo(32 / 17, 12) });
    const broken = { ...project.graph, edges: project.graph.edges.filter((e) => e.target !== 'f4') };
    expect(compGraphAnswerReference(broken, { kind: 'partial', variable: 'theta1' })).toHaveProperty('error');
    expect(compGraphAnswerReference(project.graph, { kind: 'partial', variable: 'theta9' })).toEqual({ error: "there is no variable 'theta9' in the graph" });
  });

  it('refuses a lesson that does not fit a computational graph, naming the field', () => {
    expect(refusal((l) => (((l.goals as Json[])[1]!.quantity as Json).variable = 'theta'))).toMatch(/lesson\.goals\[1\]\.quantity\.variable: there is no variable 'theta' in the graph \(did you mean 'theta1' or 'theta2' or 'theta3'\?\)\n {2}help: the variables are theta1, theta2, theta3/);
    expect(refusal((l) => ((l.goals as Json[])[0] = { kind: 'parameters', atMost: 3 }))).toMatch(/lesson\.goals\[0\]\.kind: a computational graph's goals are answers/);
    expect(refusal((l) => (((l.goals as Json[])[0]!.quantity as Json) = { kind: 'loss', split: 'train' }))).toMatch(/lesson\.goals\[0\]\.quantity\.kind: .*'partial'/);
    expect(refusal((l) => (l.locks = { nodes: ['f1'] }))).toMatch(/lesson\.locks/);
    expect(refusal((l) => ((l.goals as Json[])[2]!.tolerance = -1))).toMatch(/lesson\.goals\[2\]\.tolerance/);
    // The answer-goal fields are checked here by the shared checkAnswerGoal, with its own wording.
    expect(refusal((l) => ((l.goals as Json[])[0]!.zzzzzz = 'x'))).toMatch(/^lesson\.goals\[0\]\.zzzzzz: unknown field for an answer goal\n {2}help: an answer goal takes kind, prompt, quantity, tolerance, relative, answer, label$/);
    expect(refusal((l) => ((l.goals as Json[])[0]!.label = ''))).toMatch(/^lesson\.goals\[0\]\.label: must not be empty$/);
    expect(refusal((l) => ((l.goals as Json[])[0]!.label = 4))).toMatch(/^lesson\.goals\[0\]\.label: must be text \(got 4\)$/);
  });

  it('the graph lock gives its reason; a graph without a lesson is not locked', () => {
    expect(compGraphLockReason(lessonProject())).toMatch(/The graph is locked by the lesson/);
    expect(compGraphLockReason({ ...lessonProject(), lesson: undefined })).toBeNull();
    expect(compGraphLockReason(null)).toBeNull();
  });
});
