/**
 * Where a training step's time goes (`bprop bench --profile`). One profiler per engine, off by
 * default. Every moment between start() and stop() is charged to exactly one cell (an op kind ×
 * a stage), so the cells add up to the profiled time by construction:
 *   - the op kind is what the step is doing: data (shuffling, gathering the batch, encoding
 *     the targets, the Input node), a layer
 *     (Model.forward/backward switch to each layer's kind: convolution, pooling, activation, loss,
 *     or one kind per other node type: dense, flatten, batch norm, …), zeroing the gradients,
 *     the optimiser, or `other` (the trainer's bookkeeping and metrics);
 *   - the stage splits a layer's time further where the backend reports it: packing operands,
 *     the GEMM micro-kernel, writing the product back (or its own code: `self`).
 * So a Dense layer's products show as GEMM pack/kernel/write-back and its bias loops as
 * `dense`; a convolution's packing, kernel and write-back stay the convolution's. Evaluation
 * (validation at an epoch's end) goes through the same layers and is charged to them.
 * Exceptions thrown mid-step (divergence) leave the profiler where it was; stop() still closes it.
 *
 * Cost: with profiling off, each timing point is one load of `stepProfile.on` and a branch not
 * taken, read outside the compute loops (nothing allocated: test/engine/allocation.test.ts).
 * With it on, each switch is a performance.now() (~0.1 µs on the 2-vCPU box): tiny steps (W1)
 * slow down noticeably, which is why the bench prints profiled and unprofiled samples/s.
 */
import { getNodeSpec, nodeTypes } from '../shared/nodes';

/** Fixed op kinds; node types without a kind of their own follow (FIRST_NODE_KIND + their index). */
export const KIND_OTHER = 0;
export const KIND_DATA = 1;
export const KIND_OPTIMIZER = 2;
export const KIND_ZERO_GRADIENTS = 3;
export const KIND_CONV = 4;
export const KIND_POOLING = 5;
export const KIND_ACTIVATION = 6;
export const KIND_LOSS = 7;
const FIRST_NODE_KIND = 8;
const KIND_COUNT = FIRST_NODE_KIND + nodeTypes.length;

/** Stages of a layer's time. */
export const STAGE_SELF = 0;
export const STAGE_PACK = 1;
export const STAGE_KERNEL = 2;
export const STAGE_WRITE_BACK = 3;
const STAGES = 4;

/** Node types timed as one op kind (the rest by their registry category, else per node type). */
const CONV_TYPES: readonly string[] = ['conv2d'];
const POOLING_TYPES: readonly string[] = ['maxPool2d', 'avgPool2d'];

/** The op kind a layer of this node type is charged to. */
export function opKindOf(type: string): number {
  if (CONV_TYPES.includes(type)) return KIND_CONV;
  if (POOLING_TYPES.includes(type)) return KIND_POOLING;
  const spec = getNodeSpec(type);
  if (spec === undefined) return KIND_OTHER;
  if (spec.category === 'input') return KIND_DATA; // the data entry point
  if (spec.category === 'activation') return KIND_ACTIVATION;
  if (spec.category === 'loss') return KIND_LOSS;
  return FIRST_NODE_KIND + nodeTypes.indexOf(spec.type as (typeof nodeTypes)[number]);
}

class StepProfiler {
  /** The one switch every timing point checks. */
  on = false;
  /** Milliseconds per cell, kind·STAGES + stage, summed since the last reset(). */
  private readonly ms = new Float64Array(KIND_COUNT * STAGES);
  private kind = KIND_OTHER;
  private stageNow = STAGE_SELF;
  private last = 0;
  private startedAt = 0;
  private spanMs = 0;

  /** Charges the time so far, then makes `kind` current (its own code); returns the kind that was. */
  enter(kind: number): number {
    const was = this.kind;
    this.charge();
    this.kind = kind;
    this.stageNow = STAGE_SELF;
    return was;
  }

  /** Charges the time so far, then makes `stage` current within the current kind. */
  stage(stage: number): void {
    this.charge();
    this.stageNow = stage;
  }

  private charge(): void {
    const t = performance.now();
    this.ms[this.kind * STAGES + this.stageNow] += t - this.last;
    this.last = t;
  }

  /** Profiles from now on, charging to `other` until a timing point says otherwise. */
  start(): void {
    this.kind = KIND_OTHER;
    this.stageNow = STAGE_SELF;
    this.last = performance.now();
    this.startedAt = this.last;
    this.on = true;
  }

  /** Charges the time since the last timing point, then stops profiling. */
  stop(): void {
    if (!this.on) return;
    this.charge();
    this.spanMs += this.last - this.startedAt;
    this.on = false;
  }

  reset(): void {
    this.ms.fill(0);
    this.spanMs = 0;
  }

