/**
 * The exported training script: one readable Python file with the network as an nn.Module
 * whose forward() follows the graph (a DAG, not only a chain), the project's loss, optimiser,
 * schedule, batch size, epochs, seed, split and normalisation, and a training loop that runs
 * on one process or, under torchrun, as DistributedDataParallel.
 */
import type { ResolvedNode } from '../../shared/graph';
import type { NodeType } from '../../shared/nodes';
import { withDefaults, type TrainingWithDefaults } from '../../shared/project-defaults';
import { identifier, planModel, type ModelPlan, type ModelSource } from '../source';
import { HELPER_SOURCE, torchLayers, type TorchHelper, type TorchLayer, type TorchLoss, type TorchParam, type TorchTargets } from './layers';

/** How the script finds its data. */
export interface ScriptData {
  /** The CSV, relative to the script. */
  file: string;
  /** Column names (or, without a header row, 1-based `columnN` names as the app shows them). */
  features: string[];
  targets: string[];
  delimiter: string;
  hasHeader: boolean;
  /** Semicolon files from spreadsheets write 1,5 for 1.5. */
  decimalComma: boolean;
  /** The file's sha256, checked before training (a project's own CSV); absent for a CSV we wrote. */
  sha256?: string;
  rows: number;
}

export interface ScriptOptions {
  /** The script's own file name, for its usage lines. */
  scriptName: string;
  weightsFile: string;
  data: ScriptData;
}

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

const str = (s: string): string => JSON.stringify(s);
const list = (items: readonly string[]): string => `[${items.map(str).join(', ')}]`;
const pyNumber = (v: number): string => (Number.isInteger(v) ? `${v}` : String(v));
const pyBool = (v: boolean): string => (v ? 'True' : 'False');
const indent = (text: string, by = '    '): string =>
  text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');

