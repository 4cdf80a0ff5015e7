/**
 * Small readers for validating plain JSON with field paths. Each throws a ProjectError whose
 * message starts with the path ("training.batchSize: must be an integer ≥ 1 (got 0)").
 */
import { didYouMean } from './closest-names';

export class ProjectError extends Error {
  /** What to do about it, also appended to `message` as a "help:" line. */
  readonly help?: string;

  constructor(message: string, readonly path?: string, help?: string) {
    super(help ? `${message}\n  help: ${help}` : message);
    this.name = 'ProjectError';
    if (help) this.help = help;
  }
}

export type Json = Record<string, unknown>;

export function fail(path: string, problem: string, help?: string): never {
  throw new ProjectError(path ? `${path}: ${problem}` : problem, path || undefined, help);
}

/** A short rendering of a bad value for messages. */
export function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  return String(value);
}

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** "a" or "an" before `noun` (by its first letter), for owners such as "an exponential schedule". */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/**
 * An object with exactly these keys: unknown keys are refused (so typos don't silently vanish),
 * then missing required ones. `owner` adds context to the unknown-key message ("for adam").
 */
export function object(value: unknown, path: string, required: readonly string[], optional: readonly string[] = [], owner?: string): Json {
  if (!isObject(value)) fail(path, `must be an object (got ${shown(value)})`);
  const allowed = [...required, ...optional];
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const hint = didYouMean(key, allowed);
    const context = owner ? ` for ${owner}` : '';
    fail(join(path, key), `unknown field${context}${hint ? ` (${hint})` : ''}`, owner ? `${owner} takes ${allowed.join(', ')}` : undefined);
  }
  for (const key of required) if (!Object.hasOwn(value, key)) fail(join(path, key), 'required field is missing');
  return value;
}

/** An object whose keys are free (ids, names); the caller checks the values. */
export function record(value: unknown, path: string): Json {
  if (!isObject(value)) fail(path, `must be an object (got ${shown(value)})`);
  return value;
}

export function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, `must be a list (got ${shown(value)})`);
  return value;
}

export function string(value: unknown, path: string, nonEmpty = true): string {
  if (typeof value !== 'string') fail(path, `must be text (got ${shown(value)})`);
  if (nonEmpty && value.length === 0) fail(path, 'must not be empty');
  return value;
}

export function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, `must be true or false (got ${shown(value)})`);
  return value;
}

export function oneOf<O extends string>(value: unknown, path: string, options: readonly O[]): O {
  if (typeof value !== 'string' || !options.includes(value as O))
    fail(path, `must be one of ${options.map((o) => `'${o}'`).join(', ')} (got ${shown(value)})`);
  return value as O;
}

export interface NumberRule {
  integer?: boolean;
  min?: number;
  /** `min` itself is not allowed. */
  minExclusive?: boolean;
  max?: number;
  /** `max` itself is not allowed. */
  maxExclusive?: boolean;
}

/** "an integer ≥ 1", "a number in [0, 1)", "an integer from 1 to 1000000". */
export function describeRule(rule: NumberRule): string {
  const what = rule.integer ? 'an integer' : 'a number';
  const { min, max } = rule;
  if (min !== undefined && max !== undefined) {
    if (rule.integer && !rule.minExclusive && !rule.maxExclusive) return `${what} from ${min} to ${max}`;
    return `${what} in ${rule.minExclusive ? '(' : '['}${min}, ${max}${rule.maxExclusive ? ')' : ']'}`;
  }
  if (min !== undefined) return `${what} ${rule.minExclusive ? '>' : '≥'} ${min}`;
  if (max !== undefined) return `${what} ${rule.maxExclusive ? '<' : '≤'} ${max}`;
  return what;
}

export function number(value: unknown, path: string, rule: NumberRule = {}): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || (rule.minExclusive ? value > rule.min : value >= rule.min)) &&
    (rule.max === undefined || (rule.maxExclusive ? value < rule.max : value <= rule.max));
  if (!ok) fail(path, `must be ${describeRule(rule)} (got ${shown(value)})`);
  return value as number;
}

/** Reads `obj[key]` with `read` if present; undefined otherwise. */
export function optional<T>(obj: Json, key: string, path: string, read: (value: unknown, path: string) => T): T | undefined {
  // An own key holding undefined (structured clone keeps those; JSON drops them) counts as absent.
  return obj[key] !== undefined ? read(obj[key], join(path, key)) : undefined;
}
