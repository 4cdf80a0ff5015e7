/**
 * The optimiser base: it owns the loop over the parameters, the gradient penalties, the step
 * count and the state buffers, so each optimiser only writes its per-element update
 * (the shape of tinygrad's nn/optim.py).
 */
import type { OptimizerType } from '../../shared/project-types';
import type { Param } from '../tensor';
import { arenaLoopsInWasm } from '../backend';
import { arenaOf, SCALAR, type OptimExports, type ParamArena, type SlotHolder } from '../backend/wasm-optim';

export interface Optimizer {
  readonly type: OptimizerType;
  /** One update of every (trainable) param from its .grad, with this learning rate. */
  step(lr: number): void;
  /**
   * step(learningRate) for the training loop: set `learningRate`, then call update(). A double
   * passed to (or returned from) a call V8 does not inline is boxed on the heap each time; a
   * double field is written in place, so the step allocates nothing (test/engine/allocation.test.ts).
   */
  learningRate: number;
  update(): void;
  /** Forget state (momentum buffers, moments, step count). */
  reset(): void;
  /** The params it updates, in slot order. */
  readonly params: readonly Param[];
  /** Where param i's values start in every slot. */
  offsetOf(i: number): number;
  /** Names of the state buffers, one per slot, as PyTorch's state_dict calls them (e.g. Adam's expAvg, expAvgSq). */
  readonly slotNames: readonly string[];
  /** A copy of the state: the step count and every slot (allocates; never called inside a step). */
  getState(): OptimizerSnapshot;
  /** Copies a state taken from an optimiser of the same type and params into this one (allocates nothing). */
  setState(state: OptimizerSnapshot): void;
}

/** The optimiser's state in the engine's form: slot values end to end over the params, as `slots`. */
export interface OptimizerSnapshot {
  /** Steps taken (the t of bias corrections and Adagrad's decay). */
  step: number;
  /** One array per slot name, in slotNames' order, each as long as all params together. */
  slots: Float32Array[];
}

export interface PenaltyOptions {
  /**
   * L2 coefficient: g = grad + weightDecay·p (coupled, as PyTorch's `weight_decay`), on every
   * param declared with `decay: true` (kernels and biases alike, as PyTorch applies weight_decay
   * to every param of its group); a param with `decay: false` is a group with weight_decay 0.
   */
  weightDecay: number;
  /** L1 coefficient: g += l1·sign(p), on the same params as weightDecay. */
  l1: number;
}

export abstract class OptimizerBase implements Optimizer, SlotHolder {
  abstract readonly type: OptimizerType;
  abstract readonly slotNames: readonly string[];
  /**
   * The state buffers ("slots": momentum, first/second moments, ...). Each slot is ONE
   * Float32Array covering every parameter end to end, allocated at construction and only
   * ever zeroed afterwards; param i's element j lives at index offsets[i] + j.
   * When the params live in a WebAssembly arena (a compiled model's, backend/wasm-optim.ts), the
   * slots are views of the same memory and the update runs there (`updateParamInWasm`); an
   * optimiser built later on the same params takes the arena's slots over, and this one then
   * keeps copies of its state and goes on with the JS loops (releaseArena).
   */
  get slots(): readonly Float32Array[] {
    return this.slotArrays;
  }
  private slotArrays: Float32Array[];
  private arena: ParamArena | null = null;
  private readonly offsets: Int32Array;
  private readonly weightDecay: number;
  private readonly l1: number;
  private t = 0;
  learningRate = 0;
  /** The penalties of the param being updated (0 for one declared without decay); fields for the reason given at `learningRate`. */
  protected paramWeightDecay = 0;
  protected paramL1 = 0;

  protected constructor(
    readonly params: readonly Param[],
    slotCount: number,
    penalties: PenaltyOptions,
  ) {
    this.offsets = new Int32Array(params.length);
    let total = 0;
    params.forEach((p, i) => {
      // Guards hand-made lists: buffers (running statistics) are never the optimiser's.
      if ((p as { trainable: boolean }).trainable !== true) throw new Error(`optimizer: ${p.nodeId}.${p.name} is a buffer, not a trainable param`);
      if (p.grad.length !== p.data.length) throw new Error(`optimizer: param ${p.nodeId}.${p.name} has ${p.data.length} values but ${p.grad.length} gradients`);
      this.offsets[i] = total;
      total += p.data.length;
    });
    const arena = arenaOf(params);
    if (arena !== null && arena.fits(slotCount, total)) {
      this.arena = arena;
      this.slotArrays = arena.claimSlots(this, slotCount, total);
    } else {
      this.slotArrays = Array.from({ length: slotCount }, () => new Float32Array(total));
    }
    this.weightDecay = penalties.weightDecay;
    this.l1 = penalties.l1;
  }

  /** Number of steps taken since construction or the last reset (1 during the first step). */
  get stepCount(): number {
    return this.t;
  }

