/** One param value against its spec, on made-up specs that reach every branch of the wording. */
import { describe, expect, it } from 'vitest';
import { checkParamValue, copyDefault, describeLimits, isParamVisible } from '../../src/shared/nodes/params';
import type { ParamSpec } from '../../src/shared/nodes/types';

const float = (more: Partial<ParamSpec> = {}) => ({ kind: 'float', label: 'Rate', default: 0.5, ...more }) as ParamSpec;
const int = (more: Partial<ParamSpec> = {}) => ({ kind: 'int', label: 'Count', default: 1, ...more }) as ParamSpec;
const list = (more: Partial<ParamSpec> = {}) => ({ kind: 'intList', label: 'Shape', default: [2, 3], ...more }) as ParamSpec;

describe('describeLimits', () => {
  it.each([
    [float(), 'a number'],
    [float({ min: 0, max: 1 }), 'a number from 0 to 1'],
    [float({ min: 0, max: 1, minExclusive: true }), 'a number > 0 and ≤ 1'],
    [float({ max: 1 }), 'a number ≤ 1'],
    [int({ min: 2 }), 'an integer ≥ 2'],
    [int(), 'an integer'],
    [{ kind: 'bool', label: 'On', default: true } as ParamSpec, 'true or false'],
    [list(), 'a list of integers ≥ 1'],
    [list({ min: 0 }), 'a list of integers ≥ 0'],
  ])('%j → %s', (spec, text) => {
    expect(describeLimits(spec)).toBe(text);
  });
});

describe('checkParamValue', () => {
  it('refuses non-finite numbers and shows odd values plainly', () => {
    expect(checkParamValue(float(), Number.NaN)).toBe('Rate must be a number (got NaN)');
    expect(checkParamValue(float(), Number.POSITIVE_INFINITY)).toBe('Rate must be a number (got Infinity)');
    expect(checkParamValue(float(), null)).toBe('Rate must be a number (got null)');
    expect(checkParamValue(float(), { a: 1 })).toBe('Rate must be a number (got an object)');
    expect(checkParamValue(float(), ['a', 2])).toBe("Rate must be a number (got ['a', 2])");
    expect(checkParamValue(float(), true)).toBe('Rate must be a number (got true)');
  });

  it('applies bounds inclusively unless the float minimum is exclusive', () => {
    expect(checkParamValue(float({ min: 0 }), 0)).toBeNull();
    expect(checkParamValue(float({ min: 0, minExclusive: true }), 0)).toBe('Rate must be greater than 0 (got 0)');
    expect(checkParamValue(float({ min: 0, minExclusive: true }), 1e-12)).toBeNull();
    expect(checkParamValue(int({ min: 0, minExclusive: true } as Partial<ParamSpec>), 0)).toBeNull(); // only floats have exclusive minima
    expect(checkParamValue(float({ max: 1 }), 1)).toBeNull();
    expect(checkParamValue(float({ max: 1 }), 1.0001)).toBe('Rate must be at most 1 (got 1.0001)');
    expect(checkParamValue(float(), 2.5)).toBeNull(); // a float may be fractional
  });

  it('checks integer lists element by element, with the minimum', () => {
    expect(checkParamValue(list(), [1, 2])).toBeNull();
    expect(checkParamValue(list(), [])).toBeNull();
    expect(checkParamValue(list(), 3)).toBe('Shape must be a list of whole numbers (got 3)');
    expect(checkParamValue(list(), [1.5])).toBe('Shape must hold whole numbers ≥ 1 (got [1.5])');
    expect(checkParamValue(list(), ['2'])).toBe("Shape must hold whole numbers ≥ 1 (got ['2'])");
    expect(checkParamValue(list({ min: 0 }), [0])).toBeNull();
    expect(checkParamValue(list({ min: 2 }), [1])).toBe('Shape must hold whole numbers ≥ 2 (got [1])');
  });

  it('names the param by the label given', () => {
    expect(checkParamValue(int({ min: 1 }), 0, 'conv.filters')).toBe('conv.filters must be at least 1 (got 0)');
  });
});

describe('copyDefault and isParamVisible', () => {
  it('copies list defaults and passes others through', () => {
    const spec = list();
    const copy = copyDefault(spec);
    expect(copy).toEqual([2, 3]);
    expect(copy).not.toBe(spec.default);
    expect(copyDefault(float())).toBe(0.5);
  });

  it('shows a param unless its visibleWhen rule fails, reading the default when unset', () => {
    const specs: Record<string, ParamSpec> = {
      mode: { kind: 'enum', label: 'Mode', default: 'a', options: ['a', 'b'] },
      extra: { kind: 'float', label: 'Extra', default: 1, visibleWhen: { param: 'mode', equals: 'b' } },
      plain: float(),
    };
    expect(isParamVisible(specs.plain!, {}, specs)).toBe(true);
    expect(isParamVisible(specs.extra!, {}, specs)).toBe(false);
    expect(isParamVisible(specs.extra!, { mode: 'b' }, specs)).toBe(true);
    expect(isParamVisible(specs.extra!, { mode: 'a' }, specs)).toBe(false);
    const forDefault: ParamSpec = { kind: 'bool', label: 'D', default: false, visibleWhen: { param: 'mode', equals: 'a' } };
    expect(isParamVisible(forDefault, {}, specs)).toBe(true); // 'mode' unset: its default 'a'
    const orphan: ParamSpec = { kind: 'bool', label: 'O', default: false, visibleWhen: { param: 'missing', equals: true } };
    expect(isParamVisible(orphan, {}, specs)).toBe(false);
  });
});
