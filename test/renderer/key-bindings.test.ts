import { describe, expect, it } from 'vitest';
import { commandForKey, type KeyContext, type KeyLike } from '../../src/renderer/src/commands/key-bindings';
import { formatKeys, shortcuts } from '../../src/renderer/src/commands/shortcut-help';

const web: KeyContext = { desktop: false, platform: 'other' };
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
    [key('+', { ctrlKey: true, shiftKey: true }), { type: 'zoomIn' }],
    [key('_', { ctrlKey: true, shiftKey: true }), { type: 'zoomOut' }],
    [key('1', { ctrlKey: true }), { type: 'togglePalette' }],
    [key('/', { metaKey: true }), { type: 'showShortcuts' }],
    [key('L', { ctrlKey: true, shiftKey: true }), { type: 'autoLayout' }],
    [key('?', { shiftKey: true }), { type: 'showShortcuts' }],
    [key(' '), { type: 'quickAdd' }],
    [key('Escape'), { type: 'clearSelection' }],
  ])('%o → %o on the web', (event, command) => {
    expect(commandForKey(event, web)).toEqual(command);
  });

  it('ignores plain letters, Alt combinations and unknown keys', () => {
    expect(commandForKey(key('z'), web)).toBeNull();
    expect(commandForKey(key('z', { ctrlKey: true, altKey: true }), web)).toBeNull();
    expect(commandForKey(key('F7'), web)).toBeNull();
    expect(commandForKey(key('d', { ctrlKey: true, shiftKey: true }), web)).toBeNull(); // Shift matters for letters
    expect(commandForKey(key(' ', { shiftKey: true }), web)).toBeNull();
  });

  it('leaves the desktop menu accelerators to the menu (no double undo), but keeps the rest', () => {
    expect(commandForKey(key('z', { ctrlKey: true }), desktop)).toBeNull();
    expect(commandForKey(key('s', { ctrlKey: true }), desktop)).toBeNull();
    expect(commandForKey(key('y', { ctrlKey: true }), desktop)).toEqual({ type: 'redo' }); // Linux/macOS menus use Shift+Z
    expect(commandForKey(key('y', { ctrlKey: true }), { ...desktop, platform: 'win32' })).toBeNull();
    expect(commandForKey(key('Z', { ctrlKey: true, shiftKey: true }), { ...desktop, platform: 'win32' })).toEqual({ type: 'redo' }); // Windows' menu has Ctrl+Y
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