  step(lr: number): void {
    this.learningRate = lr;
    this.update();
  }

  /** Whether the updates run in WebAssembly (the params live in an arena whose slots this optimiser holds). */
  get updatesInWasm(): boolean {
    return this.arena !== null && arenaLoopsInWasm();
  }

  update(): void {
    this.t++;
    this.beginStep(this.t);
    if (this.updatesInWasm) {
      this.updateInWasm(this.arena!);
      return;
    }
    const weightDecay = this.weightDecay;
    const l1Weight = this.l1;
    for (let i = 0; i < this.params.length; i++) {
      const param = this.params[i];
      const penalised = param.decay;
      this.paramWeightDecay = penalised ? weightDecay : 0;
      this.paramL1 = penalised ? l1Weight : 0;
      this.updateParam(param.data, param.grad, this.offsets[i]);
    }
  }

  private updateInWasm(arena: ParamArena): void {
    const scalars = arena.scalars;
    scalars[SCALAR.learningRate] = this.learningRate;
    this.writeScalars(scalars);
    const slots = this.slotArrays;
    // Slots this optimiser does not keep get address 0: the kernels do not touch them.
    const slot0 = slots.length > 0 ? slots[0].byteOffset : 0;
    const slot1 = slots.length > 1 ? slots[1].byteOffset : 0;
    for (let i = 0; i < this.params.length; i++) {
      const param = this.params[i];
      const penalised = param.decay;
      scalars[SCALAR.weightDecay] = penalised ? this.weightDecay : 0;
      scalars[SCALAR.l1] = penalised ? this.l1 : 0;
      const offset = this.offsets[i] * 4;
      // A param's values and gradients are views of the arena's memory: their byte offsets are their addresses there.
      const { data, grad } = param;
      this.updateParamInWasm(arena.kernels, data.byteOffset, grad.byteOffset, slot0 === 0 ? 0 : slot0 + offset, slot1 === 0 ? 0 : slot1 + offset, data.length);
    }
  }

  /** Takes the state out of the arena (another optimiser claimed its slots): copies, and the JS loops from now on. */
  releaseArena(): void {
    this.slotArrays = this.slotArrays.map((slot) => new Float32Array(slot));
    this.arena = null;
  }

  reset(): void {
    this.t = 0;
    for (const slot of this.slots) slot.fill(0);
  }

  getState(): OptimizerSnapshot {
    return { step: this.t, slots: this.slots.map((slot) => new Float32Array(slot)) };
  }

  setState(state: OptimizerSnapshot): void {
    if (state.slots.length !== this.slots.length) throw new Error(`optimizer: the state has ${state.slots.length} slots, ${this.type} here keeps ${this.slots.length}`);
    state.slots.forEach((slot, i) => {
      if (slot.length !== this.slots[i].length) throw new Error(`optimizer: slot ${this.slotNames[i]} holds ${slot.length} values, the params need ${this.slots[i].length}`);
    });
    if (!Number.isInteger(state.step) || state.step < 0) throw new Error(`optimizer: step must be a whole number ≥ 0 (got ${state.step})`);
    state.slots.forEach((slot, i) => this.slots[i].set(slot));
    this.t = state.step;
  }

  /** Where param i's values start in every slot. */
  offsetOf(i: number): number {
    return this.offsets[i];
  }

  /**
   * Per-step scalars (bias corrections, decayed rates) computed once before the loop, from
   * `learningRate` and the step count t; none by default (RMSprop).
   */
  protected beginStep(_t: number): void {}

  /**
   * Updates one param in place: data[j] from grad[j] (plus the penalties paramWeightDecay and
   * paramL1: use penalisedGradient),
   * its state at slot index offset + j. One call per param with the loop inside, so the loop is
   * one tight monomorphic function per optimiser (a call per element cost about a sixth of a W2
   * step).
   */
  protected abstract updateParam(data: Float32Array, grad: Float32Array, offset: number): void;

  /**
   * Writes this step's scalars (after beginStep) where optim.wat reads them (SCALAR); the base
   * has written the learning rate and writes each param's penalties.
   */
  protected abstract writeScalars(scalars: Float32Array): void;

  /**
   * updateParam in WebAssembly: one call of the optimiser's optim.wat export on the param at
   * these byte addresses (`slot0`/`slot1`: its values in the first and second slot, 0 if absent).
   */
  protected abstract updateParamInWasm(kernels: OptimExports, data: number, grad: number, slot0: number, slot1: number, n: number): void;
}

/** g = grad + weightDecay·p + l1·sign(p) (coupled, as PyTorch's weight_decay), in float64. */
export function penalisedGradient(g: number, p: number, weightDecay: number, l1: number): number {
  if (weightDecay !== 0) g += weightDecay * p;
  if (l1 !== 0) g += l1 * Math.sign(p);
  return g;
}
