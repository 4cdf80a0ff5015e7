/** `bprop eval FILE [--json]`: metrics of the project's saved weights on each split. */
import { createTrainer, prepareProjectData } from '../engine/session';
import { ProjectError } from '../shared/project';
import { checkFlags, parseArgs, UsageError } from './args';
import { formatMetrics } from './progress';
import { projectDataSource, readProjectFile } from './project-file';

export async function evalCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['json']);
  checkFlags(args, ['json']);
  const [file, ...rest] = args.positionals;
  if (!file || rest.length > 0) throw new UsageError('usage: bprop eval FILE [--json]');
  const project = await readProjectFile(file);
  if (!project.weights) throw new ProjectError(`${file}: the project has no trained weights. help: bprop train ${file} --out ${file}`, 'weights');
  const data = await prepareProjectData(project, projectDataSource(file));
  const trainer = createTrainer(project, data);
  const result: Record<string, unknown> = {};
  for (const [name, part] of [['train', data.train], ['validation', data.validation], ['test', data.test]] as const) {
    if (part.n === 0) continue;
    const m = trainer.evaluate(part);
    result[name] = { samples: part.n, ...m };
    if (!args.flags.has('json')) process.stdout.write(`${name.padEnd(10)} ${String(part.n).padStart(6)} samples  ${formatMetrics(m)}\n`);
  }
  if (args.flags.has('json')) process.stdout.write(JSON.stringify(result) + '\n');
}
