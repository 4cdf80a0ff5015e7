/** `bprop train FILE [--epochs N] [--seed N] [--out FILE] [--threads N] [--json]` */
import { computedChecksumNote, createTrainer, prepareProjectData, weightsToProject } from '../engine/session';
import { isCsvData } from '../shared/project-types';
import { optimizerStateToProject, resumeFromProject } from '../engine/optimizer-state';
import type { Metrics } from '../engine/metrics';
import { checkFlags, intFlag, parseArgs, stringFlag, UsageError } from './args';
import { formatMetrics, ProgressBar } from './progress';
import { applyThreadsFlag } from './threads-flag';
import { projectDataSource, readProjectFile, writeProjectFile } from './project-file';

export async function trainCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['json']);
  checkFlags(args, ['epochs', 'seed', 'out', 'json', 'threads']);
  const [file, ...rest] = args.positionals;
  if (!file || rest.length > 0) throw new UsageError('usage: bprop train FILE [--epochs N] [--seed N] [--out FILE] [--threads N] [--json]');
  const epochs = intFlag(args, 'epochs', 1, 1_000_000);
  const seed = intFlag(args, 'seed', 0, 2 ** 32 - 1);
  const outFile = stringFlag(args, 'out');
  const json = args.flags.has('json');
  await applyThreadsFlag(args);

  const project = await readProjectFile(file);
  if (seed !== undefined) project.training.seed = seed;
  const data = await prepareProjectData(project, projectDataSource(file));
  if (isCsvData(project.data) && project.data.sha256 === undefined && data.dataset.sha256) {
    // A hand-written project without the CSV's checksum: say so, and record it in --out.
    process.stderr.write(`${computedChecksumNote(project.data.csv, data.dataset.sha256)}\n`);
    project.data = { ...project.data, sha256: data.dataset.sha256 };
  }
  // A file saved by a run (--out, or Save in the app) continues that run: epochs, schedule,
  // moments. --epochs N trains N more epochs; without it, up to the file's `epochs`.
  const savedEpoch = project.optimizerState?.epoch ?? 0;
  let trainer = createTrainer(project, data, { epochs: epochs === undefined ? undefined : savedEpoch + epochs });
  const notice = resumeFromProject(trainer, project.optimizerState);
  if (notice) {
    process.stderr.write(`${file}: ${notice}\n`);
    if (epochs !== undefined && savedEpoch > 0) trainer = createTrainer(project, data, { epochs });
  }
  if (trainer.done)
    throw new UsageError(`${file}: already trained for ${trainer.epoch} of ${trainer.config.epochs} epochs (optimizerState.epoch); pass --epochs N to train N more`);
  const total = trainer.config.epochs;
  const bar = json ? null : new ProgressBar(total);
  if (!json) {
    process.stderr.write(
      `${project.name}: ${data.train.n} training, ${data.validation.n} validation, ${data.test.n} test samples; ` +
        `${trainer.model.params.reduce((s, p) => s + p.data.length, 0)} parameters; ${total} epochs` +
        (trainer.epoch > 0 ? ` (resuming after epoch ${trainer.epoch})\n` : '\n'),
    );
  }
  while (!trainer.done) {
    const m = trainer.runEpoch();
    if (json) {
      const line: Record<string, number> = { epoch: m.epoch, loss: m.loss };
      if (m.accuracy !== undefined) line.accuracy = m.accuracy;
      if (m.valLoss !== undefined) line.valLoss = m.valLoss;
      if (m.valAccuracy !== undefined) line.valAccuracy = m.valAccuracy;
      if (m.mae !== undefined) line.mae = m.mae;
      if (m.r2 !== undefined) line.r2 = m.r2;
      if (m.valMae !== undefined) line.valMae = m.valMae;
      if (m.valR2 !== undefined) line.valR2 = m.valR2;
      process.stdout.write(JSON.stringify(line) + '\n');
    } else bar!.update(m);
  }
  bar?.finish();
  const test = data.test.n > 0 ? trainer.evaluate(data.test) : undefined;
  const stoppedEarly = trainer.status === 'stoppedEarly';
  if (json) {
    const done: Record<string, unknown> = { done: true, epochs: trainer.epoch, stoppedEarly };
    if (test) done.test = testSummary(test);
    process.stdout.write(JSON.stringify(done) + '\n');
  } else {
    if (stoppedEarly) {
      process.stderr.write(
        `Early stopping after epoch ${trainer.epoch}: no improvement for ${project.training.earlyStopping!.patience} epochs; best epoch ${trainer.stoppedAtBestEpoch}` +
          (project.training.earlyStopping!.restoreBest ? ' (its weights restored)\n' : '\n'),
      );
    }
    const last = trainer.history[trainer.history.length - 1];
    process.stdout.write(`Final  ${formatMetrics(last)}\n`);
    if (test) process.stdout.write(`Test   ${formatMetrics(test)}\n`);
  }
  if (outFile) {
    const optimizerState = optimizerStateToProject(trainer);
    await writeProjectFile(outFile, { ...project, weights: weightsToProject(trainer.model), optimizerState });
    if (!json) process.stdout.write(`Saved trained project to ${outFile}\n`);
  }
}

function testSummary(m: Metrics): Record<string, number> {
  const out: Record<string, number> = { loss: m.loss };
  if (m.accuracy !== undefined) out.accuracy = m.accuracy;
  if (m.mae !== undefined) out.mae = m.mae;
  if (m.r2 !== undefined) out.r2 = m.r2;
  return out;
}
