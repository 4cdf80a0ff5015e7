/**
 * The expression block's small language: numbers, the inputs x1 … x3, + − × ÷ ^, parentheses
 * and the scalar functions of the palette. A hand-written recursive-descent parser turns the
 * text into a tree (never evaluated as code); derivatives are derived from the tree symbolically.
 *
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/') unary)*
 *   unary   := ('-' | '+') unary | power
 *   power   := primary ('^' unary)?            right-associative: 2^3^2 = 2^(3^2)
 *   primary := number | name | name '(' expr ')' | '(' expr ')'
 *
 * So −x^2 is −(x²), as in mathematics. × ÷ − · are accepted for * / - *.
 */

export const EXPRESSION_FUNCTIONS = ['square', 'exp', 'log', 'sin', 'cos', 'sigmoid', 'tanh', 'relu', 'abs', 'step', 'sign'] as const;
export type ExpressionFunction = (typeof EXPRESSION_FUNCTIONS)[number];
export const EXPRESSION_CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };
export const MAX_EXPRESSION_LENGTH = 500;

export type BinaryOp = '+' | '-' | '*' | '/' | '^';

/** A node of the tree; `pos` is the 0-based offset of its first character in the source. */
export type Expr =
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'name'; name: string; pos: number }
  | { kind: 'negate'; arg: Expr; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: number }
  | { kind: 'call'; fn: ExpressionFunction; arg: Expr; pos: number };

/** A syntax error at a 0-based offset; `column` is 1-based for messages. */
export class ExpressionError extends Error {
  readonly column: number;
  constructor(readonly reason: string, readonly pos: number) {
    super(`${reason} at column ${pos + 1}`);
    this.name = 'ExpressionError';
    this.column = pos + 1;
  }
}

type Token =
  | { t: 'num'; value: number; pos: number; text: string }
  | { t: 'name'; name: string; pos: number }
  | { t: 'op'; op: BinaryOp | '(' | ')'; pos: number }
  | { t: 'end'; pos: number };

const OPERATOR_ALIASES: Readonly<Record<string, BinaryOp | '(' | ')'>> = {
  '+': '+', '-': '-', '−': '-', '*': '*', '×': '*', '·': '*', '/': '/', '÷': '/', '^': '^', '(': '(', ')': ')',
};

function tokenize(src: string): Token[] {
  if (src.length > MAX_EXPRESSION_LENGTH) throw new ExpressionError(`the expression is longer than ${MAX_EXPRESSION_LENGTH} characters`, MAX_EXPRESSION_LENGTH);
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const op = OPERATOR_ALIASES[c];
    if (op) {
      tokens.push({ t: 'op', op, pos: i });
      i++;
      continue;
    }
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (number) {
      const text = number[0];
      const value = Number(text);
      if (!Number.isFinite(value)) throw new ExpressionError(`the number ${text} is too large`, i);
      if (/^[A-Za-z_]/.test(src.slice(i + text.length))) throw new ExpressionError(`a number cannot run into a name (write ${text}*${src[i + text.length]} for a product)`, i + text.length);
      tokens.push({ t: 'num', value, pos: i, text });
      i += text.length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      tokens.push({ t: 'name', name: name[0], pos: i });
      i += name[0].length;
      continue;
    }
    throw new ExpressionError(`unexpected character '${c}'`, i);
  }
  tokens.push({ t: 'end', pos: src.length });
  return tokens;
}

const describe = (tok: Token): string =>
  tok.t === 'end' ? 'the end of the expression' : tok.t === 'num' ? `the number ${tok.text}` : tok.t === 'name' ? `'${tok.name}'` : `'${tok.op}'`;

/**
 * Parses `src`. `inputs` are the names allowed as variables (e.g. ['x1', 'x2']); any other
 * name is refused with its position, so a typo never silently reads as zero.
 */
