/**
 * The vocabulary of node specifications. Every node type is ONE file in this folder that
 * exports a spec made with `defineNode`; `index.ts` collects them into the registry that
 * drives the palette, the inspector, connection checks, project validation and the engine.
 */

/** A tensor shape WITHOUT the batch dimension: `[16]` for a dense layer, `[1, 28, 28]` for an image. */
export type Shape = readonly number[];

export type Category = 'input' | 'layer' | 'activation' | 'regularization' | 'merge' | 'loss';

interface ParamBase {
  /** Label for forms, e.g. "Units". */
  label: string;
  /** One sentence for the inspector: what the parameter does. */
  help?: string;
  /**
   * The inspector shows this param only while another param of the node has this value
   * (e.g. `rho` only when `activityRegularizer` is 'kl'). Hidden params keep their values.
   */
  visibleWhen?: { param: string; equals: string | boolean | number };
  /** What the number counts, shown after the field, e.g. "px" or "neurons". */
  unit?: string;
}
export interface IntParam extends ParamBase { kind: 'int'; default: number; min?: number; max?: number }
export interface FloatParam extends ParamBase { kind: 'float'; default: number; min?: number; max?: number; /** exclusive lower bound */ minExclusive?: boolean }
export interface BoolParam extends ParamBase { kind: 'bool'; default: boolean }
export interface EnumParam<O extends string = string> extends ParamBase { kind: 'enum'; default: O; options: readonly O[] }
/** A list of positive integers, e.g. a target shape for Reshape. */
export interface IntListParam extends ParamBase { kind: 'intList'; default: readonly number[]; min?: number }
export type ParamSpec = IntParam | FloatParam | BoolParam | EnumParam | IntListParam;

/** The value type a param spec describes. */
export type ParamValue<S> = S extends { kind: 'int' | 'float' }
  ? number
  : S extends { kind: 'bool' }
    ? boolean
    : S extends { kind: 'enum'; options: readonly (infer O)[] }
      ? O
      : S extends { kind: 'intList' }
        ? number[]
        : never;

export type ParamsOf<PS> = { -readonly [K in keyof PS]: ParamValue<PS[K]> };

export interface PortSpec {
  id: string;
  label: string;
  /** A variadic port accepts several edges (merges). Otherwise at most one edge. */
  variadic?: boolean;
}

/** What shape inference may know besides the input shapes. */
export interface ShapeContext {
  /** Shape of one sample of the data's features (for the `input` node). Unknown while no data is chosen. */
  dataShape?: Shape;
  /** Number of classes for classification data, if known. */
  numClasses?: number;
  /** The data's task, if known. */
  task?: 'classification' | 'regression';
  /** Number of target values per sample for regression data, if known. */
  targetSize?: number;
}

export type InferResult = { shape: Shape } | { error: string; help?: string };

/** How a loss node reads its targets and which node must precede it. */
export interface LossInfo {
  /** The activation type that must feed this loss (fused by the engine), e.g. 'softmax'. */
  requires?: string;
  /** Error text when the pairing is wrong, in words a student understands. */
  requiresMessage?: string;
  /**
   * How integer class labels are turned into targets for this loss:
   * - 'index':   kept as class indices (crossEntropy, nll)
   * - 'binary':  0/1 for one output, one-hot for several (binaryCrossEntropy, mse, mae)
   * - 'signed':  −1/+1 for one output, one-vs-rest ±1 for several (hinge)
   */
  classTargets: 'index' | 'binary' | 'signed';
}

/**
 * How a weight starts when the project has no saved value: a constant, or one of the random
 * initialisers (Keras names; see src/engine/init.ts), which need the weight's fan-in/fan-out.
 */
export type WeightInit =
  | 'zeros'
  | 'ones'
  | 'uniform'
  | 'normal'
  | 'glorotUniform'
  | 'glorotNormal'
  | 'heUniform'
  | 'heNormal'
  | 'lecunNormal';

