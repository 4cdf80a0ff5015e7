/**
 * The training half of the exported script (script.ts writes the header, settings and network):
 * reading and splitting the data, the loss, the optimiser and schedule, Polyak averaging, the
 * evaluation and the main loop (one process, or DistributedDataParallel under torchrun).
 */
import type { ResolvedNode } from '../../shared/graph';
import type { NodeType } from '../../shared/nodes';
import type { ModelSource } from '../source';
import { torchLayers, type TorchLoss, type TorchTargets } from './layers';
import { activityPenalty, indent, pyBool, pyNumber, str, type Emitted, type ScriptOptions } from './script-text';

export function dataSection(source: ModelSource, options: ScriptOptions): string {
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

export function lossSection(source: ModelSource, e: Emitted): string {
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

export function optimizerSection(e: Emitted): string {
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

export const AVERAGING = `class PolyakAverage:
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

export function evaluateSection(source: ModelSource, e: Emitted): string {
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

export function mainSection(source: ModelSource, e: Emitted): string {
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
