/** Checking one param value against its spec: shared by graph analysis, the inspector and tests. */
import type { ParamSpec } from './types';

/** The limits of a param in words, e.g. "an integer from 1 to 4096". Used in messages and docs. */
export function describeLimits(spec: ParamSpec): string {
  switch (spec.kind) {
    case 'int':
      return `an integer${rangeText(spec.min, spec.max, false)}`;
    case 'float':
      return `a number${rangeText(spec.min, spec.max, spec.minExclusive ?? false)}`;
    case 'bool':
      return 'true or false';
    case 'enum':
      return `one of ${spec.options.join(', ')}`;
    case 'intList':
      return `a list of integers ≥ ${spec.min ?? 1}`;
  }
}

function rangeText(min: number | undefined, max: number | undefined, minExclusive: boolean): string {
  if (min !== undefined && max !== undefined && !minExclusive) return ` from ${min} to ${max}`;
  const parts: string[] = [];
  if (min !== undefined) parts.push(minExclusive ? `> ${min}` : `≥ ${min}`);
  if (max !== undefined) parts.push(`≤ ${max}`);
  return parts.length ? ` ${parts.join(' and ')}` : '';
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** Why `value` is not acceptable for `spec`, or null if it is. `label` names the param in the text. */
export function checkParamValue(spec: ParamSpec, value: unknown, label: string = spec.label): string | null {
  const got = ` (got ${show(value)})`;
  switch (spec.kind) {
    case 'int':
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${label} must be a number${got}`;
      if (spec.kind === 'int' && !Number.isInteger(value)) return `${label} must be a whole number${got}`;
      const exclusive = spec.kind === 'float' && spec.minExclusive;
      if (spec.min !== undefined && (exclusive ? value <= spec.min : value < spec.min))
        return `${label} must be ${exclusive ? 'greater than' : 'at least'} ${spec.min}${got}`;
      if (spec.max !== undefined && value > spec.max) return `${label} must be at most ${spec.max}${got}`;
      return null;
    }
    case 'bool':
      return typeof value === 'boolean' ? null : `${label} must be true or false${got}`;
    case 'enum':
      return typeof value === 'string' && spec.options.includes(value)
        ? null
        : `${label} must be one of: ${spec.options.join(', ')}${got}`;
    case 'intList': {
      const min = spec.min ?? 1;
      if (!Array.isArray(value)) return `${label} must be a list of whole numbers${got}`;
      const bad = value.find((v) => typeof v !== 'number' || !Number.isInteger(v) || v < min);
      return bad === undefined ? null : `${label} must hold whole numbers ≥ ${min}${got}`;
    }
  }
}

/** A fresh copy of a default value (lists are copied so callers may mutate them). */
export function copyDefault(spec: ParamSpec): unknown {
  return Array.isArray(spec.default) ? [...spec.default] : spec.default;
}

/**
 * Whether the inspector shows `spec` for a node with these params: always, unless the spec has a
 * `visibleWhen` whose param (its value, or its default when unset) differs from `equals`.
 */
export function isParamVisible(spec: ParamSpec, params: Readonly<Record<string, unknown>>, specs: Readonly<Record<string, ParamSpec>>): boolean {
  const rule = spec.visibleWhen;
  if (!rule) return true;
  const value = params[rule.param] ?? specs[rule.param]?.default;
  return value === rule.equals;
}
