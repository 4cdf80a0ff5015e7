/**
 * `bprop export FILE --onnx model.onnx` and `bprop export FILE --pytorch train.py`: the project's
 * model with its saved weights (or, untrained, the weights its seed initialises) as ONNX, or as
 * a PyTorch training script with its weights and data beside it. Files are written atomically,
 * and only after the whole export succeeded.
 */
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { createTrainer, prepareProjectData } from '../engine/session';
import { exportOnnx } from '../interop/onnx/export';
import { exportPytorch } from '../interop/pytorch/export';
import { modelSourceOf } from '../interop/source';
import { isCsvData } from '../shared/project-types';
import { checkFlags, parseArgs, stringFlag, UsageError } from './args';
import { writeFileAtomic } from '../node/atomic-write';
import { projectDataSource, readCsvOfProject, readProjectFile } from './project-file';

const USAGE = 'usage: bprop export FILE (--onnx OUT.onnx | --pytorch OUT.py)';

export async function exportCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, []);
  checkFlags(args, ['onnx', 'pytorch']);
  const [file, ...rest] = args.positionals;
  const onnxOut = stringFlag(args, 'onnx');
  const pytorchOut = stringFlag(args, 'pytorch');
  if (!file || rest.length > 0 || (!onnxOut && !pytorchOut)) throw new UsageError(USAGE);
  const project = await readProjectFile(file);
  const data = await prepareProjectData(project, projectDataSource(file));
  const source = modelSourceOf(project, data, createTrainer(project, data).model);
  // Build everything first: a node that cannot be exported fails before any file is written.
  const outputs: { file: string; bytes: Uint8Array }[] = [];
  const notes: string[] = [];
  if (onnxOut) {
    const result = exportOnnx(source);
    outputs.push({ file: onnxOut, bytes: result.bytes });
    notes.push(`${onnxOut}: opset ${result.opset}, input '${result.inputName}' [batch, ${source.featureShape.join(', ')}] (raw features), outputs ${result.outputNames.map((n) => `'${n}'`).join(', ')}`);
  }
  if (pytorchOut) {
    const dir = path.dirname(path.resolve(pytorchOut));
    let csv: { relativePath: string; text: string } | undefined;
    if (isCsvData(project.data)) {
      const read = await readCsvOfProject(file, project.data.csv);
      csv = { relativePath: path.relative(dir, read.resolvedPath), text: read.text };
    }
    const files = exportPytorch(source, data.dataset, { scriptName: path.basename(pytorchOut), ...(csv ? { csv } : {}) });
    for (const f of files) outputs.push({ file: path.join(path.dirname(pytorchOut), f.name), bytes: f.bytes });
    notes.push(`${files.map((f) => path.join(path.dirname(pytorchOut), f.name)).join(', ')}: run python ${pytorchOut} (or torchrun --nproc_per_node=2 ${pytorchOut})`);
  }
  for (const { file: out, bytes } of outputs) {
    await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true });
    await writeFileAtomic(out, bytes);
  }
  process.stdout.write(notes.map((n) => `wrote ${n}\n`).join(''));
}
