/**
 * The page never bundles the engine: from the renderer's entry (src/renderer/src/main.tsx), the
 * value imports reach no node type's engine file, op, kernel, compiler, model or trainer. (The
 * engine runs in its Web Worker, which the page starts with `new Worker(new URL(...))`, a
 * separate chunk; type-only imports are erased.) What the editor needs to know about data (the
 * dataset catalog, CSV parsing and previews) lives in src/shared/data.
 *
 * And, stricter than the bundle: no renderer module outside src/renderer/src/worker (the Web
 * Worker's entry, which hosts the engine by design) names src/engine at all, not even for types.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '../..');
const entry = path.join(repo, 'src/renderer/src/main.tsx');
const engine = path.join(repo, 'src/engine') + path.sep;
const workerDir = path.join(repo, 'src/renderer/src/worker') + path.sep;

/** Relative value imports of a module (import/export … from, side-effect imports, dynamic import()). */
function valueImports(source: string): string[] {
  const out: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?[^;'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of source.matchAll(statement)) {
    if (m[2]) continue; // import type / export type: erased
    const spec = m[3] ?? m[4] ?? m[5];
    if (spec && spec.startsWith('.')) out.push(spec);
  }
  return out;
}

/** Every relative module specifier: value and type-only imports and exports, side effects, import(). */
function allImports(source: string): string[] {
  const statement = /^\s*(?:import|export)\s[^;'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  return [...source.matchAll(statement)].map((m) => m[1] ?? m[2] ?? m[3]!).filter((spec) => spec.startsWith('.'));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.(ts|tsx)$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

/** `file: specifier` for each import of src/engine by a module under `dir` outside the worker folder. */
function engineImportsUnder(dir: string): string[] {
  return sourceFiles(dir)
    .filter((file) => !file.startsWith(workerDir))
    .flatMap((file) =>
      allImports(readFileSync(file, 'utf8'))
        .filter((spec) => path.resolve(path.dirname(file), spec).startsWith(engine))
        .map((spec) => `${path.relative(repo, file)}: ${spec}`),
    );
}

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (/\.(ts|tsx)$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null; // styles, assets
}

function closure(start: string): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const spec of valueImports(readFileSync(file, 'utf8'))) {
      const target = resolve(file, spec);
      if (target && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}

describe('the renderer bundle', () => {
  const files = closure(entry);

  it('follows the page’s imports (the check sees the registry and the editor)', () => {
    expect(files.has(path.join(repo, 'src/shared/nodes/index.ts'))).toBe(true);
    expect(files.has(path.join(repo, 'src/renderer/src/palette/Palette.tsx'))).toBe(true);
    expect(files.has(path.join(repo, 'src/shared/data/catalog.ts'))).toBe(true);
    expect(files.has(path.join(repo, 'src/shared/data/csv-preview.ts'))).toBe(true);
    expect(files.has(path.join(repo, 'src/renderer/src/worker/engine-worker.ts'))).toBe(false);
  });

  it('contains no engine code', () => {
    const bundled = [...files].filter((f) => f.startsWith(engine));
    expect(bundled.map((f) => path.relative(repo, f))).toEqual([]);
  });
});

describe('renderer sources', () => {
  it('import nothing from src/engine, type-only imports included, except the Web Worker entry', () => {
    const workerImports = sourceFiles(workerDir).flatMap((file) => allImports(readFileSync(file, 'utf8')).map((spec) => path.resolve(path.dirname(file), spec)));
    expect(workerImports.some((target) => target.startsWith(engine))).toBe(true); // the check sees the worker's imports
    expect(engineImportsUnder(path.join(repo, 'src/renderer'))).toEqual([]);
  });

  it('src/shared, which the page and the engine both use, imports nothing from src/engine', () => {
    expect(engineImportsUnder(path.join(repo, 'src/shared'))).toEqual([]);
  });
});
