/**
 * No import cycles among the modules of the shared code, the engine and the Node side (type-only
 * imports and re-exports included): each module can be read, tested and moved after what it
 * imports. The graph comes from TypeScript's own import scanner (tools/import-cycles.ts).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCycles, importGraph } from '../../tools/import-cycles';

const root = path.resolve(__dirname, '../..');
const relative = (cycle: string[], base = root) => cycle.map((file) => path.relative(base, file).split(path.sep).join('/'));

describe('import cycles', () => {
  it('src/shared and src/engine (and interop, node, cli, main, preload, renderer) have none', () => {
    const dirs = ['src/shared', 'src/engine', 'src/interop', 'src/node', 'src/cli', 'src/main', 'src/preload', 'src/renderer/src'].map((d) => path.join(root, d));
    const graph = importGraph(dirs);
    expect(graph.size).toBeGreaterThan(100); // the scan found the code base
    expect(graph.get(path.join(root, 'src/engine/host.ts'))).toContain(path.join(root, 'src/shared/protocol.ts'));
    expect(findCycles(graph).map((c) => relative(c).join(' → '))).toEqual([]);
  });

  describe('the checker', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bprop-cycles-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };

    it('finds a cycle through a type-only import, a re-export and a folder index, and names its path', () => {
      write('a.ts', "import type { B } from './b';\nexport type A = B;\n");
      write('b.ts', "export * from './parts';\nexport type B = number;\n");
      write('parts/index.ts', "import { c } from '../c';\nexport const p = c;\n");
      write('c.ts', "// import { a } from './a' (a comment is not an import)\nexport { a } from './a';\nexport const c = 1;\n");
      write('leaf.ts', "import { c } from './c';\nimport 'node:fs';\nexport const leaf = c;\n");
      write('self.ts', "import { s } from './self';\nexport const s = 1;\nvoid s;\n");
      const cycles = findCycles(importGraph([dir])).map((c) => relative(c, dir));
      expect(cycles).toHaveLength(2);
      expect(cycles).toContainEqual(['a.ts', 'b.ts', 'parts/index.ts', 'c.ts', 'a.ts']);
      expect(cycles).toContainEqual(['self.ts', 'self.ts']);
    });

    it('finds none when the back edge is removed', () => {
      write('c.ts', 'export const c = 1;\n');
      write('self.ts', 'export const s = 1;\n');
      expect(findCycles(importGraph([dir]))).toEqual([]);
    });
  });
});
