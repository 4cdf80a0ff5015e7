/** Every scalar block's local derivatives against central differences, and the expression block's symbolic ones. */
import { describe, expect, it } from 'vitest';
import { compileExpression, paramsWithDefaults, SCALAR_OPS, scalarOps, type ScalarOp } from '../../../src/shared/compgraph/ops';
import { printExpression } from '../../../src/shared/compgraph/expression';

const H = 1e-6;

/** Points away from each block's kinks and poles (relu and abs at 0, log and divide near 0). */
const POINTS: Record<number, number[][]> = {
  1: [[0.7], [-1.3], [2.1], [0.05]],
  2: [[0.7, 1.9], [-1.3, 0.4], [2.1, -2.5]],
  3: [[0.7, 1.9, -0.6], [-1.3, 0.4, 1.1]],
};

const PARAMS: Partial<Record<ScalarOp, Record<string, number | string>>> = {
  power: { exponent: 3 },
  expression: { expression: 'x1^2 * sin(x2) - exp(x1 / x2) + sigmoid(x1 * x2) - tanh(x2) + abs(x1) + relu(x2 - 1) + log(square(x2) + 1) + (cos(x1) + 2)^x2 / 3', inputs: 2 },
};

function centralDifference(type: ScalarOp, params: Record<string, number | string>, x: number[], k: number): number {
  const at = (d: number) => scalarOps[type].value(x.map((v, i) => (i === k ? v + d : v)), params);
  return (at(H) - at(-H)) / (2 * H);
}

describe('scalar blocks: local derivatives against central differences', () => {
  const differentiable = SCALAR_OPS.filter((t) => t !== 'variable' && t !== 'constant');
  it.each(differentiable.map((t) => [t]))('%s', (type) => {
    const params = paramsWithDefaults(type, PARAMS[type] ?? {});
    const arity = scalarOps[type].inputs(params).length;
    expect(arity).toBeGreaterThan(0);
    for (const point of POINTS[arity]!) {
      const x = type === 'log' ? point.map(Math.abs) : point;
      const y = scalarOps[type].value(x, params);
      const local = scalarOps[type].local(x, params, y);
      expect(local).toHaveLength(arity);
      local.forEach((d, k) => {
        const fd = centralDifference(type, params, x, k);
        expect(Math.abs(d - fd), `${type} ∂/∂input ${k} at ${x.join(', ')}: ${d} vs ${fd}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      });
    }
  });

  it('variables and constants have no inputs; a constant is not differentiated', () => {
    expect(scalarOps.variable.inputs({})).toEqual([]);
    expect(scalarOps.constant.value([], { value: 2.5 })).toBe(2.5);
    expect(scalarOps.variable.value([], { name: 'theta1', value: -3 })).toBe(-3);
  });

  it('takes the conventions at the kinks: relu′(0) = 0 and |x|′ at 0 = 0', () => {
    expect(scalarOps.relu.local([0], {}, 0)).toEqual([0]);
    expect(scalarOps.abs.local([0], {}, 0)).toEqual([0]);
    expect(scalarOps.relu.local([1e-9], {}, 1e-9)).toEqual([1]);
    expect(scalarOps.abs.local([-2], {}, 2)).toEqual([-1]);
  });

  it('sigmoid stays finite for large |x|', () => {
    expect(scalarOps.sigmoid.value([-800], {})).toBe(0);
    expect(scalarOps.sigmoid.value([800], {})).toBe(1);
  });
});

describe('expression block: symbolic partial derivatives', () => {
  it('derives the lecture example 2 block (x1 + 2·x2)²', () => {
    const c = compileExpression('(x1 + 2*x2)^2', 2);
    expect(c.partials.map(printExpression)).toEqual(['2*(x1 + 2*x2)', '4*(x1 + 2*x2)']);
    expect(scalarOps.expression.local([1, -2], { expression: '(x1 + 2*x2)^2', inputs: 2 }, 9)).toEqual([-6, -12]);
    expect(scalarOps.expression.localText({ expression: 'x1 + 2*x2 - x3', inputs: 3 })).toEqual(['1', '2', '-1']);
  });

  it('uses the general power rule when the exponent depends on an input', () => {
    const p = { expression: 'x1^x2', inputs: 2 };
    const [d1, d2] = scalarOps.expression.local([2, 3], p, 8);
    expect(d1).toBeCloseTo(12, 12); // 3·2²
    expect(d2).toBeCloseTo(8 * Math.log(2), 12);
  });

  it('accepts the typographic operators × ÷ − and the constants pi and e', () => {
    expect(scalarOps.expression.value([3, 4], { expression: '−x1 × x2 ÷ 2 + pi - pi + e - e', inputs: 2 })).toBeCloseTo(-6, 12);
  });
});
