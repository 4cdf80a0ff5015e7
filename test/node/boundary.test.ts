/**
 * src/node is Node-only (fs, path, crypto): only the desktop main process and the CLI may import
 * it. The renderer, src/shared and src/interop run in the page, and the engine also runs in the
 * browser's Web Worker, so an import of src/node from any of them would break the web build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '../..');
const src = path.join(repo, 'src');
const nodeDir = path.join(src, 'node') + path.sep;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.(ts|tsx)$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

/** Every module specifier of a file: static imports and exports (type-only too), and dynamic import(). */
function specifiers(source: string): string[] {
  const pattern = /^\s*(?:import|export)\s[^;'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  return [...source.matchAll(pattern)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** Files under src/ that import something from src/node, by folder (src/<folder>). */
function importersOfNode(): Map<string, string[]> {
  const byFolder = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    if (file.startsWith(nodeDir)) continue;
    const hits = specifiers(readFileSync(file, 'utf8')).filter((s) => s.startsWith('.') && path.resolve(path.dirname(file), s).startsWith(nodeDir));
    if (hits.length === 0) continue;
    const folder = path.relative(src, file).split(path.sep)[0]!;
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), path.relative(repo, file)]);
  }
  return byFolder;
}

describe('src/node', () => {
  const importers = importersOfNode();

  it('is used by both the desktop main process and the CLI (the check sees them)', () => {
    expect(importers.get('main')).toEqual(expect.arrayContaining(['src/main/files.ts', 'src/main/project-files.ts', 'src/main/engine-entry.ts']));
    expect(importers.get('cli')).toEqual(expect.arrayContaining(['src/cli/project-file.ts', 'src/cli/export-command.ts']));
  });

  it('is imported only by src/main and src/cli', () => {
    expect([...importers.keys()].filter((folder) => folder !== 'main' && folder !== 'cli')).toEqual([]);
  });

  it('imports no Electron, renderer, CLI or main-process module', () => {
    const bad = sourceFiles(nodeDir).flatMap((file) =>
      specifiers(readFileSync(file, 'utf8'))
        .filter((s) => s === 'electron' || /^\.\.\/(renderer|cli|main|preload)\//.test(s))
        .map((s) => `${path.relative(repo, file)}: ${s}`),
    );
    expect(bad).toEqual([]);
  });
});
