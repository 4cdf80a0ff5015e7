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
  /** Trainable parameters by name with their shapes (Dense: kernel [in, units], bias [units]). */
  weightShapes?(inputs: readonly Shape[], p: ParamsOf<PS>): Record<string, Shape>;
  /** Present on losses only. */
  loss?: LossInfo;
  /** Active in training only (dropout, noise): a no-op at evaluation. */
  trainingOnly?: boolean;
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
