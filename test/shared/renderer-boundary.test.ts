/**
 * The page never bundles the engine: from the renderer's entry (src/renderer/src/main.tsx), the
 * value imports reach no node type's engine file, op, kernel, compiler, model or trainer. (The
 * engine runs in its Web Worker, which the page starts with `new Worker(new URL(...))`, a
 * separate chunk; type-only imports are erased.) The data modules the editor still reads
 * (dataset catalog, CSV parsing, and the seeded generator they use) are allowed until they move
 * to src/shared.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '../..');
const entry = path.join(repo, 'src/renderer/src/main.tsx');
/** The data modules and the seeded random numbers their generators draw from. */
const ALLOWED_ENGINE = [path.join(repo, 'src/engine/data') + path.sep, path.join(repo, 'src/engine/random.ts')];

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
    expect(files.has(path.join(repo, 'src/renderer/src/worker/engine-worker.ts'))).toBe(false);
  });

  it('contains no engine code', () => {
    const engine = path.join(repo, 'src/engine') + path.sep;
    const bundled = [...files].filter((f) => f.startsWith(engine) && !ALLOWED_ENGINE.some((dir) => f.startsWith(dir)));
    expect(bundled.map((f) => path.relative(repo, f))).toEqual([]);
  });
});
