/** docs/interop.md's operator table names every node type of the registry (it must grow with it). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSpecs } from '../../src/shared/nodes';
import { repoRoot } from '../helpers/projects';

const doc = readFileSync(path.join(repoRoot, 'docs/interop.md'), 'utf8');
const table = doc.slice(doc.indexOf('## Operators'), doc.indexOf('## ONNX import'));

describe('docs/interop.md', () => {
  it('the operator table has a row naming every node type', () => {
    const firstCells = table
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && !l.startsWith('| Node'))
      .map((l) => l.split('|')[1]!.toLowerCase());
    const missing = Object.values(nodeSpecs)
      .map((s) => s.label)
      .filter((label) => !firstCells.some((cell) => cell.includes(label.toLowerCase().replace(/ \(.*\)$/, ''))));
    expect(missing).toEqual([]);
  });
});
