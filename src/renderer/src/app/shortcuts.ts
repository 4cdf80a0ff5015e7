/**
 * Every keyboard shortcut, as data: the Help › Keyboard Shortcuts dialog lists these, and
 * main's menu can show the same. `Mod` is ⌘ on macOS and Ctrl elsewhere.
 */
export interface Shortcut {
  group: 'File' | 'Edit' | 'Canvas' | 'View';
  keys: readonly string[];
  action: string;
}

export const shortcuts: readonly Shortcut[] = [
  { group: 'File', keys: ['Mod+O'], action: 'Open a project' },
  { group: 'File', keys: ['Mod+S'], action: 'Save' },
  { group: 'File', keys: ['Shift+Mod+S'], action: 'Save as…' },
  { group: 'File', keys: ['Shift+Mod+E'], action: 'Export the trained weights (JSON)' },
  { group: 'Edit', keys: ['Mod+Z'], action: 'Undo' },
  { group: 'Edit', keys: ['Shift+Mod+Z', 'Mod+Y'], action: 'Redo' },
  { group: 'Edit', keys: ['Mod+C'], action: 'Copy the selected nodes' },
  { group: 'Edit', keys: ['Mod+X'], action: 'Cut the selected nodes' },
  { group: 'Edit', keys: ['Mod+V'], action: 'Paste' },
  { group: 'Edit', keys: ['Mod+D'], action: 'Duplicate the selected nodes' },
  { group: 'Edit', keys: ['Delete', 'Backspace'], action: 'Delete the selection (edges touching deleted nodes go too)' },
  { group: 'Edit', keys: ['Mod+A'], action: 'Select everything' },
  { group: 'Edit', keys: ['Escape'], action: 'Clear the selection, close a menu' },
  { group: 'Canvas', keys: ['Space', 'Right-click'], action: 'Quick add a node at the cursor (type to filter, Enter adds)' },
  { group: 'Canvas', keys: ['Shift+drag'], action: 'Box-select nodes' },
  { group: 'Canvas', keys: ['Mod+click'], action: 'Add a node or edge to the selection' },
  { group: 'Canvas', keys: ['Arrow keys'], action: 'Move the selected nodes' },
  { group: 'Canvas', keys: ['Shift+Mod+L'], action: 'Auto-layout the network, left to right' },
  { group: 'View', keys: ['Mod+='], action: 'Zoom in' },
  { group: 'View', keys: ['Mod+-'], action: 'Zoom out' },
  { group: 'View', keys: ['Mod+0'], action: 'Fit the network into view' },
  { group: 'View', keys: ['Mod+1', 'Mod+2', 'Mod+3'], action: 'Show or hide the palette, inspector, training panel' },
  { group: 'View', keys: ['Mod+/', '?'], action: 'This list of shortcuts' },
];

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

/** "Shift+Mod+S" → "⇧⌘S" on macOS, "Shift+Ctrl+S" elsewhere. */
export function formatKeys(keys: string, mac = isMac()): string {
  if (!mac) return keys.replace(/Mod/g, 'Ctrl');
  return keys.replace(/Shift\+/g, '⇧').replace(/Mod\+/g, '⌘').replace(/Alt\+/g, '⌥');
}
