/** The whole code base type-checks, for the node side, the web side and the end-to-end tests separately. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

describe('typecheck', () => {
  it.each(['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.e2e.json'])('%s has no type errors', (config) => {
    const r = spawnSync(process.execPath, [tsc, '-p', config, '--noEmit'], { cwd: root, encoding: 'utf8', timeout: 180_000 });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 180_000);
});
