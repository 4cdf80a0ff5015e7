/**
 * The step-through's words and formulas (pure, so tests pin them): neuron and weight names in the
 * notation of each lecture deck, and each stage's formula with the engine's numbers substituted.
 * The numbers shown as results are the engine's (from the trace); the products written out
 * beside them only spell out where those results come from.
 *
 * Neurons are addressed by column (0 = the input, k + 1 = Dense layer k) and unit (0-based).
 */
import type { BackwardStage, ForwardStage, LossStage, StepTrace, TraceStage, UpdateStage } from '../../../../shared/protocol-trace';

export type Notation = 'deck000' | 'deck001' | 'deck004';

export const NOTATIONS: readonly { id: Notation; label: string }[] = [
  { id: 'deck000', label: 'in, a, Δ (deck 000)' },
  { id: 'deck001', label: 'a, o, δ (deck 001)' },
  { id: 'deck004', label: 'p, o, δ, Θ (deck 004)' },
];

/** Neurons shown per layer before "…" (wider layers are summarised). */
export const SHOWN_UNITS = 8;

const SUB = '₀₁₂₃₄₅₆₇₈₉';
const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const sub = (n: number): string => String(n).replace(/\d/g, (d) => SUB[Number(d)]!);
const sup = (n: number): string => String(n).replace(/\d/g, (d) => SUP[Number(d)]!);

export interface Names {
  /** The pre-activation (weighted sum) of a neuron, its output, its Δ, and ∂L/∂(output). */
  pre(column: number, unit: number): string;
  out(column: number, unit: number): string;
  delta(column: number, unit: number): string;
  /** The weight from unit `from` of column − 1 to unit `to` of `column`; the bias of `to`. */
  weight(column: number, from: number, to: number): string;
  bias(column: number, to: number): string;
  /** The sum's term over the next layer's neurons k for neuron `from` of column − 1: "w₃,ₖ·Δₖ". */
  sumTerm(column: number, from: number): string;
  /** The symbol of the whole weight family, for rules ("w" or "Θ"). */
  w: string;
}

/** Names in the chosen deck's notation for columns of these widths (input first). */
export function namesFor(notation: Notation, widths: readonly number[]): Names {
  if (notation === 'deck000') {
    // Deck 000 numbers every node of the network: inputs 1, 2, …, then each layer's neurons.
    const offsets = widths.map((_, c) => widths.slice(0, c).reduce((s, n) => s + n, 0));
    const id = (c: number, u: number) => offsets[c]! + u + 1;
    return {
      pre: (c, u) => `in${sub(id(c, u))}`,
      out: (c, u) => (c === 0 ? `x${sub(id(c, u))}` : `a${sub(id(c, u))}`),
      delta: (c, u) => `Δ${sub(id(c, u))}`,
      weight: (c, i, j) => `w${sub(id(c - 1, i))},${sub(id(c, j))}`,
      bias: (c, j) => `w${sub(0)},${sub(id(c, j))}`,
      sumTerm: (c, i) => `w${sub(id(c - 1, i))},ₖ·Δₖ`,
      w: 'w',
    };
  }
  if (notation === 'deck001') {
    // Deck 001: layer k (1 … m), a = weighted sum, o = output, δ = ∂L/∂a, w_ij^k.
    return {
      pre: (c, u) => `a${sub(u + 1)}${sup(c)}`,
      out: (c, u) => `o${sub(u + 1)}${sup(c)}`,
      delta: (c, u) => `δ${sub(u + 1)}${sup(c)}`,
      weight: (c, i, j) => `w${sub(i + 1)},${sub(j + 1)}${sup(c)}`,
      bias: (c, j) => `w${sub(0)},${sub(j + 1)}${sup(c)}`,
      sumTerm: (c, i) => `w${sub(i + 1)},ₗ${sup(c)}·δₗ${sup(c)}`,
      w: 'w',
    };
  }
  // Deck 004: layer (l), the input is o⁽⁰⁾; p = Θ·o; Θ_ji^(l−1) goes from neuron i of layer l − 1 to j of layer l.
  return {
    pre: (c, u) => `p${sub(u + 1)}⁽${sup(c)}⁾`,
    out: (c, u) => `o${sub(u + 1)}⁽${sup(c)}⁾`,
    delta: (c, u) => `δ${sub(u + 1)}⁽${sup(c)}⁾`,
    weight: (c, i, j) => `Θ${sub(j + 1)},${sub(i + 1)}⁽${sup(c - 1)}⁾`,
    bias: (c, j) => `Θ${sub(j + 1)},${sub(0)}⁽${sup(c - 1)}⁾`,
    sumTerm: (c, i) => `Θₖ,${sub(i + 1)}⁽${sup(c - 1)}⁾·δₖ⁽${sup(c)}⁾`,
    w: 'Θ',
  };
}

