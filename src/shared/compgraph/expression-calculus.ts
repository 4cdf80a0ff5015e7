/** Evaluating expression trees and deriving their partial derivatives symbolically. */
import { EXPRESSION_CONSTANTS, type Expr, type ExpressionFunction } from './expression';
import { relu, sigmoid, sign, step } from './scalar-math';

const FUNCTIONS: Readonly<Record<ExpressionFunction, (x: number) => number>> = {
  square: (x) => x * x,
  exp: Math.exp,
  log: Math.log,
  sin: Math.sin,
  cos: Math.cos,
  sigmoid,
  tanh: Math.tanh,
  relu,
  abs: Math.abs,
  step,
  sign,
};

/** The value of `e` with the inputs bound in `env` (a missing input is a programming error). */
export function evaluateExpression(e: Expr, env: Readonly<Record<string, number>>): number {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'name': {
      const v = Object.hasOwn(env, e.name) ? env[e.name] : EXPRESSION_CONSTANTS[e.name];
      if (v === undefined) throw new Error(`evaluateExpression: no value for '${e.name}'`);
      return v;
    }
    case 'negate':
      return -evaluateExpression(e.arg, env);
    case 'call':
      return FUNCTIONS[e.fn](evaluateExpression(e.arg, env));
    case 'binary': {
      const a = evaluateExpression(e.left, env);
      const b = evaluateExpression(e.right, env);
      switch (e.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return a / b;
        case '^':
          return Math.pow(a, b);
      }
    }
  }
}

// Constructors that fold the trivial cases, so derivatives read like a person would write them.
const num = (value: number): Expr => ({ kind: 'number', value, pos: 0 });
const isNum = (e: Expr): e is Expr & { kind: 'number' } => e.kind === 'number';
const isConst = (e: Expr, value: number): boolean => e.kind === 'number' && e.value === value;
const call = (fn: ExpressionFunction, arg: Expr): Expr => ({ kind: 'call', fn, arg, pos: 0 });

function neg(a: Expr): Expr {
  if (isNum(a)) return a.value === 0 ? a : a.value > 0 ? { kind: 'negate', arg: a, pos: 0 } : num(-a.value);
  if (a.kind === 'negate') return a.arg;
  return { kind: 'negate', arg: a, pos: 0 };
}
function add(a: Expr, b: Expr): Expr {
  if (isConst(a, 0)) return b;
  if (isConst(b, 0)) return a;
  if (isNum(a) && isNum(b)) return num(a.value + b.value);
  if (b.kind === 'negate') return sub(a, b.arg);
  return { kind: 'binary', op: '+', left: a, right: b, pos: 0 };
}
function sub(a: Expr, b: Expr): Expr {
  if (isConst(b, 0)) return a;
  if (isConst(a, 0)) return neg(b);
  if (isNum(a) && isNum(b)) return num(a.value - b.value);
  return { kind: 'binary', op: '-', left: a, right: b, pos: 0 };
}
function mul(a: Expr, b: Expr): Expr {
  if (isConst(a, 0) || isConst(b, 0)) return num(0);
  if (isConst(a, 1)) return b;
  if (isConst(b, 1)) return a;
  if (isConst(a, -1)) return neg(b);
  if (isConst(b, -1)) return neg(a);
  if (isNum(a) && isNum(b)) return num(a.value * b.value);
  if (isNum(b)) return mul(b, a); // constants first: 2*x, not x*2
  if (isNum(a) && b.kind === 'binary' && b.op === '*' && isNum(b.left)) return mul(num(a.value * b.left.value), b.right); // 2*(2*u) = 4*u
  if (a.kind === 'negate') return neg(mul(a.arg, b));
  if (b.kind === 'negate') return neg(mul(a, b.arg));
  return { kind: 'binary', op: '*', left: a, right: b, pos: 0 };
}
function div(a: Expr, b: Expr): Expr {
  if (isConst(a, 0)) return num(0);
  if (isConst(b, 1)) return a;
  return { kind: 'binary', op: '/', left: a, right: b, pos: 0 };
}
function pow(a: Expr, b: Expr): Expr {
  if (isConst(b, 1)) return a;
  if (isConst(b, 0)) return num(1);
  return { kind: 'binary', op: '^', left: a, right: b, pos: 0 };
}

function dependsOn(e: Expr, name: string): boolean {
  switch (e.kind) {
    case 'number':
      return false;
    case 'name':
      return e.name === name;
    case 'negate':
    case 'call':
      return dependsOn(e.arg, name);
    case 'binary':
      return dependsOn(e.left, name) || dependsOn(e.right, name);
  }
}

/** ∂e/∂name as a tree (chain rule applied symbolically; trivial factors folded). */
export function differentiate(e: Expr, name: string): Expr {
  if (!dependsOn(e, name)) return num(0);
  switch (e.kind) {
    case 'number':
      return num(0);
    case 'name':
      return num(1);
    case 'negate':
      return neg(differentiate(e.arg, name));
    case 'call':
      return mul(outerDerivative(e.fn, e.arg), differentiate(e.arg, name));
    case 'binary': {
      const { left: u, right: v } = e;
      const du = differentiate(u, name);
      const dv = differentiate(v, name);
      switch (e.op) {
        case '+':
          return add(du, dv);
        case '-':
          return sub(du, dv);
        case '*':
          return add(mul(du, v), mul(u, dv));
        case '/':
          // (u/v)' = u'/v − u·v'/v²
          return sub(div(du, v), div(mul(u, dv), pow(v, num(2))));
        case '^':
          if (!dependsOn(v, name)) return mul(mul(v, pow(u, sub(v, num(1)))), du); // power rule
          // General case: (u^v)' = u^v · (v′·ln u + v·u′/u)
          return mul(e, add(mul(dv, call('log', u)), div(mul(v, du), u)));
      }
    }
  }
}

/** d fn(u)/du as a tree in u. */
function outerDerivative(fn: ExpressionFunction, u: Expr): Expr {
  switch (fn) {
    case 'square':
      return mul(num(2), u);
    case 'exp':
      return call('exp', u);
    case 'log':
      return div(num(1), u);
    case 'sin':
      return call('cos', u);
    case 'cos':
      return neg(call('sin', u));
    case 'sigmoid':
      return mul(call('sigmoid', u), sub(num(1), call('sigmoid', u)));
    case 'tanh':
      return sub(num(1), pow(call('tanh', u), num(2)));
    case 'relu':
      return call('step', u);
    case 'abs':
      return call('sign', u);
    case 'step':
    case 'sign':
      return num(0); // flat almost everywhere; the kink has no derivative, 0 by convention
  }
}
