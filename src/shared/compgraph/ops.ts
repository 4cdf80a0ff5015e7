/**
 * The scalar blocks of a computational graph: one registry for validation, evaluation, the
 * palette and the docs. Each block has input ports, params, its value, and its local partial
 * derivatives ∂out/∂input (what the chain rule multiplies along a path).
 */
import { ExpressionError, parseExpression, printExpression, type Expr } from './expression';
import { differentiate, evaluateExpression } from './expression-calculus';
import { relu, sigmoid, sign, step } from './scalar-math';

export const SCALAR_OPS = [
  'variable', 'constant', 'add', 'subtract', 'multiply', 'divide', 'power', 'square',
  'exp', 'log', 'sin', 'cos', 'sigmoid', 'tanh', 'relu', 'abs', 'expression',
] as const;
export type ScalarOp = (typeof SCALAR_OPS)[number];

export type ScalarParamSpec =
  | { kind: 'number'; default: number; label: string }
  | { kind: 'int'; default: number; min: number; max: number; label: string }
  | { kind: 'name'; default: string; label: string }
  | { kind: 'expression'; default: string; label: string };

export type ScalarParams = Record<string, number | string>;

export interface ScalarOpSpec {
  type: ScalarOp;
  label: string;
  /** Short text drawn on the block: "+", "×", "x²", "exp". */
  symbol: string;
  description: string;
  params: Readonly<Record<string, ScalarParamSpec>>;
  /** Names of the input ports, in order. */
  inputs(params: ScalarParams): string[];
  value(inputs: readonly number[], params: ScalarParams): number;
  /** ∂out/∂input_k for each input, given the inputs and the block's own value. */
  local(inputs: readonly number[], params: ScalarParams, out: number): number[];
  /** Each local derivative as a formula over the port names, for the canvas ("2·x"). */
  localText(params: ScalarParams): string[];
}

const UNARY = ['x'];
const BINARY = ['a', 'b'];
export const EXPRESSION_PORTS = ['x1', 'x2', 'x3'] as const;

function unary(type: ScalarOp, label: string, symbol: string, description: string, f: (x: number) => number, df: (x: number, y: number) => number, dfText: string): ScalarOpSpec {
  return { type, label, symbol, description, params: {}, inputs: () => UNARY, value: ([x]) => f(x!), local: ([x], _p, y) => [df(x!, y)], localText: () => [dfText] };
}

function binary(type: ScalarOp, label: string, symbol: string, description: string, f: (a: number, b: number) => number, df: (a: number, b: number) => [number, number], texts: [string, string]): ScalarOpSpec {
  return { type, label, symbol, description, params: {}, inputs: () => BINARY, value: ([a, b]) => f(a!, b!), local: ([a, b]) => df(a!, b!), localText: () => texts };
}

/** An expression's parsed tree and its symbolic partials, cached by text (parsing is pure). */
export interface CompiledExpression {
  tree: Expr;
  ports: string[];
  partials: Expr[];
}
const compiled = new Map<string, CompiledExpression>();

