#!/usr/bin/env node
/**
 * bprop — train, evaluate and benchmark Backprop Studio projects without the app.
 * Exit codes: 0 success; 2 invalid project, graph, dataset, CSV or usage (one line naming
 * the node, field or file); 1 anything else.
 */
// First: turns on WebAssembly relaxed SIMD before any engine module compiles its kernels.
import './wasm-features';
import { DataError } from '../engine/data/types';
import { TraceError } from '../engine/trace';
import { DivergenceError } from '../engine/train';
import { OnnxImportError } from '../interop/onnx/import';
import { GraphError } from '../shared/graph-types';
import { ProjectError } from '../shared/project';
import { UsageError } from './args';
import { benchCommand } from './bench/bench-command';
import { evalCommand } from './eval-command';
import { exportCommand } from './export-command';
import { gradCommand } from './grad-command';
import { importCommand } from './import-command';
import { predictCommand } from './predict-command';
import { lessonCommand } from './lesson-command';
import { traceCommand } from './trace-command';
import { newCommand, templatesCommand } from './template-commands';
import { trainCommand } from './train-command';

const USAGE = `usage: bprop <command> [options]

  train FILE [--epochs N] [--seed N] [--out FILE] [--json]   train a .bprop project
        [--threads N]                                          kernel threads (default: 1)
  eval FILE [--json]                                          metrics of its saved weights
  predict FILE --input CSV [--json]                           predictions for new rows
  export FILE --onnx OUT.onnx                                 the model as ONNX (normalisation included)
  export FILE --pytorch OUT.py                                a PyTorch training script, its weights and data
  import MODEL.onnx --out FILE [--dataset ID]                 an ONNX model as a project (weights, suggested loss)
  lesson FILE [--json]                                        check a lesson's goals (answers, then a training run)
  trace FILE [--sample i] [--rows n] [--json]                 one training step, stage by stage (forward, loss, backward, update)
  grad FILE [--at name=value …] [--h STEP] [--json]           a computational graph's g and ∇g (reverse, forward, central)
  templates [--json]                                          the templates of New ▾ (lectures and lessons included)
  new TEMPLATE-ID --out FILE                                  a template as a project file
  bench [--json] [--workloads W1,…,W6] [--reps N] [--kernels wasm-relaxed|wasm|js] [--threads N] [--in-process] [--profile]
                                                              training throughput (samples/s); --profile: where a step's time goes
`;

const commands: Record<string, (argv: string[]) => Promise<void>> = {
  train: trainCommand,
  eval: evalCommand,
  predict: predictCommand,
  export: exportCommand,
  import: importCommand,
  bench: benchCommand,
  lesson: lessonCommand,
  trace: traceCommand,
  grad: gradCommand,
  templates: templatesCommand,
  new: newCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`bprop: unknown command '${name}'\n${USAGE}`);
    return 2;
  }
  try {
    await command(rest);
    return 0;
  } catch (e) {
    return reportError(e);
  }
}

function reportError(e: unknown): number {
  if (e instanceof GraphError) {
    // One line per issue, each naming its node: "node 'h1' (param 'units'): ..."
    process.stderr.write(`bprop: invalid graph: ${e.issues.map((i) => (i.nodeId ? `node '${i.nodeId}'` : i.edgeId ? `edge '${i.edgeId}'` : 'graph') + `${i.param ? ` (param '${i.param}')` : ''}: ${i.message}${i.help ? ` (help: ${i.help})` : ''}`).join('; ')}\n`);
    return 2;
  }
  if (e instanceof TraceError) {
    process.stderr.write(`bprop: cannot step through this network: ${e.message}\n`);
    return 2;
  }
  if (e instanceof ProjectError || e instanceof DataError || e instanceof UsageError || e instanceof OnnxImportError) {
    process.stderr.write(`bprop: ${e.message.replace(/\n\s*/g, ' ')}\n`);
    return 2;
  }
  if (e instanceof DivergenceError) {
    process.stderr.write(`bprop: ${e.message}\n`);
    return 1;
  }
  process.stderr.write(`bprop: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return 1;
}

// Run when executed directly (tsx src/cli/bprop.ts …), not when imported by tests.
const invokedPath = process.argv[1] ?? '';
if (/bprop\.(ts|js|mjs|cjs)$/.test(invokedPath)) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