export function parseExpression(src: string, inputs: readonly string[]): Expr {
  const tokens = tokenize(src);
  let at = 0;
  const peek = (): Token => tokens[at]!;
  const isOp = (tok: Token, op: string): boolean => tok.t === 'op' && tok.op === op;
  const MAX_DEPTH = 100;
  let depth = 0;

  const expr = (): Expr => {
    if (++depth > MAX_DEPTH) throw new ExpressionError('the expression is nested too deeply', peek().pos);
    let left = term();
    while (isOp(peek(), '+') || isOp(peek(), '-')) {
      const tok = peek() as Token & { t: 'op' };
      at++;
      left = { kind: 'binary', op: tok.op as BinaryOp, left, right: term(), pos: left.pos };
    }
    depth--;
    return left;
  };
  const term = (): Expr => {
    let left = unary();
    while (isOp(peek(), '*') || isOp(peek(), '/')) {
      const tok = peek() as Token & { t: 'op' };
      at++;
      left = { kind: 'binary', op: tok.op as BinaryOp, left, right: unary(), pos: left.pos };
    }
    return left;
  };
  const unary = (): Expr => {
    const tok = peek();
    if (isOp(tok, '-') || isOp(tok, '+')) {
      if (++depth > MAX_DEPTH) throw new ExpressionError('the expression is nested too deeply', tok.pos);
      at++;
      const arg = unary();
      depth--;
      return isOp(tok, '-') ? { kind: 'negate', arg, pos: tok.pos } : arg;
    }
    return power();
  };
  const power = (): Expr => {
    const base = primary();
    if (!isOp(peek(), '^')) return base;
    at++;
    if (++depth > MAX_DEPTH) throw new ExpressionError('the expression is nested too deeply', peek().pos);
    const exponent = unary();
    depth--;
    return { kind: 'binary', op: '^', left: base, right: exponent, pos: base.pos };
  };
  const primary = (): Expr => {
    const tok = peek();
    if (tok.t === 'num') {
      at++;
      return { kind: 'number', value: tok.value, pos: tok.pos };
    }
    if (tok.t === 'name') {
      at++;
      if (isOp(peek(), '(')) {
        if (!(EXPRESSION_FUNCTIONS as readonly string[]).includes(tok.name))
          throw new ExpressionError(`unknown function '${tok.name}' (known: ${EXPRESSION_FUNCTIONS.join(', ')})`, tok.pos);
        at++;
        const arg = expr();
        expect(')', `'(' of ${tok.name}( at column ${tok.pos + tok.name.length + 1}`);
        return { kind: 'call', fn: tok.name as ExpressionFunction, arg, pos: tok.pos };
      }
      if ((EXPRESSION_FUNCTIONS as readonly string[]).includes(tok.name)) throw new ExpressionError(`${tok.name} is a function: write ${tok.name}(…)`, tok.pos);
      if (!inputs.includes(tok.name) && !Object.hasOwn(EXPRESSION_CONSTANTS, tok.name))
        throw new ExpressionError(`unknown name '${tok.name}' (the inputs are ${inputs.join(', ') || 'none'}; constants pi, e)`, tok.pos);
      return { kind: 'name', name: tok.name, pos: tok.pos };
    }
    if (isOp(tok, '(')) {
      at++;
      const inner = expr();
      expect(')', `'(' at column ${tok.pos + 1}`);
      return inner;
    }
    throw new ExpressionError(tok.t === 'end' ? 'the expression ends where a number, an input or ( was expected' : `expected a number, an input or ( but found ${describe(tok)}`, tok.pos);
  };
  const expect = (op: ')', opener: string): void => {
    const tok = peek();
    if (!isOp(tok, op)) throw new ExpressionError(`expected ')' to close the ${opener} but found ${describe(tok)}`, tok.pos);
    at++;
  };

  if (peek().t === 'end') throw new ExpressionError('the expression is empty', 0);
  const tree = expr();
  if (peek().t !== 'end') throw new ExpressionError(`unexpected ${describe(peek())}`, peek().pos);
  return tree;
}

// ---------- printing ----------

/** Binding strength, for printing with the fewest parentheses that parse back to the same tree. */
function precedence(e: Expr): number {
  switch (e.kind) {
    case 'binary':
      return e.op === '+' || e.op === '-' ? 1 : e.op === '^' ? 4 : 2;
    case 'negate':
      return 3;
    default:
      return 5;
  }
}

const wrap = (e: Expr, needed: boolean): string => (needed ? `(${printExpression(e)})` : printExpression(e));

function printNumber(value: number): string {
  return String(value);
}

/** Text that parses back to the same tree (ASCII operators). */
export function printExpression(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return printNumber(e.value);
    case 'name':
      return e.name;
    case 'call':
      return `${e.fn}(${printExpression(e.arg)})`;
    case 'negate':
      return `-${wrap(e.arg, precedence(e.arg) < 3)}`;
    case 'binary': {
      const p = precedence(e);
      if (e.op === '^') return `${wrap(e.left, precedence(e.left) < 5)}^${wrap(e.right, precedence(e.right) < 3)}`;
      const sep = p === 1 ? ` ${e.op} ` : e.op === '*' ? '*' : '/';
      // Left-associative: the left side may hold the same level, the right side must bind tighter.
      return `${wrap(e.left, precedence(e.left) < p)}${sep}${wrap(e.right, precedence(e.right) <= p)}`;
    }
  }
}

/** The same tree without source positions (for comparing trees). */
export function stripPositions(e: Expr): unknown {
  switch (e.kind) {
    case 'number':
      return { kind: e.kind, value: e.value };
    case 'name':
      return { kind: e.kind, name: e.name };
    case 'negate':
      return { kind: e.kind, arg: stripPositions(e.arg) };
    case 'call':
      return { kind: e.kind, fn: e.fn, arg: stripPositions(e.arg) };
    case 'binary':
      return { kind: e.kind, op: e.op, left: stripPositions(e.left), right: stripPositions(e.right) };
  }
}

/** Names of the inputs the expression reads. */
export function inputsUsed(e: Expr, into = new Set<string>()): Set<string> {
  if (e.kind === 'name' && !Object.hasOwn(EXPRESSION_CONSTANTS, e.name)) into.add(e.name);
  else if (e.kind === 'negate' || e.kind === 'call') inputsUsed(e.arg, into);
  else if (e.kind === 'binary') {
    inputsUsed(e.left, into);
    inputsUsed(e.right, into);
  }
  return into;
}
