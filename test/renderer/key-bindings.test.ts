import { describe, expect, it } from 'vitest';
import { commandForKey, type KeyContext, type KeyLike } from '../../src/renderer/src/app/key-bindings';
import { formatKeys, shortcuts } from '../../src/renderer/src/app/shortcuts';

const web: KeyContext = { desktop: false, windows: false, quickAddAt: () => ({ x: 10, y: 20 }) };
const desktop: KeyContext = { ...web, desktop: true };
const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('keyboard shortcuts', () => {
  it.each([
    [key('z', { ctrlKey: true }), { type: 'undo' }],
    [key('Z', { ctrlKey: true, shiftKey: true }), { type: 'redo' }],
    [key('y', { ctrlKey: true }), { type: 'redo' }],
    [key('z', { metaKey: true }), { type: 'undo' }],
    [key('c', { ctrlKey: true }), { type: 'copy' }],
    [key('x', { metaKey: true }), { type: 'cut' }],
    [key('v', { ctrlKey: true }), { type: 'paste' }],
    [key('d', { ctrlKey: true }), { type: 'duplicate' }],
    [key('a', { ctrlKey: true }), { type: 'selectAll' }],
    [key('Delete'), { type: 'delete' }],
    [key('Backspace'), { type: 'delete' }],
    [key('s', { ctrlKey: true }), { type: 'save' }],
    [key('S', { ctrlKey: true, shiftKey: true }), { type: 'saveAs' }],
    [key('0', { ctrlKey: true }), { type: 'fitView' }],
    [key('=', { ctrlKey: true }), { type: 'zoomIn' }],
    [key('L', { ctrlKey: true, shiftKey: true }), { type: 'autoLayout' }],
    [key('?', { shiftKey: true }), { type: 'showShortcuts' }],
    [key(' '), { type: 'quickAdd', x: 10, y: 20 }],
    [key('Escape'), { type: 'clearSelection' }],
  ])('%o → %o on the web', (event, command) => {
    expect(commandForKey(event, web)).toEqual(command);
  });

  it('ignores plain letters, Alt combinations and unknown keys', () => {
    expect(commandForKey(key('z'), web)).toBeNull();
    expect(commandForKey(key('z', { ctrlKey: true, altKey: true }), web)).toBeNull();
    expect(commandForKey(key('F7'), web)).toBeNull();
  });

  it('leaves the desktop menu accelerators to the menu (no double undo), but keeps the rest', () => {
    expect(commandForKey(key('z', { ctrlKey: true }), desktop)).toBeNull();
    expect(commandForKey(key('s', { ctrlKey: true }), desktop)).toBeNull();
    expect(commandForKey(key('y', { ctrlKey: true }), desktop)).toEqual({ type: 'redo' }); // Linux/macOS menus use Shift+Z
    expect(commandForKey(key('y', { ctrlKey: true }), { ...desktop, windows: true })).toBeNull();
    expect(commandForKey(key('d', { ctrlKey: true }), desktop)).toEqual({ type: 'duplicate' });
    expect(commandForKey(key('Delete'), desktop)).toEqual({ type: 'delete' });
  });

  it('lists every binding in the shortcut table, formatted per platform', () => {
    expect(shortcuts.find((s) => s.action === 'Undo')!.keys).toEqual(['Mod+Z']);
    expect(formatKeys('Shift+Mod+S', false)).toBe('Shift+Ctrl+S');
    expect(formatKeys('Shift+Mod+S', true)).toBe('⇧⌘S');
    expect(new Set(shortcuts.map((s) => s.group))).toEqual(new Set(['File', 'Edit', 'Canvas', 'View']));
  });
});
