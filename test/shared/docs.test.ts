/** Keeps the hand-written node table in docs/project-format.md in step with the registry. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSpecs } from '../../src/shared/nodes';
import { activityParams } from '../../src/shared/nodes/regularizer-params';
import type { NodeSpec, ParamSpec } from '../../src/shared/nodes/types';

const doc = readFileSync(path.resolve(__dirname, '../../docs/project-format.md'), 'utf8');
const section = doc.slice(doc.indexOf('## Node types'));

/** The activity params every activation shares are documented once, in their own section. */
const activitySection = section.slice(section.indexOf('### Activity penalties'), section.indexOf('### Losses'));

function documents(text: string, name: string, param: ParamSpec): void {
  expect(text).toContain(`\`${name}\`: `);
  expect(text).toContain(`default \`${Array.isArray(param.default) ? `[${param.default.join(',')}]` : String(param.default)}\``);
  if (param.kind === 'enum') for (const option of param.options) expect(text).toContain(`\`${option}\``);
  if (param.kind === 'int') expect(text).toContain(`${param.min} … ${param.max}`);
}

function rowOf(type: string): string | undefined {
  return section.split('\n').find((line) => line.startsWith(`| \`${type}\` |`));
}

describe('docs/project-format.md', () => {
  it.each(Object.entries(nodeSpecs) as [string, NodeSpec][])('documents %s with its label and params', (type, spec) => {
    const row = rowOf(type);
    expect(row, `a table row for ${type}`).toBeDefined();
    expect(row!.split('|')[2]!.trim()).toBe(spec.label);
    if (spec.category === 'loss') {
      expect(row).toContain(spec.loss!.requires ? `\`${spec.loss!.requires}\`` : '| — |');
      return;
    }
    const shared = (name: string) => spec.category === 'activation' && Object.hasOwn(activityParams, name);
    for (const [name, param] of Object.entries(spec.params)) documents(shared(name) ? activitySection : row!, name, param);
    if (Object.keys(spec.params).filter((name) => !shared(name)).length === 0) expect(row).toMatch(/\| none \|/);
  });

  it('documents the loss target param and every optimiser type', () => {
    expect(section).toContain('one param `target`: `labels`\n(default');
    for (const t of ['sgd', 'adam', 'rmsprop', 'adagrad']) expect(doc).toContain(`| \`${t}\` |`);
  });
});
