/**
 * Every user command, as data: its id, its label, its keys, where the shortcut help lists it and
 * where the desktop's application menu shows it. The renderer's registry
 * (src/renderer/src/commands) adds what each command does; the keyboard bindings, the shortcut
 * help, the toolbar and main's menu (src/main/menu.ts) all read their text and keys from here,
 * so a command is spelled once (as excalidraw registers actions).
 *
 * Keys are written `Shift+Mod+S`: `Mod` is ⌘ on macOS and Ctrl elsewhere; `Space`, `Delete`,
 * `Escape` name keys; any other single character is that character.
 */

export type CommandGroup = 'File' | 'Edit' | 'Canvas' | 'View';

/** The application menu (or submenu) a command sits in. */
export type MenuName = 'File' | 'Export' | 'Edit' | 'View' | 'Help';

export type MenuPlatform = 'darwin' | 'win32' | 'other';

export interface CommandMenu {
  in: MenuName;
  /** The menu's text when it differs from the label ("Save As…" against the toolbar's "Save As"). */
  label?: string;
  /** The key the menu shows and registers, when it is not `keys[0]` (per platform where they differ). */
  accelerator?: string | Partial<Record<MenuPlatform, string>>;
  /** Shown in the menu but not registered: the page handles the key (it must keep working in text fields). */
  pageHandlesKey?: true;
}

export interface CommandSpec {
  readonly id: string;
  /** A short name: button labels, tooltips, the menu unless `menu.label` says otherwise. */
  readonly label: string;
  /** Keyboard shortcuts, first one preferred (tooltips show it). Empty: no shortcut. */
  readonly keys: readonly string[];
  /** The shortcut help's section. */
  readonly group: CommandGroup;
  /** The shortcut help's text, when the label is too terse. */
  readonly help?: string;
  /** Pointer gestures that do the same; the help lists them after the keys (the canvas handles them). */
  readonly gestures?: readonly string[];
  readonly menu?: CommandMenu;
}

