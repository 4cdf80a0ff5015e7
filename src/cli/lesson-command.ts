/**
 * `bprop lesson FILE [--json]`: checks a lesson's goals headless, as the app does — answers at
 * the project's saved weights (before training, as the student worked them out), then trains the
 * project as saved and checks the run's goals and the parameter budget. For grading handed-in
 * files. A computational graph's lesson has answers only, checked against its reverse mode.
 * Exit code 0 whether or not the goals pass (the output says); 2 for a file without a lesson.
 */
import { applyNormalizer } from '../engine/data/normalize';
import type { PreparedData } from '../engine/data/types';
import { createTrainer, prepareProjectData } from '../engine/session';
import type { Trainer } from '../engine/train';
import path from 'node:path';
import { parseAnyProject } from '../shared/compgraph/any-project';
import { compGraphAnswerReference } from '../shared/compgraph/lesson';
import { describeGoal, evaluateGoal, type AnswerReference, type GoalResult } from '../shared/lesson-goals';
import type { LessonGoal, LessonQuantity } from '../shared/lesson-types';
import { ProjectError } from '../shared/project';
import { MAX_GRADIENT_CHECK_COUNT } from '../shared/protocol-gradcheck';
import { checkFlags, parseArgs, UsageError } from './args';
import { projectDataSource, readProjectText } from './project-file';

const USAGE = 'usage: bprop lesson FILE [--json]';

function engineValue(trainer: Trainer, data: PreparedData, q: LessonQuantity): number {
  switch (q.kind) {
    case 'gradient': {
      const result = trainer.gradientCheck(q.node, q.param, 1e-2, MAX_GRADIENT_CHECK_COUNT);
      const entry = result.entries.find((e) => e.index === q.index);
      if (!entry) throw new Error(`${q.param}[${q.index}] of '${q.node}' is not among the weights the gradient check covers (tensor shape [${result.shape.join(', ')}])`);
      return entry.backprop;
    }
    case 'loss': {
      const part = data[q.split];
      if (part.n === 0) throw new Error(`the ${q.split} split is empty`);
      return trainer.evaluate(part).loss;
    }
    case 'output': {
      if (q.input.length !== data.featureSize) throw new Error(`the input has ${q.input.length} values; the data has ${data.featureSize} features`);
      const x = Float32Array.from(q.input);
      applyNormalizer(data.normalizer, x, 1, data.featureSize);
      const out = trainer.predict(x, 1);
      const index = q.index ?? 0;
      if (index >= out.length) throw new Error(`the network has ${out.length} outputs: there is no output ${index}`);
      return out[index]!;
    }
    case 'partial':
      throw new Error('∂g/∂θ belongs to computational-graph projects, not to a network');
  }
}

function referenceOf(trainer: Trainer, data: PreparedData, q: LessonQuantity): AnswerReference {
  try {
    return { value: engineValue(trainer, data, q) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

export async function lessonCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['json']);
  checkFlags(args, ['json']);
  const [file, ...rest] = args.positionals;
  if (!file || rest.length > 0) throw new UsageError(USAGE);
  const opened = parseAnyProject(await readProjectText(file), path.basename(file));
  const lesson = opened.project.lesson;
  if (!lesson) throw new ProjectError(`${file}: the project has no lesson`, 'lesson');
  if (opened.kind === 'computationalGraph') {
    // A graph's goals are answers, checked against its reverse mode at the file's variable values.
    const graph = opened.project.graph;
    const noRun = { epochs: [], test: null, parameters: null };
    const results = lesson.goals.map((goal) => ({ goal, ...evaluateGoal(goal, noRun, goal.kind === 'answer' ? compGraphAnswerReference(graph, goal.quantity) : null) }));
    return printResults(lesson.title, results, args.flags.has('json'));
  }
  const project = opened.project;
  const data = await prepareProjectData(project, projectDataSource(file));
  const trainer = createTrainer(project, data);

  const references = lesson.goals.map((goal) => (goal.kind === 'answer' ? referenceOf(trainer, data, goal.quantity) : null));
  const parameters = trainer.model.params.reduce((sum, p) => sum + p.data.length, 0);
  while (!trainer.done) trainer.trainStep();
  const test = data.test.n > 0 ? trainer.evaluate(data.test) : null;
  const results = lesson.goals.map((goal, i) => ({ goal, ...evaluateGoal(goal, { epochs: trainer.history, test, parameters }, references[i] ?? null) }));
  printResults(lesson.title, results, args.flags.has('json'));
}

function printResults(title: string, results: readonly ({ goal: LessonGoal } & GoalResult)[], json: boolean): void {
  const passed = results.filter((r) => r.passed).length;
  if (json) {
    const goals = results.map((r) => ({ kind: r.goal.kind, goal: describeGoal(r.goal), passed: r.passed, detail: r.detail }));
    process.stdout.write(`${JSON.stringify({ lesson: title, goals, passed, total: results.length })}\n`);
    return;
  }
  process.stdout.write(`Lesson: ${title}\n`);
  for (const r of results) process.stdout.write(`  ${r.passed ? 'passed' : 'failed'}  ${describeGoal(r.goal)} — ${r.detail}\n`);
  process.stdout.write(`${passed} of ${results.length} goals passed\n`);
}
