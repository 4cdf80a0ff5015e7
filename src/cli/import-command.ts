/**
 * `bprop import model.onnx --out project.bprop [--dataset ID]`: an ONNX model (as PyTorch's
 * torch.onnx.export or our own export writes it) as a project with its weights, a suggested loss
 * and a layered layout. Unsupported operators are listed and nothing is written.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { importOnnx } from '../interop/onnx/import';
import { ProjectError } from '../shared/project';
import { checkFlags, parseArgs, stringFlag, UsageError } from './args';
import { writeProjectFile } from './project-file';

const USAGE = 'usage: bprop import MODEL.onnx --out PROJECT.bprop [--dataset ID]';

export async function importCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, []);
  checkFlags(args, ['out', 'dataset']);
  const [file, ...rest] = args.positionals;
  const out = stringFlag(args, 'out');
  if (!file || !out || rest.length > 0) throw new UsageError(USAGE);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(file));
  } catch (e) {
    throw new ProjectError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'cannot be read'}`);
  }
  const dataset = stringFlag(args, 'dataset');
  const { project, losses, restored } = importOnnx(bytes, path.basename(file), dataset ? { dataset } : {});
  await writeProjectFile(out, project);
  const data = 'dataset' in project.data ? `dataset '${project.data.dataset}'` : `CSV ${project.data.csv}`;
  process.stdout.write(
    `wrote ${out}: ${project.graph.nodes.length} nodes, ${losses.map((l) => `${l.type} on '${l.nodeId}'`).join(', ')}${restored ? ' (restored from a Backprop Studio export)' : ' (suggested loss)'}; data: ${data}\n`,
  );
}