  /**
   * Milliseconds between each start() and its stop() since reset(), read from the same clock
   * reads as the cells: the cells add up to it (up to float rounding) when no moment is lost.
   */
  profiledMs(): number {
    return this.spanMs;
  }

  /** Milliseconds charged to each cell since reset(). */
  cells(): Float64Array {
    return this.ms.slice();
  }
}

/** The engine's profiler. */
export const stepProfile = new StepProfiler();

/** One line of a profile: an op (stable id), its time per step and its share of the profiled total. */
export interface ProfileRow {
  op: string;
  msPerStep: number;
  share: number;
}

/** Rows in report order: the ids, and the labels of the text table. */
const FIXED_ROWS: readonly { op: string; label: string }[] = [
  { op: 'gemm.pack', label: 'GEMM: packing operands' },
  { op: 'gemm.kernel', label: 'GEMM: micro-kernel' },
  { op: 'gemm.writeBack', label: 'GEMM: write-back' },
  { op: 'conv.pack', label: 'convolution: padding, im2col, packing' },
  { op: 'conv.kernel', label: 'convolution: GEMM micro-kernel' },
  { op: 'conv.writeBack', label: 'convolution: write-back (bias, col2im, dW)' },
  { op: 'conv.other', label: 'convolution: other' },
  { op: 'pooling', label: 'pooling' },
  { op: 'activation', label: 'activations' },
  { op: 'loss', label: 'loss' },
  { op: 'optimizer', label: 'optimizer' },
  { op: 'data', label: 'data (shuffle, gather, encode targets)' },
  { op: 'zeroGradients', label: 'zeroing gradients' },
  { op: 'other', label: 'other (bookkeeping, metrics)' },
];

/** The text-table label of a row id (`layer.<type>`: the node type, outside its GEMMs). */
export function profileRowLabel(op: string): string {
  const fixed = FIXED_ROWS.find((r) => r.op === op);
  if (fixed) return fixed.label;
  const type = op.startsWith('layer.') ? op.slice(6) : op;
  return `${getNodeSpec(type)?.label ?? type} layers${type === 'dense' ? ' (bias; GEMMs above)' : ''}`;
}

/**
 * The profile of `steps` steps from the cells of stepProfile.cells(): every fixed row (0 where
 * nothing ran), then one `layer.<type>` row per other node type that took time, before
 * `optimizer`. Shares are of the sum of all rows, which is the profiled time.
 */
export function profileRows(cells: Float64Array, steps: number): ProfileRow[] {
  const cell = (kind: number, stage: number) => cells[kind * STAGES + stage]!;
  let gemmPack = 0, gemmKernel = 0, gemmWrite = 0;
  for (let k = 0; k < KIND_COUNT; k++) {
    if (k === KIND_CONV) continue;
    gemmPack += cell(k, STAGE_PACK);
    gemmKernel += cell(k, STAGE_KERNEL);
    gemmWrite += cell(k, STAGE_WRITE_BACK);
  }
  const fixed: Record<string, number> = {
    'gemm.pack': gemmPack,
    'gemm.kernel': gemmKernel,
    'gemm.writeBack': gemmWrite,
    'conv.pack': cell(KIND_CONV, STAGE_PACK),
    'conv.kernel': cell(KIND_CONV, STAGE_KERNEL),
    'conv.writeBack': cell(KIND_CONV, STAGE_WRITE_BACK),
    'conv.other': cell(KIND_CONV, STAGE_SELF),
    pooling: cell(KIND_POOLING, STAGE_SELF),
    activation: cell(KIND_ACTIVATION, STAGE_SELF),
    loss: cell(KIND_LOSS, STAGE_SELF),
    optimizer: cell(KIND_OPTIMIZER, STAGE_SELF),
    data: cell(KIND_DATA, STAGE_SELF),
    zeroGradients: cell(KIND_ZERO_GRADIENTS, STAGE_SELF),
    other: cell(KIND_OTHER, STAGE_SELF),
  };
  const byType: [string, number][] = [];
  for (let i = 0; i < nodeTypes.length; i++) {
    const ms = cell(FIRST_NODE_KIND + i, STAGE_SELF);
    if (ms > 0) byType.push([`layer.${nodeTypes[i]}`, ms]);
  }
  const ordered: [string, number][] = [];
  for (const { op } of FIXED_ROWS) {
    if (op === 'optimizer') ordered.push(...byType);
    ordered.push([op, fixed[op]!]);
  }
  let total = 0;
  for (const [, ms] of ordered) total += ms;
  const per = steps > 0 ? 1 / steps : 0;
  return ordered.map(([op, ms]) => ({ op, msPerStep: ms * per, share: total > 0 ? ms / total : 0 }));
}
