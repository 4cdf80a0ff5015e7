/**
 * Random mutations of valid .bprop files — a field deleted, retyped, made huge, non-finite or
 * emptied, the text truncated — never crash `bprop train`: it trains (the mutation kept the
 * file valid), or refuses with exit 2 and one line naming the file, field, node or line, or
 * (only for a learning rate pushed absurdly high) reports the divergence with exit 1. A
 * truncated, non-finite or retyped file is always refused with exit 2. The CLI's main() runs
 * in-process for speed; two real processes at the end check the same through the binary.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/bprop';
import { chainGraph, makeProject, repoRoot } from '../helpers/projects';
import { propertyRuns } from '../helpers/properties';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'retype'; at: number; pick: number }
  | { kind: 'huge'; at: number; pick: number }
  | { kind: 'nonFinite'; at: number; negative: boolean }
  | { kind: 'string'; at: number; pick: number }
  | { kind: 'truncate'; at: number };

const dir = mkdtempSync(path.join(tmpdir(), 'bprop-property-'));
const csv = 'a,b,label\n' + Array.from({ length: 24 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 7 > 3 ? 'yes' : 'no'}`).join('\n') + '\n';
writeFileSync(path.join(dir, 'points.csv'), csv);

/** The valid starting points: a built-in dataset with a hidden layer, a CSV project, a trained project with weights. */
const bases: Json[] = [
  JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'xor-mlp.bprop'), 'utf8')),
  makeProject(
    chainGraph([['x', 'input'], ['h', 'dense', { units: 3 }], ['t', 'tanh'], ['o', 'dense', { units: 1 }], ['p', 'sigmoid'], ['loss', 'binaryCrossEntropy']]),
    { csv: 'points.csv', sha256: createHash('sha256').update(csv).digest('hex'), features: ['a', 'b'], target: 'label', task: 'classification', split: { validation: 0.25, test: 0 } },
    { epochs: 2, earlyStopping: { patience: 2, minDelta: 0.001, restoreBest: true }, schedule: { type: 'step', stepSize: 1, gamma: 0.5 } },
  ) as unknown as Json,
  JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/cli/xor-trained.bprop'), 'utf8')),
];

/** Every place in a JSON value: the path of keys / indices to it (the root excluded). */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}

function parentOf(root: Json, at: (string | number)[]): { parent: Record<string | number, Json> | Json[]; key: string | number } {
  let node = root as Record<string | number, Json>;
  for (const k of at.slice(0, -1)) node = node[k] as Record<string | number, Json>;
  return { parent: node, key: at[at.length - 1]! };
}

const OTHER_TYPES: Json[] = [null, true, 'x', [], {}, 7, -1.5];
const HUGE_NUMBERS = [1e308, -1e308, 2 ** 53 + 2, 1e12, 4097, -4097];
const STRANGE_STRINGS = ['', '..', '/', 'x'.repeat(100_000), '\u0000', '../../etc/passwd', 'NaN'];

/** Applies a mutation; returns the file text, or null when it does not apply (e.g. no number there). */
function mutate(base: Json, m: Mutation): string | null {
  const root = structuredClone(base);
  if (m.kind === 'truncate') {
    const text = JSON.stringify(root, null, 2);
    return text.slice(0, m.at % text.length);
  }
  const paths = pathsOf(root);
  const at = paths[m.at % paths.length]!;
  const { parent, key } = parentOf(root, at);
  const old = (parent as Record<string | number, Json>)[key];
  const set = (v: Json) => ((parent as Record<string | number, Json>)[key] = v);
  switch (m.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, Json>)[key];
      break;
    case 'retype': {
      const others = OTHER_TYPES.filter((v) => kindOf(v) !== kindOf(old));
      set(others[m.pick % others.length]!);
      break;
    }
    case 'huge':
      if (typeof old !== 'number') return null;
      set(HUGE_NUMBERS[m.pick % HUGE_NUMBERS.length]!);
      break;
    case 'string':
      if (typeof old !== 'string') return null;
      set(STRANGE_STRINGS[m.pick % STRANGE_STRINGS.length]!);
      break;
    case 'nonFinite': {
      if (typeof old !== 'number') return null;
      // JSON has no Infinity; 1e999 is how it sneaks in (JSON.parse reads it as Infinity).
      set(0.123456789);
      return JSON.stringify(root, null, 2).replace('0.123456789', m.negative ? '-1e999' : '1e999');
    }
  }
  return JSON.stringify(root, null, 2);
}

