/** Keyboard events → commands. Pure, so the table is tested directly. */
import type { AppCommand } from './use-commands';

export interface KeyContext {
  /** On the desktop the application menu owns its accelerators: the page must not run them twice. */
  desktop: boolean;
  /** Windows' menu uses Ctrl+Y for Redo; elsewhere Shift+Mod+Z. */
  windows: boolean;
  /** Where a quick-add opens: the pointer over the canvas, else the canvas centre. */
  quickAddAt(): { x: number; y: number };
}

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

interface Binding {
  mod: boolean;
  shift?: boolean;
  keys: readonly string[];
  command(ctx: KeyContext): AppCommand;
  /** True when the desktop menu registers this accelerator (given the context). */
  menu?(ctx: KeyContext): boolean;
}

const always = () => true;

const BINDINGS: readonly Binding[] = [
  { mod: true, shift: false, keys: ['z'], command: () => ({ type: 'undo' }), menu: always },
  { mod: true, shift: true, keys: ['z'], command: () => ({ type: 'redo' }), menu: (c) => !c.windows },
  { mod: true, shift: false, keys: ['y'], command: () => ({ type: 'redo' }), menu: (c) => c.windows },
  { mod: true, shift: false, keys: ['x'], command: () => ({ type: 'cut' }), menu: always },
  { mod: true, shift: false, keys: ['c'], command: () => ({ type: 'copy' }), menu: always },
  { mod: true, shift: false, keys: ['v'], command: () => ({ type: 'paste' }), menu: always },
  { mod: true, shift: false, keys: ['d'], command: () => ({ type: 'duplicate' }) },
  { mod: true, shift: false, keys: ['a'], command: () => ({ type: 'selectAll' }), menu: always },
  { mod: false, keys: ['Delete', 'Backspace'], command: () => ({ type: 'delete' }) },
  { mod: true, shift: false, keys: ['s'], command: () => ({ type: 'save' }), menu: always },
  { mod: true, shift: true, keys: ['s'], command: () => ({ type: 'saveAs' }), menu: always },
  { mod: true, shift: false, keys: ['o'], command: () => ({ type: 'open' }), menu: always },
  { mod: true, shift: true, keys: ['e'], command: () => ({ type: 'exportWeights' }), menu: always },
  { mod: true, keys: ['=', '+'], command: () => ({ type: 'zoomIn' }), menu: always },
  { mod: true, keys: ['-', '_'], command: () => ({ type: 'zoomOut' }), menu: always },
  { mod: true, shift: false, keys: ['0'], command: () => ({ type: 'fitView' }), menu: always },
  { mod: true, shift: false, keys: ['1'], command: () => ({ type: 'togglePanel', panel: 'palette' }), menu: always },
  { mod: true, shift: false, keys: ['2'], command: () => ({ type: 'togglePanel', panel: 'inspector' }), menu: always },
  { mod: true, shift: false, keys: ['3'], command: () => ({ type: 'togglePanel', panel: 'training' }), menu: always },
  { mod: true, keys: ['/'], command: () => ({ type: 'showShortcuts' }), menu: always },
  { mod: false, keys: ['?'], command: () => ({ type: 'showShortcuts' }) },
  { mod: true, shift: true, keys: ['l'], command: () => ({ type: 'autoLayout' }) },
  { mod: false, shift: false, keys: [' '], command: (c) => ({ type: 'quickAdd', ...c.quickAddAt() }) },
  { mod: false, keys: ['Escape'], command: () => ({ type: 'clearSelection' }) },
];

/** The command for a key press outside text fields, or null. */
export function commandForKey(event: KeyLike, ctx: KeyContext): AppCommand | null {
  if (event.altKey) return null;
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const binding = BINDINGS.find((b) => b.mod === mod && (b.shift === undefined || b.shift === event.shiftKey) && b.keys.includes(key));
  if (!binding) return null;
  if (ctx.desktop && binding.menu?.(ctx)) return null;
  return binding.command(ctx);
}
