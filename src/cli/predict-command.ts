/** `bprop predict FILE --input CSV [--json]`: the trained model's outputs for new rows. */
import path from 'node:path';
import { parseCsv } from '../engine/data/csv';
import { applyNormalizer } from '../engine/data/normalize';
import { DataError, type PreparedData } from '../engine/data/types';
import { createTrainer, prepareProjectData } from '../engine/session';
import { ProjectError } from '../shared/project';
import { FileAccessError, readFileChecked } from '../node/read-file';
import { checkFlags, parseArgs, stringFlag, UsageError } from './args';
import { projectDataSource, readProjectFile } from './project-file';

export async function predictCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['json']);
  checkFlags(args, ['input', 'json']);
  const [file, ...rest] = args.positionals;
  const inputFile = stringFlag(args, 'input');
  if (!file || !inputFile || rest.length > 0) throw new UsageError('usage: bprop predict FILE --input CSV [--json]');
  const project = await readProjectFile(file);
  if (!project.weights) throw new ProjectError(`${file}: the project has no trained weights. help: bprop train ${file} --out ${file}`, 'weights');
  const data = await prepareProjectData(project, projectDataSource(file));
  const trainer = createTrainer(project, data);

  let text: string;
  try {
    text = (await readFileChecked(inputFile)).toString('utf8');
  } catch (e) {
    // Not always "not found": a folder, no permission or a file over the size limit say so.
    throw e instanceof FileAccessError ? new DataError(`--input: ${e.message}`) : e;
  }
  const { x, rows } = readFeatureRows(text, path.basename(inputFile), data);
  applyNormalizer(data.normalizer, x, rows, data.featureSize);
  const outputs = trainer.predict(x, rows);
  const k = trainer.model.prediction.size;
  const classes = data.dataset.classNames;
  const lines: string[] = [];
  if (!args.flags.has('json')) lines.push(classes ? ['predicted', ...classHeaders(classes, k)].join(',') : outputHeaders(k).join(','));
  for (let i = 0; i < rows; i++) {
    const row = Array.from(outputs.subarray(i * k, (i + 1) * k));
    const label = classes ? classes[predictedClass(row, trainer.model.primaryLoss.classTargets)] : undefined;
    if (args.flags.has('json')) lines.push(JSON.stringify(label !== undefined ? { predicted: label, outputs: row } : { outputs: row }));
    else lines.push([...(label !== undefined ? [csvCell(label)] : []), ...row.map((v) => String(v))].join(','));
  }
  process.stdout.write(lines.join('\n') + '\n');
}

/** Rows by the training data's feature names when the CSV has a header, else by position. */
function readFeatureRows(text: string, name: string, data: PreparedData): { x: Float32Array; rows: number } {
  const table = parseCsv(text, name);
  const names = data.dataset.featureNames;
  const k = data.featureSize;
  let columns: number[];
  if (table.hasHeader) {
    columns = names.map((f) => {
      const c = table.header.indexOf(f);
      if (c < 0) throw new DataError(`${name}: column '${f}' is missing (the model needs ${names.join(', ')})`);
      return c;
    });
  } else {
    if (table.header.length !== k) throw new DataError(`${name}: rows have ${table.header.length} values but the model needs ${k} (${names.join(', ')})`);
    columns = names.map((_, i) => i);
  }
  const x = new Float32Array(table.rows.length * k);
  table.rows.forEach((row, r) => {
    columns.forEach((c, j) => {
      const v = Number(row[c]);
      if (row[c] === undefined || row[c].trim() === '' || !Number.isFinite(v)) {
        throw new DataError(`${name} line ${r + (table.hasHeader ? 2 : 1)}, column '${names[j]}': '${row[c] ?? ''}' is not a number`);
      }
      x[r * k + j] = v;
    });
  });
  return { x, rows: table.rows.length };
}

function predictedClass(row: number[], mode: 'index' | 'binary' | 'signed'): number {
  if (row.length === 1) return row[0] >= (mode === 'signed' ? 0 : 0.5) ? 1 : 0;
  return row.indexOf(Math.max(...row));
}

function classHeaders(classes: string[], k: number): string[] {
  if (k === classes.length) return classes.map((c) => csvCell(`p(${c})`));
  // One sigmoid (or ±1) output for two classes: the value speaks for the second class.
  return k === 1 && classes.length === 2 ? [csvCell(`p(${classes[1]})`)] : ['output'];
}

function outputHeaders(k: number): string[] {
  return k === 1 ? ['predicted'] : Array.from({ length: k }, (_, i) => `output${i + 1}`);
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
