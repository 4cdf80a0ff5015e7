/** The small JSON readers behind project validation: rules in words, shown values, paths. */
import { describe, expect, it } from 'vitest';
import { errorOf } from './project-fixtures';
import { describeRule, fail, join, number, object, oneOf, optional, ProjectError, shown, string } from '../../src/shared/project-fields';

const messageOf = (fn: () => unknown): string => errorOf(fn).message;

describe('describeRule', () => {
  it.each([
    [{}, 'a number'],
    [{ integer: true }, 'an integer'],
    [{ min: 0 }, 'a number ≥ 0'],
    [{ min: 0, minExclusive: true }, 'a number > 0'],
    [{ max: 1 }, 'a number ≤ 1'],
    [{ max: 1, maxExclusive: true }, 'a number < 1'],
    [{ min: 0, max: 1 }, 'a number in [0, 1]'],
    [{ min: 0, max: 1, minExclusive: true }, 'a number in (0, 1]'],
    [{ min: 0, max: 1, maxExclusive: true }, 'a number in [0, 1)'],
    [{ integer: true, min: 1, max: 9 }, 'an integer from 1 to 9'],
    [{ integer: true, min: 1, max: 9, maxExclusive: true }, 'an integer in [1, 9)'],
    [{ integer: true, min: 1, max: 9, minExclusive: true }, 'an integer in (1, 9]'],
  ])('%j → %s', (rule, text) => {
    expect(describeRule(rule)).toBe(text);
  });
});

describe('number', () => {
  it('applies each bound, inclusive or not', () => {
    expect(number(0, 'n', { min: 0 })).toBe(0);
    expect(number(1, 'n', { max: 1 })).toBe(1);
    expect(messageOf(() => number(0, 'n', { min: 0, minExclusive: true }))).toBe('n: must be a number > 0 (got 0)');
    expect(messageOf(() => number(1, 'n', { max: 1, maxExclusive: true }))).toBe('n: must be a number < 1 (got 1)');
    expect(messageOf(() => number(1.5, 'n', { max: 1 }))).toBe('n: must be a number ≤ 1 (got 1.5)');
    expect(messageOf(() => number(Number.NaN, 'n'))).toBe('n: must be a number (got NaN)');
    expect(messageOf(() => number(true, 'n'))).toBe('n: must be a number (got true)');
    expect(number(-5, 'n')).toBe(-5);
  });
});

describe('shown', () => {
  it('renders bad values briefly', () => {
    expect(shown(null)).toBe('null');
    expect(shown(undefined)).toBe('undefined');
    expect(shown([1])).toBe('a list');
    expect(shown({})).toBe('an object');
    expect(shown(false)).toBe('false');
    expect(shown('x'.repeat(40))).toBe(`"${'x'.repeat(40)}"`);
    expect(shown('x'.repeat(41))).toBe(`"${'x'.repeat(37)}..."`);
  });
});

describe('paths and objects', () => {
  it('joins keys and indices, and a root key has no dot', () => {
    expect(join('', 'name')).toBe('name');
    expect(join('a', 'b')).toBe('a.b');
    expect(join('a', 0)).toBe('a[0]');
  });

  it('fail without a path gives the problem alone and no path', () => {
    const err = errorOf(() => fail('', 'broken', 'fix it'));
    expect(err.message).toBe('broken\n  help: fix it');
    expect(err.path).toBeUndefined();
    expect(err.help).toBe('fix it');
    expect(err.name).toBe('ProjectError');
    expect(new ProjectError('plain').help).toBeUndefined();
  });

  it('refuses unknown keys before missing ones, with the owner in the message and help', () => {
    expect(messageOf(() => object({ beta: 1, zzz: 2 }, 'o', ['alpha'], ['beta'], 'a thing'))).toBe('o.zzz: unknown field for a thing\n  help: a thing takes alpha, beta');
    expect(messageOf(() => object({ b: 1 }, 'o', ['a'], ['b']))).toBe('o.a: required field is missing');
    expect(messageOf(() => object('s', 'o', []))).toBe('o: must be an object (got "s")');
    expect(object({ a: 1 }, 'o', ['a'])).toEqual({ a: 1 });
  });

  it('reads text, choices and optional keys', () => {
    expect(string('', 's', false)).toBe('');
    expect(messageOf(() => string('', 's'))).toBe('s: must not be empty');
    expect(messageOf(() => oneOf(3, 'k', ['a', 'b']))).toBe("k: must be one of 'a', 'b' (got 3)");
    expect(oneOf('b', 'k', ['a', 'b'])).toBe('b');
    expect(optional({ a: undefined }, 'a', 'p', () => 'read')).toBeUndefined();
    expect(optional({ a: 0 }, 'a', 'p', (v, at) => `${String(v)} at ${at}`)).toBe('0 at p.a');
  });
});
