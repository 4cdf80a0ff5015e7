/**
 * Property tests of computational graphs: the expression parser (random trees print and parse
 * back to themselves; broken text is refused with the position of the fault) and the three ways
 * of differentiating (forward mode, reverse mode and the sum over paths agree on random graphs,
 * and match central differences where the blocks are smooth).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPRESSION_FUNCTIONS, ExpressionError, parseExpression, printExpression, stripPositions, type Expr } from '../../src/shared/compgraph/expression';
import { evaluateExpression } from '../../src/shared/compgraph/expression-calculus';
import { CompGraphEvaluationError, finiteDifferences, forwardMode, forwardPass, pathContributions, reverseMode } from '../../src/shared/compgraph/evaluate';
import type { CompGraph } from '../../src/shared/compgraph/types';
import { propertyRuns } from '../helpers/properties';

const INPUTS = ['x1', 'x2', 'x3'];

const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.double({ min: 0, max: 1e6, noNaN: true }).map((value): Expr => ({ kind: 'number', value: value === 0 ? 0 : value, pos: 0 })),
    fc.integer({ min: 0, max: 99 }).map((value): Expr => ({ kind: 'number', value, pos: 0 })),
    fc.constantFrom(...INPUTS, 'pi', 'e').map((name): Expr => ({ kind: 'name', name, pos: 0 })),
    tie('e').map((arg): Expr => ({ kind: 'negate', arg, pos: 0 })),
    fc.record({ op: fc.constantFrom('+', '-', '*', '/', '^' as const), left: tie('e'), right: tie('e') }).map((b): Expr => ({ kind: 'binary', pos: 0, ...b })),
    fc.record({ fn: fc.constantFrom(...EXPRESSION_FUNCTIONS), arg: tie('e') }).map((c): Expr => ({ kind: 'call', pos: 0, ...c })),
  ),
})).e;

const validText = exprArb.map(printExpression);

function errorOf(text: string): ExpressionError {
  try {
    parseExpression(text, INPUTS);
  } catch (err) {
    if (err instanceof ExpressionError) return err;
    throw err;
  }
  throw new Error(`'${text}' was accepted`);
}

describe('expression parser (property)', () => {
  it('print then parse gives back the same tree, and the same value', () => {
    fc.assert(
      fc.property(exprArb, (tree) => {
        const text = printExpression(tree);
        const parsed = parseExpression(text, INPUTS);
        expect(stripPositions(parsed)).toEqual(stripPositions(tree));
        expect(printExpression(parsed)).toBe(text);
        const env = { x1: 0.3, x2: -1.2, x3: 2 };
        expect(Object.is(evaluateExpression(parsed, env), evaluateExpression(tree, env))).toBe(true);
      }),
      propertyRuns(400),
    );
  });

  it('a foreign character is refused at its position (or at the number it breaks, before it)', () => {
    fc.assert(
      fc.property(validText, fc.nat(), fc.constantFrom('$', '#', '@', '!', '{', ';', '"', '\\'), (text, n, bad) => {
        const at = n % (text.length + 1);
        const err = errorOf(text.slice(0, at) + bad + text.slice(at));
        expect(err.pos).toBeLessThanOrEqual(at);
        if (at === 0 || at === text.length || text[at - 1] === ' ') expect(err.pos).toBe(at);
        expect(err.message).toMatch(new RegExp(`at column ${err.pos + 1}$`));
      }),
      propertyRuns(300),
    );
  });

  it('an unclosed parenthesis, a dangling operator and an unknown name are refused where they are', () => {
    fc.assert(
      fc.property(validText, (text) => {
        expect(errorOf(`(${text}`)).toMatchObject({ pos: text.length + 1 });
        expect(errorOf(`(${text}`).reason).toMatch(/^expected '\)' to close the '\(' at column 1/);
        expect(errorOf(`${text} +`)).toMatchObject({ pos: text.length + 2, reason: 'the expression ends where a number, an input or ( was expected' });
        expect(errorOf(`${text} * zz`)).toMatchObject({ pos: text.length + 3 });
        expect(errorOf(`${text} * x4`).reason).toMatch(/^unknown name 'x4'/);
        expect(errorOf(`${text} 2`)).toMatchObject({ pos: text.length + 1, reason: 'unexpected the number 2' });
      }),
      propertyRuns(300),
    );
  });

  it('any text either parses or is refused with an ExpressionError inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'x123 +-*/^().e5sinlogabp,$'), maxLength: 30 }), (text) => {
        try {
          parseExpression(text, INPUTS);
        } catch (err) {
          expect(err).toBeInstanceOf(ExpressionError);
          expect((err as ExpressionError).pos).toBeGreaterThanOrEqual(0);
          expect((err as ExpressionError).pos).toBeLessThanOrEqual(text.length);
        }
      }),
      propertyRuns(500),
    );
  });
});

