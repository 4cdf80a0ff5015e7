/**
 * The exported training script: one readable Python file with the network as an nn.Module
 * whose forward() follows the graph (a DAG, not only a chain), the project's loss, optimiser,
 * schedule, batch size, epochs, seed, split and normalisation, and a training loop that runs
 * on one process or, under torchrun, as DistributedDataParallel.
 */
import type { ResolvedNode } from '../../shared/graph';
import type { NodeType } from '../../shared/nodes';
import { withDefaults } from '../../shared/project-defaults';
import { identifier, planModel, type ModelPlan, type ModelSource } from '../source';
import { AVERAGING, dataSection, evaluateSection, lossSection, mainSection, optimizerSection } from './script-training';
import { activityPenalty, indent, list, pyBool, str, type Emitted, type ScriptOptions } from './script-text';
import { HELPER_SOURCE, torchLayers, type TorchHelper, type TorchLayer, type TorchLoss, type TorchParam } from './layers';

export type { ScriptData, ScriptOptions } from './script-text';

const PY_RESERVED = new Set(
  ('False None True and as assert async await break class continue def del elif else except finally for from global if import in is ' +
    'lambda nonlocal not or pass raise return try while with yield self x y out torch nn F np net loss super').split(' '),
);

/** Python names for the nodes: identifiers, unique, never a keyword or a name the script uses. */
function pythonNames(plan: ModelPlan): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const n of [...plan.layers, ...plan.losses]) {
    let base = identifier(n.id, 'node');
    if (PY_RESERVED.has(base)) base = `${base}_`;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    names.set(n.id, name);
  }
  return names;
}

export function pytorchScript(source: ModelSource, options: ScriptOptions): string {
  const plan = planModel(source);
  const names = pythonNames(plan);
  const project = withDefaults(source.project);
  const returned = returnedValues(source, plan);
  const e: Emitted = { plan, names, training: project.training, returned };
  const helpers = new Set<TorchHelper>();
  for (const n of plan.layers) for (const h of (torchLayers[n.type] as TorchLayer<NodeType>).helpers ?? []) helpers.add(h);
  const parts = [
    header(source, options),
    options.data.sha256 ? IMPORTS : IMPORTS.replace('import hashlib\n', ''),
    settings(source, options, project.data.normalize, e),
    ...[...helpers].map((h) => HELPER_SOURCE[h]),
    network(source, e),
    dataSection(source, options),
    lossSection(source, e),
    optimizerSection(e),
    ...(e.training.averaging ? [AVERAGING] : []),
    evaluateSection(source, e),
    mainSection(source, e),
  ];
  return `${parts.join('\n\n\n')}\n\n\nif __name__ == "__main__":\n    main()\n`;
}

/** The node ids forward() must return: loss inputs, the logits of fused losses, nodes with activity penalties. */
function returnedValues(source: ModelSource, plan: ModelPlan): string[] {
  const ids: string[] = [];
  const add = (id: string) => ids.includes(id) || ids.push(id);
  for (const loss of plan.losses) {
    const rule = torchLayers[loss.type] as TorchLoss<NodeType>;
    const pred = loss.inputs[0]!;
    if (rule.readsLogits) add(plan.byId.get(pred)!.inputs[0]!);
    add(pred);
  }
  for (const id of plan.outputs) add(id);
  for (const n of plan.layers) if (activityPenalty(n)) add(n.id);
  void source;
  return ids;
}


function header(source: ModelSource, options: ScriptOptions): string {
  const script = options.scriptName;
  const usage = [
    [`python ${script}`, 'one process, on the CPU'],
    [`python ${script} --device cuda`, 'on a GPU'],
    [`torchrun --nproc_per_node=2 ${script}`, 'DistributedDataParallel on 2 processes (gloo; nccl with --device cuda)'],
  ];
  const files = [
    [options.weightsFile, 'the weights (a state_dict) and which rows train, validate and test'],
    [options.data.file, options.data.sha256 ? "the project's data (checked against its sha256 before training)" : 'the data, as the app loaded it'],
  ];
  const column = (rows: string[][], sep: string) => {
    const width = Math.max(...rows.map((r) => r[0]!.length));
    return rows.map(([a, b]) => `    ${a!.padEnd(width)}${sep}${b}`).join('\n');
  };
  return `#!/usr/bin/env python3
"""${source.project.name.replace(/"""/g, "'''")}: a PyTorch training script exported from Backprop Studio.

${column(usage, '   # ')}

The network, its weights, the loss, optimiser, learning-rate schedule, batch size, epochs,
seed, data split and normalisation are the project's. Beside this script:
${column(files, '   ')}

BATCH_SIZE is the global batch: under torchrun each process takes BATCH_SIZE / processes
rows of every batch and DistributedDataParallel averages their gradients, which gives the
same update as one process with the whole batch.
"""`;
}

