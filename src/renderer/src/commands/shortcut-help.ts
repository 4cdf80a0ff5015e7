/**
 * The Help › Keyboard Shortcuts list: every command of the registry that has keys, in its
 * group, then the canvas gestures that are not commands (React Flow handles them).
 * `Mod` is ⌘ on macOS and Ctrl elsewhere.
 */
import { COMMAND_SPECS, type CommandGroup, type CommandId } from '../../../shared/commands';

export interface Shortcut {
  group: CommandGroup;
  keys: readonly string[];
  action: string;
  /** The command this row runs; undefined for a gesture of the canvas. */
  command?: CommandId;
}

/** Pointer and arrow-key gestures of the canvas: no command of their own. */
const GESTURES: readonly Shortcut[] = [
  { group: 'Canvas', keys: ['Shift+drag'], action: 'Box-select nodes' },
  { group: 'Canvas', keys: ['Mod+click'], action: 'Add a node or edge to the selection' },
  { group: 'Canvas', keys: ['Arrow keys'], action: 'Move the selected nodes' },
];

const GROUPS: readonly CommandGroup[] = ['File', 'Edit', 'Canvas', 'View'];

const fromCommands: Shortcut[] = COMMAND_SPECS.filter((c) => c.keys.length > 0).map((c) => ({
  group: c.group,
  keys: [...c.keys, ...('gestures' in c ? c.gestures : [])],
  action: 'help' in c ? c.help : c.label,
  command: c.id,
}));

export const shortcuts: readonly Shortcut[] = GROUPS.flatMap((group) => [...fromCommands, ...GESTURES].filter((s) => s.group === group));

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

/** "Shift+Mod+S" → "⇧⌘S" on macOS, "Shift+Ctrl+S" elsewhere. */
export function formatKeys(keys: string, mac = isMac()): string {
  if (!mac) return keys.replace(/Mod/g, 'Ctrl');
  return keys.replace(/Shift\+/g, '⇧').replace(/Mod\+/g, '⌘').replace(/Alt\+/g, '⌥');
}

/** A button's tooltip: "Save As (Shift+Ctrl+S)". */
export function withKeys(label: string, keys: readonly string[], mac = isMac()): string {
  return keys.length > 0 ? `${label} (${formatKeys(keys[0]!, mac)})` : label;
}