export const COMMAND_SPECS = [
  // File
  { id: 'new', label: 'New Blank Project', keys: [], group: 'File', menu: { in: 'File', label: 'Blank Project', accelerator: 'Mod+N' } },
  { id: 'open', label: 'Open', keys: ['Mod+O'], group: 'File', help: 'Open a project', menu: { in: 'File', label: 'Open…' } },
  { id: 'openRecent', label: 'Open Recent', keys: [], group: 'File' },
  { id: 'save', label: 'Save', keys: ['Mod+S'], group: 'File', menu: { in: 'File' } },
  { id: 'saveAs', label: 'Save As', keys: ['Shift+Mod+S'], group: 'File', help: 'Save as…', menu: { in: 'File', label: 'Save As…' } },
  { id: 'revert', label: 'Revert', keys: [], group: 'File', help: 'Go back to the saved file', menu: { in: 'File' } },
  { id: 'exportWeights', label: 'Export Weights (JSON)', keys: ['Shift+Mod+E'], group: 'File', help: 'Export the trained weights (JSON)', menu: { in: 'Export', label: 'Weights (JSON)…' } },
  { id: 'exportOnnx', label: 'Export ONNX', keys: [], group: 'File', menu: { in: 'Export', label: 'ONNX…' } },
  { id: 'exportPytorch', label: 'Export PyTorch Script', keys: [], group: 'File', menu: { in: 'Export', label: 'PyTorch Script…' } },
  { id: 'exportPng', label: 'Export Canvas as PNG', keys: [], group: 'File', menu: { in: 'Export', label: 'Canvas as PNG…' } },
  { id: 'exportSvg', label: 'Export Canvas as SVG', keys: [], group: 'File', menu: { in: 'Export', label: 'Canvas as SVG…' } },
  { id: 'exportMarkdown', label: 'Export Model Summary (Markdown)', keys: [], group: 'File', menu: { in: 'Export', label: 'Model Summary (Markdown)…' } },
  // Edit
  { id: 'undo', label: 'Undo', keys: ['Mod+Z'], group: 'Edit', menu: { in: 'Edit' } },
  { id: 'redo', label: 'Redo', keys: ['Shift+Mod+Z', 'Mod+Y'], group: 'Edit', menu: { in: 'Edit', accelerator: { win32: 'Mod+Y', darwin: 'Shift+Mod+Z', other: 'Shift+Mod+Z' } } },
  { id: 'cut', label: 'Cut', keys: ['Mod+X'], group: 'Edit', help: 'Cut the selected nodes', menu: { in: 'Edit' } },
  { id: 'copy', label: 'Copy', keys: ['Mod+C'], group: 'Edit', help: 'Copy the selected nodes', menu: { in: 'Edit' } },
  { id: 'paste', label: 'Paste', keys: ['Mod+V'], group: 'Edit', menu: { in: 'Edit' } },
  { id: 'duplicate', label: 'Duplicate', keys: ['Mod+D'], group: 'Edit', help: 'Duplicate the selected nodes' },
  {
    id: 'delete', label: 'Delete', keys: ['Delete', 'Backspace'], group: 'Edit', help: 'Delete the selection (edges touching deleted nodes go too)',
    menu: { in: 'Edit', accelerator: { darwin: 'Backspace', win32: 'Delete', other: 'Delete' }, pageHandlesKey: true },
  },
  { id: 'selectAll', label: 'Select All', keys: ['Mod+A'], group: 'Edit', help: 'Select everything', menu: { in: 'Edit' } },
  { id: 'clearSelection', label: 'Clear Selection', keys: ['Escape'], group: 'Edit', help: 'Clear the selection, close a menu' },
  // Canvas
  { id: 'quickAdd', label: 'Quick Add', keys: ['Space'], gestures: ['Right-click'], group: 'Canvas', help: 'Quick add a node at the cursor (type to filter, Enter adds)' },
  { id: 'autoLayout', label: 'Auto-layout', keys: ['Shift+Mod+L'], group: 'Canvas', help: 'Auto-layout the network, left to right' },
  // View
  { id: 'zoomIn', label: 'Zoom In', keys: ['Mod+='], group: 'View', help: 'Zoom in', menu: { in: 'View' } },
  { id: 'zoomOut', label: 'Zoom Out', keys: ['Mod+-'], group: 'View', help: 'Zoom out', menu: { in: 'View' } },
  { id: 'fitView', label: 'Fit View', keys: ['Mod+0'], group: 'View', help: 'Fit the network into view', menu: { in: 'View' } },
  { id: 'togglePalette', label: 'Toggle Palette', keys: ['Mod+1'], group: 'View', help: 'Show or hide the palette', menu: { in: 'View' } },
  { id: 'toggleInspector', label: 'Toggle Inspector', keys: ['Mod+2'], group: 'View', help: 'Show or hide the inspector', menu: { in: 'View' } },
  { id: 'toggleTraining', label: 'Toggle Training Panel', keys: ['Mod+3'], group: 'View', help: 'Show or hide the training panel', menu: { in: 'View' } },
  { id: 'showShortcuts', label: 'Keyboard Shortcuts', keys: ['Mod+/', '?'], group: 'View', help: 'This list of shortcuts', menu: { in: 'Help' } },
  { id: 'showLicenses', label: 'Licenses', keys: [], group: 'View', menu: { in: 'Help' } },
  { id: 'showAbout', label: 'About', keys: [], group: 'View', menu: { in: 'Help' } },
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof COMMAND_SPECS)[number]['id'];

/** What a command needs besides its id (most need nothing). */
interface CommandArgs {
  new: { template?: string };
  openRecent: { path: string };
}

/** One command to run, as sent by main's menu, a key or a button: `{ type: id, ...args }`. */
export type AppCommand = { [K in CommandId]: { type: K } & (K extends keyof CommandArgs ? CommandArgs[K] : unknown) }[CommandId];

const byId = new Map<string, CommandSpec>(COMMAND_SPECS.map((c) => [c.id, c]));

export function commandSpec(id: CommandId): CommandSpec {
  return byId.get(id)!;
}

export function isCommandId(id: string): id is CommandId {
  return byId.has(id);
}

export function menuPlatform(platform: string): MenuPlatform {
  return platform === 'darwin' || platform === 'win32' ? platform : 'other';
}

/** The key a command's menu item shows on `platform`, in the registry's notation, or undefined. */
export function menuKey(spec: CommandSpec, platform: MenuPlatform): string | undefined {
  const chosen = spec.menu?.accelerator;
  if (chosen === undefined) return spec.keys[0];
  return typeof chosen === 'string' ? chosen : chosen[platform];
}

/** The registry's notation as an Electron accelerator: "Shift+Mod+S" → "Shift+CmdOrCtrl+S". */
export function toAccelerator(keys: string): string {
  return keys
    .split('+')
    .map((part, i, all) => (part === 'Mod' ? 'CmdOrCtrl' : i === all.length - 1 && part.length === 1 ? part.toUpperCase() : part))
    .join('+');
}