const IMPORTS = `import argparse
import csv
import hashlib
import json
import math
import os

import numpy as np
import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, RandomSampler, TensorDataset`;

function settings(source: ModelSource, options: ScriptOptions, normalize: string, e: Emitted): string {
  const t = e.training;
  const d = options.data;
  const lines = [
    '# ---- The project\'s settings ---------------------------------------------------',
    'HERE = os.path.dirname(os.path.abspath(__file__))',
    `WEIGHTS_FILE = ${str(options.weightsFile)}`,
    `DATA_FILE = ${str(d.file)}`,
    ...(d.sha256 ? [`DATA_SHA256 = ${str(d.sha256)}`] : []),
    `DATA_ROWS = ${d.rows}`,
    `DELIMITER = ${d.delimiter === ' ' ? 'None  # runs of spaces or tabs' : str(d.delimiter)}`,
    `HAS_HEADER = ${pyBool(d.hasHeader)}`,
    `DECIMAL_COMMA = ${pyBool(d.decimalComma)}`,
    `FEATURES = ${list(d.features)}`,
    `TARGETS = ${list(d.targets)}`,
    `FEATURE_SHAPE = (${source.featureShape.join(', ')}${source.featureShape.length === 1 ? ',' : ''})`,
    `TASK = ${str(source.task)}`,
    ...(source.classNames ? [`CLASSES = ${list(source.classNames)}  # class index = position in this list`] : []),
    `NORMALIZE = ${str(normalize)}  # "standard" (z-score), "minmax" or "none", fitted on the training rows`,
    `EPOCHS = ${t.epochs}`,
    `BATCH_SIZE = ${t.batchSize}`,
    `SAMPLING = ${str(t.sampling)}  # "shuffle" (a new order each epoch), "sequential" or "replacement"`,
    `SEED = ${t.seed}`,
  ];
  return lines.join('\n');
}

function network(source: ModelSource, e: Emitted): string {
  const { plan, names } = e;
  const init: string[] = [];
  const forward: string[] = [];
  for (const n of plan.layers) {
    const rule = torchLayers[n.type] as TorchLayer<NodeType>;
    const name = names.get(n.id)!;
    const ctx = { node: n, params: n.params as never, inputs: n.type === 'input' ? ['x'] : n.inputs.map((id) => names.get(id)!), module: `self.${name}` };
    if (rule.module) init.push(`self.${name} = ${rule.module(ctx)}`);
    const value = rule.forward(ctx);
    if (value !== name) forward.push(`${name} = ${value}${comment(n)}`);
  }
  const returned = e.returned.map((id) => `${str(names.get(id)!)}: ${names.get(id)}`).join(', ');
  return `# ---- The network -------------------------------------------------------------------
class Net(nn.Module):
    """The project's graph. forward() returns the values the losses and metrics read, by node."""

    def __init__(self):
        super().__init__()
${indent(init.length ? init.join('\n') : 'pass', '        ')}

    def forward(self, x):
${indent(forward.join('\n'), '        ')}
        return {${returned}}


def load_weights(net, path):
    """The app's weights (trained, or initialised from the seed), already in PyTorch's layout."""
    saved = np.load(path)
    state = net.state_dict()  # batch norms also count their batches: that counter starts at 0
    state.update({key: torch.from_numpy(saved[key]) for key in state if not key.endswith("num_batches_tracked")})
    net.load_state_dict(state)`;
  void source;
}

function comment(n: ResolvedNode): string {
  return n.type === 'input' ? '  # the normalised features' : '';
}

/** The state_dict entries of every parameter: `<module>.<weight|bias>` → our node id and param. */
export function stateDictKeys(source: ModelSource): { key: string; nodeId: string; param: TorchParam['ours']; transpose: boolean }[] {
  const plan = planModel(source);
  const names = pythonNames(plan);
  const keys: { key: string; nodeId: string; param: TorchParam['ours']; transpose: boolean }[] = [];
  for (const n of plan.layers) {
    const rule = torchLayers[n.type] as TorchLayer<NodeType>;
    for (const p of rule.params ?? []) {
      if (!source.weights[n.id]?.[p.ours]) continue;
      keys.push({ key: `${names.get(n.id)}.${p.theirs}`, nodeId: n.id, param: p.ours, transpose: p.transpose ?? false });
    }
  }
  return keys;
}