interface Emitted {
  plan: ModelPlan;
  names: Map<string, string>;
  training: TrainingWithDefaults;
  /** Values forward() returns: what the losses, penalties and metrics read. */
  returned: string[];
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

function activityPenalty(n: ResolvedNode): 'l1' | 'kl' | null {
  const p = n.params as { activityRegularizer?: string; activityL1?: number; sparsityWeight?: number };
  if (p.activityRegularizer === 'l1' && (p.activityL1 ?? 0) > 0) return 'l1';
  if (p.activityRegularizer === 'kl' && (p.sparsityWeight ?? 0) > 0) return 'kl';
  return null;
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

function dataSection(source: ModelSource, options: ScriptOptions): string {
  const classification = source.task === 'classification';
  const checksum = options.data.sha256
    ? `
    with open(path, "rb") as f:
        if hashlib.sha256(f.read()).hexdigest() != DATA_SHA256:
            raise SystemExit(f"{DATA_FILE} has changed since the export (its sha256 differs); export the project again")`
    : '';
  const target = classification
    ? `    classes = {name: k for k, name in enumerate(CLASSES)}
    y = np.array([classes[class_key(r[target_columns[0]])] for r in rows], dtype=np.int64)`
    : `    y = np.array([[number(r[j]) for j in target_columns] for r in rows], dtype=np.float32)`;
  const classKey = classification
    ? `


def class_key(cell):
    """A class label as the app names it: integers by value ("1.0" is "1"), text as written."""
    cell = cell.strip()
    try:
        value = number(cell)
        return str(int(value)) if value == int(value) else cell
    except (ValueError, OverflowError):
        return cell`
    : '';
  return `# ---- The data ------------------------------------------------------------------------
def number(cell):
    cell = cell.strip()
    return float(cell.replace(",", ".") if DECIMAL_COMMA else cell)${classKey}


def read_data():
    """Features [rows, *FEATURE_SHAPE] as float32 and targets (class indices, or values), in file order."""
    path = os.path.join(HERE, DATA_FILE)${checksum}
    with open(path, newline="", encoding="utf-8-sig") as f:
        if DELIMITER is None:
            records = [line.split() for line in f]
        else:
            records = list(csv.reader(f, delimiter=DELIMITER))
    records = [r for r in records if any(cell.strip() for cell in r)]
    header = records[0] if HAS_HEADER else [f"column{j + 1}" for j in range(len(records[0]))]
    rows = records[1:] if HAS_HEADER else records
    if len(rows) != DATA_ROWS:
        raise SystemExit(f"{DATA_FILE} has {len(rows)} rows, the exported project had {DATA_ROWS}")
    feature_columns = [header.index(name) for name in FEATURES]
    target_columns = [header.index(name) for name in TARGETS]
    x = np.array([[number(r[j]) for j in feature_columns] for r in rows], dtype=np.float32)
${target}
    return x.reshape((len(rows),) + FEATURE_SHAPE), y


def fit_normalizer(x):
    """Offset and scale per feature from the training rows; images share them per channel."""
    groups = x.reshape(len(x), FEATURE_SHAPE[0], -1).astype(np.float64)
    if NORMALIZE == "standard":
        offset, spread = groups.mean(axis=(0, 2)), groups.std(axis=(0, 2))
    elif NORMALIZE == "minmax":
        offset, spread = groups.min(axis=(0, 2)), groups.max(axis=(0, 2)) - groups.min(axis=(0, 2))
    else:
        offset, spread = np.zeros(FEATURE_SHAPE[0]), np.ones(FEATURE_SHAPE[0])
    scale = np.where(spread > 0, 1 / np.where(spread > 0, spread, 1), 1)
    # One value per group for images ([C, H, W]: per channel); flat data has a group per feature.
    shape = (-1,) + (1,) * (len(FEATURE_SHAPE) - 1)
    offset = np.broadcast_to(offset.reshape(shape), FEATURE_SHAPE).astype(np.float32)
    scale = np.broadcast_to(scale.reshape(shape), FEATURE_SHAPE).astype(np.float32)
    return offset, scale


def normalize(x, offset, scale):
    """(x - offset) * scale, rounded to float32 once, as the app computes it."""
    return ((x.astype(np.float64) - offset.astype(np.float64)) * scale.astype(np.float64)).astype(np.float32)


def load_data():
    """The app's split (rows saved in the weights file), normalised with training statistics."""
    x, y = read_data()
    saved = np.load(os.path.join(HERE, WEIGHTS_FILE))
    parts = {name: saved[f"split_{name}"] for name in ("train", "validation", "test")}
    offset, scale = fit_normalizer(x[parts["train"]])
    return {name: (torch.from_numpy(normalize(x[rows], offset, scale)), torch.from_numpy(y[rows])) for name, rows in parts.items()}`;
}

function targetExpression(source: ModelSource, loss: ResolvedNode, e: Emitted, pred: string): string {
  if (loss.params.target === 'input') return `x.reshape(${pred}.shape)`;
  if (source.task === 'regression') return 'y';
  const rule = torchLayers[loss.type] as TorchLoss<NodeType>;
  const kind: TorchTargets = rule.classTargets(loss, e.plan.byId, loss.params as never);
  if (kind === 'index') return 'y';
  const outputs = e.plan.byId.get(loss.inputs[0]!)!.shape![0]!;
  return `class_targets(y, ${outputs}, low=${kind === 'signed' ? '-1.0' : '0.0'})`;
}

function lossSection(source: ModelSource, e: Emitted): string {
  const { plan, names } = e;
  const terms: string[] = [];
  let needsClassTargets = false;
  for (const loss of plan.losses) {
    const rule = torchLayers[loss.type] as TorchLoss<NodeType>;
    const predId = loss.inputs[0]!;
    const pred = `out[${str(names.get(predId)!)}]`;
    const logits = rule.readsLogits ? `out[${str(names.get(plan.byId.get(predId)!.inputs[0]!)!)}]` : pred;
    const target = targetExpression(source, loss, e, pred);
    if (target.startsWith('class_targets')) needsClassTargets = true;
    terms.push(`${rule.expression({ pred, logits, target, params: loss.params as never })}  # ${loss.spec.label} '${loss.id}'`);
  }
  const penalties: string[] = [];
  for (const n of plan.layers) {
    const name = names.get(n.id)!;
    const p = n.params as { l1?: number; l2?: number; activityL1?: number; rho?: number; sparsityWeight?: number };
    if ((n.type === 'dense' || n.type === 'conv2d') && ((p.l1 ?? 0) > 0 || (p.l2 ?? 0) > 0)) {
      const parts = [(p.l1 ?? 0) > 0 ? `${p.l1} * w.abs().sum()` : '', (p.l2 ?? 0) > 0 ? `${p.l2} * (w ** 2).sum()` : ''].filter(Boolean);
      penalties.push(`w = net.${name}.weight  # kernel penalty of '${n.id}'\nloss = loss + ${parts.join(' + ')}`);
    }
    const activity = activityPenalty(n);
    if (activity === 'l1') penalties.push(`loss = loss + ${p.activityL1} * out[${str(name)}].abs().sum() / len(x)  # L1 activity penalty of '${n.id}'`);
    if (activity === 'kl') {
      penalties.push(
        `rho, rho_hat = ${p.rho}, out[${str(name)}].mean(dim=0).clamp(1e-7, 1 - 1e-7)  # KL sparsity of '${n.id}'\n` +
          `loss = loss + ${p.sparsityWeight} * (rho * torch.log(rho / rho_hat) + (1 - rho) * torch.log((1 - rho) / (1 - rho_hat))).sum()`,
      );
    }
  }
  const classTargets = needsClassTargets
    ? `def class_targets(y, outputs, low):
    """Class labels as the app encodes them for this loss: 1 for the class, \`low\` (0 or -1) elsewhere;
    one output stands for class 1."""
    hot = (y > 0).float().unsqueeze(1) if outputs == 1 else F.one_hot(y, outputs).float()
    return hot * (1 - low) + low


`
    : '';
  const body = [`loss = ${terms.join(`\nloss = loss + `)}`, ...penalties, 'return loss'].join('\n');
  return `# ---- The loss ------------------------------------------------------------------------
${classTargets}def compute_loss(net, out, x, y):
    """The mean loss of the batch plus the layers' penalties, as the app adds them."""
${indent(body)}`;
}

function optimizerSection(e: Emitted): string {
  const o = e.training.optimizer;
  const make = {
    sgd: () => `torch.optim.SGD(params, lr=LEARNING_RATE, momentum=${o.type === 'sgd' ? o.momentum : 0}, dampening=${o.type === 'sgd' ? o.dampening : 0}, nesterov=${pyBool(o.type === 'sgd' && o.nesterov)}, weight_decay=${o.weightDecay})`,
    adam: () => (o.type === 'adam' ? `torch.optim.Adam(params, lr=LEARNING_RATE, betas=(${o.beta1}, ${o.beta2}), eps=${o.epsilon}, weight_decay=${o.weightDecay})` : ''),
    rmsprop: () => (o.type === 'rmsprop' ? `torch.optim.RMSprop(params, lr=LEARNING_RATE, alpha=${o.rho}, eps=${o.epsilon}, momentum=${o.momentum}, weight_decay=${o.weightDecay})` : ''),
    adagrad: () => (o.type === 'adagrad' ? `torch.optim.Adagrad(params, lr=LEARNING_RATE, lr_decay=${o.lrDecay}, eps=${o.epsilon}, weight_decay=${o.weightDecay})` : ''),
  }[o.type]();
  const s = e.training.schedule;
  const rate = {
    constant: () => 'return LEARNING_RATE',
    step: () => (s.type === 'step' ? `return LEARNING_RATE * ${s.gamma} ** (t // ${s.stepSize})` : ''),
    exponential: () => (s.type === 'exponential' ? `return LEARNING_RATE * ${s.gamma} ** t` : ''),
    inverseTime: () => (s.type === 'inverseTime' ? `return LEARNING_RATE / (1 + ${s.decay} * t)` : ''),
    cosine: () =>
      s.type === 'cosine'
        ? `if t >= ${s.period}:\n    return ${pyNumber(s.minLearningRate)}\nreturn ${pyNumber(s.minLearningRate)} + (LEARNING_RATE - ${pyNumber(s.minLearningRate)}) * (1 + math.cos(math.pi * t / ${s.period})) / 2`
        : '',
  }[s.type]();
  const l1 = e.training.l1;
  return `# ---- Optimiser and learning-rate schedule ---------------------------------------------
LEARNING_RATE = ${o.learningRate}
SCHEDULE_PER = ${str(s.per)}  # the schedule's t counts ${s.per === 'step' ? 'optimiser steps' : 'finished epochs'}
L1 = ${pyNumber(l1)}  # L1 penalty on every parameter, added to the gradient (not to the reported loss)


def make_optimizer(params):
    return ${make}


def learning_rate(t):
    """The ${s.type} schedule at time t."""
${indent(rate)}`;
}

const AVERAGING = `class PolyakAverage:
    """Averaged weights (Polyak averaging): a running mean over the optimiser steps, used for evaluation."""

    def __init__(self, net):
        self.params = list(net.parameters())
        self.mean = [torch.zeros_like(p) for p in self.params]
        self.count = 0

    @torch.no_grad()
    def update(self):
        self.count += 1
        for mean, p in zip(self.mean, self.params):
            mean += (p - mean) / self.count

    @torch.no_grad()
    def swap(self):
        """Exchange the weights with their averages (call twice to get the weights back)."""
        if self.count == 0:
            return
        for mean, p in zip(self.mean, self.params):
            current = p.clone()
            p.copy_(mean)
            mean.copy_(current)`;

function evaluateSection(source: ModelSource, e: Emitted): string {
  const primary = e.plan.losses.find((l) => l.params.target === 'labels') ?? e.plan.losses[0];
  let accuracy = '';
  if (source.task === 'classification' && primary && primary.params.target === 'labels') {
    const pred = e.names.get(primary.inputs[0]!)!;
    const outputs = e.plan.byId.get(primary.inputs[0]!)!.shape![0]!;
    const rule = torchLayers[primary.type] as TorchLoss<NodeType>;
    const signed = rule.classTargets(primary, e.plan.byId, primary.params as never) === 'signed';
    const correct =
      outputs === 1
        ? `((out[${str(pred)}][:, 0] >= ${signed ? '0' : '0.5'}) == (y > 0)).sum().item()`
        : `(out[${str(pred)}].argmax(dim=1) == y).sum().item()`;
    accuracy = `\n\ndef count_correct(out, y):\n    return ${correct}`;
  }
  return `# ---- Evaluation ----------------------------------------------------------------------${accuracy}


@torch.no_grad()
def evaluate(net, x, y, device):
    """Loss${accuracy ? ' and accuracy' : ''} on a whole split, in evaluation mode (dropout and noise off)."""
    net.eval()
    x, y = x.to(device), y.to(device)
    out = net(x)
    metrics = {"loss": compute_loss(net, out, x, y).item()}${accuracy ? '\n    metrics["accuracy"] = count_correct(out, y) / len(x)' : ''}
    net.train()
    return metrics`;
}

function mainSection(source: ModelSource, e: Emitted): string {
  const t = e.training;
  const accuracy = e.plan.losses.some((l) => l.params.target === 'labels') && source.task === 'classification';
  const early = t.earlyStopping;
  const averaging = t.averaging;
  const earlyInit = early
    ? `\n    best_loss, best_epoch, waited, best_state = math.inf, 0, 0, None  # early stopping: patience ${early.patience}, min delta ${early.minDelta}`
    : '';
  const earlyCheck = early
    ? `
        watched = record.get("valLoss", record["loss"])
        if watched < best_loss - ${early.minDelta}:
            best_loss, best_epoch, waited = watched, epoch + 1, 0${early.restoreBest ? '\n            best_state = {k: v.clone() for k, v in net.state_dict().items()}' : ''}
        else:
            waited += 1
            if waited >= ${early.patience}:
                say(f"early stopping after epoch {epoch + 1}: the best epoch was {best_epoch}")${early.restoreBest ? '\n                net.load_state_dict(best_state)' : ''}
                break`
    : '';
  return `# ---- Training ------------------------------------------------------------------------
def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\\n\\n")[0])
    parser.add_argument("--device", default="cpu", help="cpu, cuda or cuda:N (under torchrun each process takes cuda:LOCAL_RANK)")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--json", action="store_true", help="one JSON object per epoch, as bprop train --json")
    parser.add_argument("--save", metavar="FILE", help="write the trained state_dict here (torch.save)")
    return parser.parse_args()


def main():
    args = parse_args()
    # Under torchrun: one process per rank, gradients averaged by DistributedDataParallel.
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    device = torch.device(args.device)
    if world > 1:
        if device.type == "cuda":
            device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
            torch.cuda.set_device(device)
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
    say = (lambda *a: print(*a, flush=True)) if rank == 0 else (lambda *a: None)
    torch.manual_seed(SEED)

    data = load_data()
    x_train, y_train = data["train"]
    batch = min(BATCH_SIZE, len(x_train))
    if batch % world != 0:
        raise SystemExit(f"the batch of {batch} rows does not split evenly over {world} processes")
    train_set = TensorDataset(x_train, y_train)
    if SAMPLING == "replacement":
        # Each process draws its own rows; the app draws one stream (the order differs anyway).
        sampler = RandomSampler(train_set, replacement=True, num_samples=len(train_set) // world)
    else:
        # The same sampler on one process or many: every global batch holds the same rows.
        sampler = DistributedSampler(train_set, num_replicas=world, rank=rank, shuffle=SAMPLING == "shuffle", seed=SEED)
    loader = DataLoader(train_set, batch_size=batch // world, sampler=sampler)

    net = Net()
    load_weights(net, os.path.join(HERE, WEIGHTS_FILE))
    net.to(device)
    model = DistributedDataParallel(net) if world > 1 else net
    optimizer = make_optimizer(net.parameters())${averaging ? '\n    average = PolyakAverage(net)' : ''}${earlyInit}
    steps = 0
    for epoch in range(args.epochs):
        if isinstance(sampler, DistributedSampler):
            sampler.set_epoch(epoch)
        loss_sum = correct = rows = 0.0
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            for group in optimizer.param_groups:
                group["lr"] = learning_rate(steps if SCHEDULE_PER == "step" else epoch)
            out = model(xb)
            loss = compute_loss(net, out, xb, yb)
            optimizer.zero_grad()
            loss.backward()
            if L1:
                for p in net.parameters():
                    p.grad.add_(torch.sign(p.detach()), alpha=L1)
            optimizer.step()${averaging ? '\n            average.update()' : ''}
            steps += 1
            loss_sum += loss.item() * len(xb)${accuracy ? '\n            correct += count_correct(out, yb)' : ''}
            rows += len(xb)
        totals = torch.tensor([loss_sum, correct, rows], dtype=torch.float64)
        if world > 1:
            dist.all_reduce(totals)  # the epoch's sums over every process
        record = {"epoch": epoch + 1, "loss": totals[0].item() / totals[2].item()}${accuracy ? '\n        record["accuracy"] = totals[1].item() / totals[2].item()' : ''}
        if len(data["validation"][0]) > 0:${averaging ? '\n            average.swap()' : ''}
            val = evaluate(net, *data["validation"], device)${averaging ? '\n            average.swap()' : ''}
            record.update({"val" + k[0].upper() + k[1:]: v for k, v in val.items()})
        say(json.dumps(record) if args.json else "  ".join(f"{k} {v:.6g}" for k, v in record.items()))${earlyCheck}

    if len(data["test"][0]) > 0:${averaging ? '\n        average.swap()' : ''}
        test = evaluate(net, *data["test"], device)
        say(json.dumps({"done": True, "test": test}) if args.json else "test  " + "  ".join(f"{k} {v:.6g}" for k, v in test.items()))
    elif args.json:
        say(json.dumps({"done": True}))
    if args.save and rank == 0:
        torch.save(net.state_dict(), args.save)
    if world > 1:
        dist.destroy_process_group()`;
}