const kindOf = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), pick: fc.nat() }),
  fc.record({ kind: fc.constant('huge' as const), at: fc.nat(), pick: fc.nat() }),
  fc.record({ kind: fc.constant('nonFinite' as const), at: fc.nat(), negative: fc.boolean() }),
  fc.record({ kind: fc.constant('string' as const), at: fc.nat(), pick: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Runs `bprop train FILE --epochs 1 --json` in-process; returns its exit code and what it wrote. */
async function trainInProcess(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const code = await main(['train', file, '--epochs', '1', '--json']);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** One line, starting "bprop: ", and no stack trace. */
function expectOneLineError(stderr: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr.slice(0, 2000)).toHaveLength(1);
  expect(lines[0]).toMatch(/^bprop: \S/);
  expect(stderr).not.toMatch(/\n\s+at /);
}

afterAll(() => {
  vi.restoreAllMocks();
});

describe('mutated .bprop files (property)', () => {
  it('the unmutated bases train', async () => {
    for (const [i, base] of bases.entries()) {
      const file = path.join(dir, `base${i}.bprop`);
      writeFileSync(file, JSON.stringify(base));
      const r = await trainInProcess(file);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
  });

  it('train, or refuse with exit 2 and one line, never crash', async () => {
    let n = 0;
    const outcomes = { trained: 0, refused: 0, diverged: 0 };
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bases.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (b, mutations) => {
        let text = JSON.stringify(bases[b]);
        const applied: Mutation['kind'][] = [];
        for (const m of mutations) {
          let current: Json;
          try {
            current = JSON.parse(text);
          } catch {
            break; // already truncated (or holding 1e999): later mutations would act on text we cannot read
          }
          const next = mutate(current, m);
          if (next === null) continue;
          text = next;
          applied.push(m.kind);
          // 1e999 parses as Infinity, and re-serialising writes it as null: a later mutation would
          // silently undo this one, so it is the last.
          if (m.kind === 'nonFinite') break;
        }
        const file = path.join(dir, `case${n++ % 4}.bprop`);
        writeFileSync(file, text);
        const r = await trainInProcess(file);
        const mustRefuse = applied.some((kind) => kind === 'truncate' || kind === 'nonFinite' || kind === 'retype');
        if (r.code === 0) {
          expect(mustRefuse, `${applied.join(', ')} (${JSON.stringify(mutations)}) was accepted`).toBe(false);
          expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^\{"done":true/);
          outcomes.trained++;
        } else if (r.code === 1) {
          expect(r.stderr).toMatch(/^bprop: The loss became NaN or infinite at epoch 1/);
          expectOneLineError(r.stderr);
          outcomes.diverged++;
        } else {
          expect(r.code).toBe(2);
          expectOneLineError(r.stderr);
          outcomes.refused++;
        }
      }),
      propertyRuns(150),
    );
    expect(outcomes.trained).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(outcomes.trained);
  });
});

describe('through the real binary', () => {
  const bprop = (file: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/bprop.ts'), 'train', file, '--epochs', '1'], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });

  it('a truncated file and a non-finite learning rate: exit 2, one line', () => {
    const text = JSON.stringify(bases[0], null, 2);
    const truncated = path.join(dir, 'truncated.bprop');
    writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)));
    const r1 = bprop(truncated);
    expect(r1.status).toBe(2);
    expectOneLineError(r1.stderr);
    expect(r1.stderr).toMatch(/^bprop: truncated\.bprop:\d+:\d+: /);

    const infinite = path.join(dir, 'infinite.bprop');
    writeFileSync(infinite, text.replace(/"learningRate": [\d.]+/, '"learningRate": 1e999'));
    const r2 = bprop(infinite);
    expect(r2.status).toBe(2);
    expectOneLineError(r2.stderr);
    expect(r2.stderr).toMatch(/training\.optimizer\.learningRate/);
  });
});
