/**
 * `bprop trace FILE [--sample i] [--rows n] [--json]`: one training step of the project, stage by
 * stage (src/engine/trace.ts), from its saved weights (or the seed's), on training row i (and the
 * n − 1 rows after it). With --json: one JSON object per stage, then {"done":true,"lossAfter":…};
 * Conv2D and pooling stages also carry their maps (docs/step-through.md, "JSON shape").
 * The file is not changed.
 */
import { prepareProjectData, weightsFromProject } from '../engine/session';
import { traceTrainingStep } from '../engine/trace';
import type { StepTrace, TraceStage, TraceWeights } from '../shared/protocol-trace';
import { checkFlags, intFlag, parseArgs, UsageError } from './args';
import { projectDataSource, readProjectFile } from './project-file';

export async function traceCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['json']);
  checkFlags(args, ['json', 'sample', 'rows']);
  const [file, ...rest] = args.positionals;
  if (!file || rest.length > 0) throw new UsageError('usage: bprop trace FILE [--sample i] [--rows n] [--json]');
  const project = await readProjectFile(file);
  const data = await prepareProjectData(project, projectDataSource(file));
  const { trace } = traceTrainingStep({
    graph: project.graph,
    data,
    training: project.training,
    weights: weightsFromProject(project.weights),
    sample: intFlag(args, 'sample', 0) ?? 0,
    rows: intFlag(args, 'rows', 1) ?? 1,
  });
  const lines = args.flags.has('json') ? jsonLines(trace) : textLines(trace);
  process.stdout.write(lines.join('\n') + '\n');
}

function jsonLines(trace: StepTrace): string[] {
  return [...trace.stages.map((s) => JSON.stringify(s)), JSON.stringify({ done: true, lossAfter: trace.lossAfter })];
}

/** At most 6 decimals, as the lectures' worked examples print them. */
const num = (v: number): string => String(Number(v.toFixed(6)));
const list = (values: readonly number[]): string => `[${values.map(num).join(', ')}]`;
const weights = (w: TraceWeights): string => `kernel ${`[${w.kernel.map(list).join(', ')}]`}${w.bias ? `  bias ${list(w.bias)}` : ''}`;

function textLines(trace: StepTrace): string[] {
  const rows = trace.rows === 1 ? `sample ${trace.sample}` : `rows ${trace.sample}…${trace.sample + trace.rows - 1}`;
  const activation = new Map(trace.layers.map((l) => [l.node, l.activation ?? 'linear']));
  const line = (s: TraceStage): string => {
    switch (s.stage) {
      case 'forward':
        return `forward   ${s.node} (${activation.get(s.node)})  in = ${list(s.in)}  a = ${list(s.a)}`;
      case 'loss':
        return `loss      ${s.node}  ${s.form} = ${num(s.value)}  ŷ = ${list(s.prediction)}  y = ${list(s.target)}`;
      case 'backward':
        return `backward  ${s.node}  Δ = ${list(s.delta)}${s.grads ? `  ∂L/∂w: ${weights(s.grads)}` : ''}`;
      case 'update':
        return `update    ${s.node}  ${weights(s.before)}  →  ${weights(s.after)}`;
    }
  };
  const update = trace.stages.find((s) => s.stage === 'update');
  return [
    `one training step on ${rows}; ${trace.optimizer}: ${update && update.stage === 'update' ? `${update.rule}, α = ${num(update.learningRate)}` : ''}`,
    ...trace.stages.map(line),
    `done      loss ${num(trace.lossBefore)} → ${num(trace.lossAfter)}`,
  ];
}