/**
 * A function of a node's params. Written as a method's type so that, like `inferShape`, a spec
 * with concrete params still fits the registry's general NodeSpec (methods are bivariant).
 */
type ParamFn<P, R> = { of(p: P): R }['of'];

interface WeightSpecBase<P> {
  /** The key in the project's `weights[nodeId]`, e.g. 'kernel', 'runningMean'. */
  name: string;
  /** Shape of the tensor from the node's params and its input shapes (one per input edge). */
  shape(p: P, inputs: readonly Shape[]): Shape;
  /** Only when this holds (Dense's bias: `useBias`); always when absent. */
  present?(p: P): boolean;
  /** How it starts without saved values; a function when a param chooses it (Dense's `init`). */
  init: WeightInit | ParamFn<P, WeightInit>;
  /** [fanIn, fanOut] of a randomly initialised weight, from its shape (Glorot/He need them). */
  fans?(shape: Shape): readonly [number, number];
}

/**
 * One tensor a node owns, declared (never guessed from its name). Every declared tensor is
 * saved in the project, averaged by Polyak averaging and snapshot by early stopping.
 * - trainable: the optimiser updates it from its gradient; `decay` says whether the
 *   optimiser's weightDecay (and training.l1) apply to it (PyTorch applies weight_decay to every
 *   param of its group; `decay: false` is a param group with weight_decay 0).
 * - not trainable (a buffer, e.g. Batch Normalization's running statistics): no gradient, never
 *   touched by the optimiser or decayed; the node's own forward pass updates it in training.
 */
export type WeightSpec<P = Record<string, unknown>> = WeightSpecBase<P> &
  ({ trainable: true; decay: boolean } | { trainable: false; decay: false });

export interface NodeSpec<T extends string = string, PS extends Record<string, ParamSpec> = Record<string, ParamSpec>> {
  type: T;
  /** Human name, e.g. "Dense". */
  label: string;
  category: Category;
  /** A short explanation for the inspector and the docs. */
  description: string;
  /** The formula in plain text/Unicode, e.g. "y = x·W + b". */
  formula?: string;
  inputs: readonly PortSpec[];
  /** Losses have no outputs: they are sinks. Every other node has one output `out`. */
  outputs: readonly PortSpec[];
  params: PS;
  /** Key params in a few words for the node face, e.g. "16 units". */
  summary?(p: ParamsOf<PS>): string;
  /**
   * Output shape from the input shapes (one per input edge, in port order; variadic ports
   * contribute one shape per edge). Losses return their prediction's shape.
   */
  inferShape(inputs: readonly Shape[], p: ParamsOf<PS>, ctx: ShapeContext): InferResult;
  /** The tensors this node owns (weights and buffers), in order; none when absent. */
  weights?: readonly WeightSpec<ParamsOf<PS>>[];
  /** Present on losses only. */
  loss?: LossInfo;
  /**
   * Behaviour flags (read by the engine, the tests and the docs instead of type names):
   * - trainingOnly: random in training only (dropout, noise); at evaluation it passes its input on.
   * - signedOutput: its outputs are −1 or +1 (Sign), so a loss that reads class labels as 0/1
   *   (mse, mae) reads them as −1/+1 after it.
   * - straightThrough: its backward pass is not its derivative but passes the gradient through
   *   unchanged (the straight-through estimator of Step and Sign); gradient checks compare its
   *   input gradient with its output gradient instead of finite differences.
   */
  trainingOnly?: boolean;
  signedOutput?: boolean;
  straightThrough?: boolean;
}

/** Identity function that keeps literal types, so `ParamsOf` can compute param value types. */
export function defineNode<const T extends string, const PS extends Record<string, ParamSpec>>(
  spec: NodeSpec<T, PS>,
): NodeSpec<T, PS> {
  return spec;
}

export function shapeSize(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function formatShape(shape: Shape): string {
  return `[batch${shape.map((d) => `, ${d}`).join('')}]`;
}