/** Parses and differentiates an expression over `inputs` ports; throws ExpressionError with the position. */
export function compileExpression(text: string, inputs: number): CompiledExpression {
  const key = `${inputs}\u0000${text}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const ports = EXPRESSION_PORTS.slice(0, inputs);
  const tree = parseExpression(text, ports);
  const result = { tree, ports, partials: ports.map((p) => differentiate(tree, p)) };
  if (compiled.size > 500) compiled.clear();
  compiled.set(key, result);
  return result;
}

const expressionOf = (params: ScalarParams): CompiledExpression => compileExpression(String(params.expression), Number(params.inputs));
const bind = (ports: readonly string[], values: readonly number[]): Record<string, number> => Object.fromEntries(ports.map((p, i) => [p, values[i]!]));

export const scalarOps: Readonly<Record<ScalarOp, ScalarOpSpec>> = {
  variable: {
    type: 'variable', label: 'Variable', symbol: 'θ', description: 'An input θᵢ of g, with a name and a value; g is differentiated with respect to it.',
    params: { name: { kind: 'name', default: 'theta1', label: 'Name' }, value: { kind: 'number', default: 1, label: 'Value' } },
    inputs: () => [], value: (_x, p) => Number(p.value), local: () => [], localText: () => [],
  },
  constant: {
    type: 'constant', label: 'Constant', symbol: 'c', description: 'A fixed number (not differentiated).',
    params: { value: { kind: 'number', default: 2, label: 'Value' } },
    inputs: () => [], value: (_x, p) => Number(p.value), local: () => [], localText: () => [],
  },
  add: binary('add', 'Add', '+', 'a + b', (a, b) => a + b, () => [1, 1], ['1', '1']),
  subtract: binary('subtract', 'Subtract', '−', 'a − b', (a, b) => a - b, () => [1, -1], ['1', '−1']),
  multiply: binary('multiply', 'Multiply', '×', 'a × b', (a, b) => a * b, (a, b) => [b, a], ['b', 'a']),
  divide: binary('divide', 'Divide', '÷', 'a ÷ b', (a, b) => a / b, (a, b) => [1 / b, -a / (b * b)], ['1/b', '−a/b²']),
  power: {
    type: 'power', label: 'Power', symbol: 'xⁿ', description: 'x to a constant power n.',
    params: { exponent: { kind: 'number', default: 3, label: 'Exponent n' } },
    inputs: () => UNARY,
    value: ([x], p) => Math.pow(x!, Number(p.exponent)),
    local: ([x], p) => [Number(p.exponent) === 0 ? 0 : Number(p.exponent) * Math.pow(x!, Number(p.exponent) - 1)],
    localText: (p) => [`${p.exponent}·x^${Number(p.exponent) - 1}`],
  },
  square: unary('square', 'Square', 'x²', 'x²', (x) => x * x, (x) => 2 * x, '2·x'),
  exp: unary('exp', 'Exp', 'exp', 'eˣ', Math.exp, (_x, y) => y, 'eˣ'),
  log: unary('log', 'Log', 'ln', 'natural logarithm ln x', Math.log, (x) => 1 / x, '1/x'),
  sin: unary('sin', 'Sin', 'sin', 'sin x', Math.sin, (x) => Math.cos(x), 'cos x'),
  cos: unary('cos', 'Cos', 'cos', 'cos x', Math.cos, (x) => -Math.sin(x), '−sin x'),
  sigmoid: unary('sigmoid', 'Sigmoid', 'σ', 'σ(x) = 1/(1 + e⁻ˣ)', sigmoid, (_x, y) => y * (1 - y), 'σ(x)(1 − σ(x))'),
  tanh: unary('tanh', 'Tanh', 'tanh', 'tanh x', Math.tanh, (_x, y) => 1 - y * y, '1 − tanh²x'),
  relu: unary('relu', 'ReLU', 'relu', 'max(0, x); derivative 0 at x = 0', relu, (x) => step(x), '1 if x > 0 else 0'),
  abs: unary('abs', 'Abs', '|x|', '|x|; derivative 0 at x = 0', Math.abs, (x) => sign(x), 'sign x'),
  expression: {
    type: 'expression', label: 'Expression', symbol: 'f', description: 'A formula of x1 … x3 (+ − × ÷ ^, the functions above); its partial derivatives are derived symbolically.',
    params: {
      expression: { kind: 'expression', default: 'x1 * x2', label: 'Formula' },
      inputs: { kind: 'int', default: 2, min: 1, max: 3, label: 'Inputs' },
    },
    inputs: (p) => EXPRESSION_PORTS.slice(0, Number(p.inputs)),
    value: (x, p) => {
      const c = expressionOf(p);
      return evaluateExpression(c.tree, bind(c.ports, x));
    },
    local: (x, p) => {
      const c = expressionOf(p);
      const env = bind(c.ports, x);
      return c.partials.map((d) => evaluateExpression(d, env));
    },
    localText: (p) => expressionOf(p).partials.map(printExpression),
  },
};

export function isScalarOp(type: string): type is ScalarOp {
  return (SCALAR_OPS as readonly string[]).includes(type);
}

/** The params of a node with the type's defaults filled in. */
export function paramsWithDefaults(type: ScalarOp, params: Readonly<Record<string, unknown>>): ScalarParams {
  const out: ScalarParams = {};
  for (const [name, spec] of Object.entries(scalarOps[type].params)) {
    const v = params[name];
    out[name] = typeof v === 'number' || typeof v === 'string' ? v : spec.default;
  }
  return out;
}

export { ExpressionError };