/** A number as the worked examples print it: at most 6 decimals, a true minus sign. */
export function num(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const s = String(Number(v.toFixed(6)));
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

/** A factor in a product: negative numbers in parentheses. */
const factor = (v: number): string => (v < 0 ? `(${num(v)})` : num(v));

/** The activation's name in formulas. */
export function activationName(type: string | null): string {
  if (type === null) return 'identity';
  return ({ sigmoid: 'σ', tanh: 'tanh', relu: 'ReLU', leakyRelu: 'LeakyReLU', elu: 'ELU', softplus: 'softplus', softmax: 'softmax', logSoftmax: 'log-softmax', step: 'step', sign: 'sign', identity: 'identity' } as Record<string, string>)[type] ?? type;
}

export const widthsOf = (trace: StepTrace): number[] => [trace.layers[0]?.inputs ?? 0, ...trace.layers.map((l) => l.units)];

/** The Dense layer (index into trace.layers) a stage is about; null for the loss. */
export function layerOf(trace: StepTrace, stage: TraceStage): number | null {
  if (stage.stage === 'loss') return null;
  return trace.layers.findIndex((l) => l.node === stage.node);
}

/** What a student points at: a neuron, or a weight (the edge from unit `from` of column − 1 to unit `to`). */
export type Focus = { kind: 'neuron'; column: number; unit: number } | { kind: 'weight'; column: number; from: number; to: number };

const STAGE_WORDS = { forward: 'Forward pass', loss: 'Loss', backward: 'Backward pass', update: 'Update' } as const;

export function stageTitle(trace: StepTrace, index: number): string {
  const count = trace.stages.length + 1;
  if (index >= trace.stages.length) return `Stage ${count} of ${count}: done`;
  const stage = trace.stages[index]!;
  return `Stage ${index + 1} of ${count}: ${STAGE_WORDS[stage.stage]}${stage.stage === 'loss' ? '' : `, layer ${stage.node}`}`;
}

/** The neuron (or weight) a stage explains when nothing is pointed at: its layer's first neuron. */
export function defaultFocus(trace: StepTrace, index: number): Focus | null {
  const stage = trace.stages[index];
  if (!stage) return null;
  const layer = layerOf(trace, stage);
  if (layer === null) return { kind: 'neuron', column: trace.layers.length, unit: 0 };
  return stage.stage === 'update' ? { kind: 'weight', column: layer + 1, from: 0, to: 0 } : { kind: 'neuron', column: layer + 1, unit: 0 };
}

function stageOf<S extends TraceStage>(trace: StepTrace, kind: S['stage'], node: string): S | undefined {
  return trace.stages.find((s) => s.stage === kind && s.node === node) as S | undefined;
}

/**
 * The formula of stage `index` for the focused neuron or weight, with numbers, as lines of text.
 * `row` is the batch row shown (0 for one sample).
 */
export function explain(trace: StepTrace, index: number, focus: Focus | null, notation: Notation, row = 0): string[] {
  const names = namesFor(notation, widthsOf(trace));
  if (index >= trace.stages.length) {
    return [`One ${trace.optimizer} step done: the loss on ${trace.rows === 1 ? 'this sample' : 'these rows'} went from ${num(trace.lossBefore)} to ${num(trace.lossAfter)}.`];
  }
  const stage = trace.stages[index]!;
  if (stage.stage === 'loss') return explainLoss(trace, stage, names, row);
  const k = layerOf(trace, stage)!;
  const c = k + 1;
  const f = focus && focus.column === c ? focus : defaultFocus(trace, index)!;
  if (stage.stage === 'update') return explainUpdate(trace, stage, names, c, f);
  const j = f.kind === 'neuron' ? f.unit : f.to;
  if (stage.stage === 'forward') return explainForward(trace, stage, names, c, j, row);
  return explainBackward(trace, stage, names, c, f, row);
}

function explainForward(trace: StepTrace, s: ForwardStage, names: Names, c: number, j: number, row: number): string[] {
  const layer = trace.layers[c - 1]!;
  const weights = stageOf<UpdateStage>(trace, 'update', s.node)!.before;
  const x = s.x.slice(row * layer.inputs, (row + 1) * layer.inputs);
  const terms = x.map((_, i) => `${names.weight(c, i, j)}·${names.out(c - 1, i)}`);
  const numbers = x.map((v, i) => `${factor(weights.kernel[i]![j]!)}·${factor(v)}`);
  const bias = weights.bias ? [names.bias(c, j)] : [];
  const biasValue = weights.bias ? [num(weights.bias[j]!)] : [];
  const shown = (list: string[]) => (list.length > SHOWN_UNITS ? [...list.slice(0, SHOWN_UNITS), '…'] : list);
  const pre = s.in[row * layer.units + j]!;
  const out = s.a[row * layer.units + j]!;
  const g = activationName(layer.activation);
  const lines = [
    `${names.pre(c, j)} = ${[...bias, ...shown(terms)].join(' + ')}`,
    `    = ${[...biasValue, ...shown(numbers)].join(' + ')} = ${num(pre)}`,
  ];
  if (layer.activation === 'softmax') lines.push(`${names.out(c, j)} = softmax(${names.pre(c, 0)}, …)${j} = ${num(out)}`);
  else lines.push(`${names.out(c, j)} = ${g}(${names.pre(c, j)}) = ${g}(${num(pre)}) = ${num(out)}`);
  return lines;
}

function explainLoss(trace: StepTrace, s: LossStage, names: Names, row: number): string[] {
  const c = trace.layers.length;
  const outputs = s.prediction.length / trace.rows;
  const lines = [`${s.form}   (node ${s.node})`];
  for (let j = 0; j < Math.min(outputs, SHOWN_UNITS); j++) {
    const y = s.targetKind === 'classIndex' ? (s.target[row] === j ? 1 : 0) : s.target[row * outputs + j]!;
    const d = s.dPrediction ? `,  ∂L/∂${names.out(c, j)} = ${num(s.dPrediction[row * outputs + j]!)}` : '';
    lines.push(`ŷ = ${names.out(c, j)} = ${num(s.prediction[row * outputs + j]!)},  y = ${num(y)}${d}`);
  }
  if (outputs > SHOWN_UNITS) lines.push(`… (${outputs} outputs)`);
  const sum = squaredErrorSum(s, trace.rows * outputs);
  lines.push(`L = ${sum}${num(s.value)}${s.penalty ? ` (penalties ${num(s.penalty)} included)` : ''}`);
  return lines;
}

/** MSE over a few values written out with its numbers ("½ (1 − 0.497729)² = "), else nothing. */
function squaredErrorSum(s: LossStage, count: number): string {
  const se = s.squaredError;
  if (!se || count > 4) return '';
  const terms = s.prediction.map((p, i) => `(${num(s.target[i]!)} − ${factor(p)})²`).join(' + ');
  const scale = se.scale === 1 ? '' : se.scale === 0.5 ? '½ ' : `${num(se.scale)} · `;
  const body = count === 1 ? terms : `(${terms})`;
  return se.reduction === 'sum' ? `${scale}${body} = ` : `${scale}${body} / ${count} = `;
}

function explainBackward(trace: StepTrace, s: BackwardStage, names: Names, c: number, f: Focus, row: number): string[] {
  const layer = trace.layers[c - 1]!;
  const j = f.kind === 'neuron' ? f.unit : f.to;
  const at = row * layer.units + j;
  const delta = s.delta[at]!;
  const lines: string[] = [];
  if (layer.fusedWithLoss) {
    lines.push(`${names.delta(c, j)} = ∂L/∂${names.pre(c, j)} = ŷ − y (${activationName(layer.activation)} and the loss together${trace.rows > 1 ? ', divided by the batch size' : ''}) = ${num(delta)}`);
  } else if (c === trace.layers.length) {
    const dA = s.dA![at]!;
    const gp = s.gPrime?.[at];
    lines.push(`${names.delta(c, j)} = ∂L/∂${names.out(c, j)} · g′(${names.pre(c, j)})`);
    lines.push(gp === undefined ? `    = ${num(dA)} (no elementwise g′) → ${num(delta)}` : `    = ${factor(dA)} × ${factor(gp)} = ${num(delta)}`);
  } else {
    const next = trace.layers[c]!;
    const nextDelta = stageOf<BackwardStage>(trace, 'backward', next.node)!.delta;
    const nextW = stageOf<UpdateStage>(trace, 'update', next.node)!.before.kernel;
    const ks = Array.from({ length: Math.min(next.units, SHOWN_UNITS) }, (_, k) => k);
    const more = next.units > SHOWN_UNITS ? ' + …' : '';
    const gp = s.gPrime?.[at];
    const sum = s.dA![at]!;
    lines.push(`${names.delta(c, j)} = g′(${names.pre(c, j)}) · Σ ${names.sumTerm(c + 1, j)}`);
    lines.push(`    Σ = ${ks.map((k) => `${factor(nextW[j]![k]!)}·${factor(nextDelta[row * next.units + k]!)}`).join(' + ')}${more} = ${num(sum)}`);
    lines.push(gp === undefined ? `    ${names.delta(c, j)} = ${num(delta)}` : `    ${names.delta(c, j)} = ${factor(gp)} × ${factor(sum)} = ${num(delta)}`);
  }
  // This neuron view shows Dense layers only (conv traces go to the map view), so grads exist.
  const grads = s.grads!;
  if (f.kind === 'weight') {
    const xs = stageOf<ForwardStage>(trace, 'forward', s.node)!.x;
    const grad = grads.kernel[f.from]![f.to]!;
    const a = xs[row * layer.inputs + f.from]!;
    lines.push(`∂L/∂${names.weight(c, f.from, f.to)} = ${names.out(c - 1, f.from)} · ${names.delta(c, f.to)} = ${trace.rows === 1 ? `${factor(a)} × ${factor(delta)} = ` : 'Σ over the batch = '}${num(grad)}`);
  } else if (grads.bias) {
    lines.push(`∂L/∂${names.bias(c, j)} = ${trace.rows === 1 ? names.delta(c, j) : `Σ over the batch of ${names.delta(c, j)}`} = ${num(grads.bias[j]!)}`);
  }
  if (s.penalized) lines.push('(the gradients include the layer’s L1/L2 penalty)');
  return lines;
}

function explainUpdate(trace: StepTrace, s: UpdateStage, names: Names, c: number, f: Focus): string[] {
  const [i, j] = f.kind === 'weight' ? [f.from, f.to] : [0, f.unit];
  const grad = stageOf<BackwardStage>(trace, 'backward', s.node)!.grads!.kernel[i]![j]!;
  const before = s.before.kernel[i]![j]!;
  const after = s.after.kernel[i]![j]!;
  const w = names.weight(c, i, j);
  const rule = s.rule.replaceAll('w', names.w);
  const lines = [`${trace.optimizer}: ${rule},  α = ${num(s.learningRate)}`];
  if (s.plainGradientStep) lines.push(`${w} ← ${num(before)} − ${num(s.learningRate)} × ${factor(grad)} = ${num(after)}`);
  else lines.push(`${w}: ${num(before)} → ${num(after)}   (∂L/∂${w} = ${num(grad)})`);
  if (s.before.bias && s.after.bias) lines.push(`${names.bias(c, j)}: ${num(s.before.bias[j]!)} → ${num(s.after.bias[j]!)}`);
  return lines;
}

/** The current stage's values of its whole layer, summarised: "Δ₃…: −0.021919, 0.015482". */
export function stageValues(trace: StepTrace, index: number, notation: Notation, row = 0): string[] {
  const stage = trace.stages[index];
  if (!stage) return [`loss before ${num(trace.lossBefore)}, after ${num(trace.lossAfter)}`];
  const names = namesFor(notation, widthsOf(trace));
  const list = (values: readonly number[], units: number, name: (u: number) => string) => {
    const part = values.slice(row * units, row * units + Math.min(units, SHOWN_UNITS));
    return part.map((v, u) => `${name(u)} = ${num(v)}`).join(',  ') + (units > SHOWN_UNITS ? `,  … (${units} neurons)` : '');
  };
  if (stage.stage === 'loss') return [`L = ${num(stage.value)}`];
  const k = layerOf(trace, stage)!;
  const c = k + 1;
  const units = trace.layers[k]!.units;
  if (stage.stage === 'forward') return [list(stage.in, units, (u) => names.pre(c, u)), list(stage.a, units, (u) => names.out(c, u))];
  if (stage.stage === 'backward') return [list(stage.delta, units, (u) => names.delta(c, u))];
  const flat = stage.after.kernel.flat().length;
  return [`${flat} weights${stage.after.bias ? ` and ${stage.after.bias.length} biases` : ''} updated`];
}

/** Up to 4 values, 4 decimals: what fits on a canvas node. */
function short(values: readonly number[], units: number): string {
  const part = values.slice(0, Math.min(units, 4)).map((v) => String(Number(v.toFixed(4))).replace('-', '−'));
  return `[${part.join(', ')}${units > 4 ? ', …' : ''}]`;
}

/** The short text a canvas node shows at this stage (its in, a, Δ, ∂L/∂a, new biases or the loss), or null. */
export function stageTextFor(trace: StepTrace, index: number, nodeId: string, row = 0): string | null {
  const stage = trace.stages[index];
  if (!stage) return null;
  if (stage.stage === 'loss') return stage.node === nodeId ? `L = ${String(Number(stage.value.toFixed(6)))}` : null;
  const layer = trace.layers.find((l) => l.node === stage.node);
  if (!layer) return null;
  const units = layer.units;
  if (stage.stage === 'forward') {
    if (nodeId === layer.node) return `in = ${short(stage.in.slice(row * units), units)}`;
    if (nodeId === layer.activationNode) return `a = ${short(stage.a.slice(row * units), units)}`;
  } else if (stage.stage === 'backward') {
    if (nodeId === layer.node) return `Δ = ${short(stage.delta.slice(row * units), units)}`;
    if (nodeId === layer.activationNode && stage.dA) return `∂L/∂a = ${short(stage.dA.slice(row * units), units)}`;
  } else if (nodeId === layer.node) {
    return `b → ${short(stage.after.bias ?? [], stage.after.bias?.length ?? 0)}`;
  }
  return null;
}
