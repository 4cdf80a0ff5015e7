/** Keeps docs/editor.md in step with the shortcut table and the templates. */
import { describe, expect, it } from 'vitest';
import { shortcuts } from '../../src/renderer/src/commands/shortcut-help';
import { templates } from '../../src/shared/templates';
import doc from '../../docs/editor.md?raw';

describe('docs/editor.md', () => {
  it.each(shortcuts.map((s) => [s.action, s]))('lists the shortcut: %s', (_action, shortcut) => {
    expect(doc).toContain(`| ${shortcut.keys.join(', ')} | ${shortcut.action} |`);
  });

  it('names every template', () => {
    for (const t of templates) expect(doc).toContain(t.label);
  });
});