const SMOOTH = ['add', 'subtract', 'multiply', 'square', 'sin', 'cos', 'tanh', 'sigmoid', 'power', 'expression'] as const;
const KINKY = ['divide', 'log', 'relu', 'abs', 'exp'] as const;
const ARITY: Record<string, number> = { add: 2, subtract: 2, multiply: 2, divide: 2, expression: 2 };
const PORTS: Record<number, string[]> = { 1: ['x'], 2: ['a', 'b'] };
const FORMULAS = ['x1*x2 + sin(x1)', 'tanh(x1 - x2)^2', 'sigmoid(x1)*cos(x2) - x1/3', '(x1 + 2*x2)^2 / 10'];

/** A random DAG: variables first, then blocks reading earlier nodes; the last block is g. */
const graphArb = (ops: readonly string[]) =>
  fc
    .record({
      values: fc.array(fc.integer({ min: -2000, max: 2000 }).map((k) => k / 1000), { minLength: 1, maxLength: 4 }),
      blocks: fc.array(fc.record({ op: fc.constantFrom(...ops), picks: fc.array(fc.nat(), { minLength: 2, maxLength: 2 }), formula: fc.constantFrom(...FORMULAS), exponent: fc.constantFrom(2, 3) }), { minLength: 1, maxLength: 9 }),
    })
    .map(({ values, blocks }): CompGraph => {
      const nodes: CompGraph['nodes'] = values.map((value, i) => ({ id: `v${i}`, type: 'variable', position: { x: 0, y: 0 }, params: { name: `theta${i + 1}`, value } }));
      const edges: CompGraph['edges'] = [];
      blocks.forEach((b, i) => {
        const id = `n${i}`;
        const arity = ARITY[b.op] ?? 1;
        const params = b.op === 'expression' ? { expression: b.formula, inputs: 2 } : b.op === 'power' ? { exponent: b.exponent } : {};
        const ports = b.op === 'expression' ? ['x1', 'x2'] : PORTS[arity]!;
        ports.forEach((port, k) => {
          const source = nodes[b.picks[k]! % nodes.length]!.id;
          edges.push({ id: `${id}-${port}`, source, sourceHandle: 'out', target: id, targetHandle: port });
        });
        nodes.push({ id, type: b.op, position: { x: 0, y: 0 }, params });
      });
      return { nodes, edges, output: nodes[nodes.length - 1]!.id };
    });

const close = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

describe('forward mode and reverse mode (property)', () => {
  it('agree with each other and with the sum over paths on random graphs', () => {
    fc.assert(
      fc.property(graphArb([...SMOOTH, ...KINKY]), (graph) => {
        let fwd;
        try {
          fwd = forwardPass(graph);
        } catch (err) {
          if (err instanceof CompGraphEvaluationError) return fc.pre(false); // log of a negative number, 1/0: skip
          throw err;
        }
        const rev = reverseMode(graph, fwd);
        const tan = forwardMode(graph, fwd);
        expect(tan.passes).toHaveLength(fwd.variables.length);
        for (const v of fwd.variables) {
          const { paths, total } = pathContributions(graph, fwd, v.nodeId, 10_000);
          expect(paths).toHaveLength(total);
          // Rounding differs with the order of summation: bound it by the size of the terms summed.
          const scale = 1 + paths.reduce((s, p) => s + Math.abs(p.product), 0);
          const agree = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * scale;
          expect(agree(rev.gradient[v.name]!, tan.gradient[v.name]!), `${v.name}: ${rev.gradient[v.name]} vs ${tan.gradient[v.name]}`).toBe(true);
          expect(agree(paths.reduce((s, p) => s + p.product, 0), rev.gradient[v.name]!)).toBe(true);
        }
      }),
      propertyRuns(300),
    );
  });

  it('match central differences where every block is smooth', () => {
    fc.assert(
      fc.property(graphArb(SMOOTH), (graph) => {
        const fwd = forwardPass(graph);
        const rev = reverseMode(graph, fwd);
        const fd = finiteDifferences(graph, 1e-5);
        for (const v of fwd.variables) expect(close(rev.gradient[v.name]!, fd.central[v.name]!, 1e-4), `${v.name}: ${rev.gradient[v.name]} vs ${fd.central[v.name]}`).toBe(true);
      }),
      propertyRuns(200),
    );
  });
});
