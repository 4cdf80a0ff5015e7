/**
 * Keyboard events → commands, built from the keys of the command registry. Pure, so the
 * bindings are tested directly.
 */
import { COMMAND_SPECS, menuKey, type AppCommand, type CommandId, type MenuPlatform } from '../../../shared/commands';

export interface KeyContext {
  /** On the desktop the application menu owns its accelerators: the page must not run them twice. */
  desktop: boolean;
  /** Which accelerators the desktop menu registers (Windows' Redo is Ctrl+Y, elsewhere Shift+Mod+Z). */
  platform: MenuPlatform;
}

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export interface Chord {
  mod: boolean;
  /** undefined: Shift does not matter (punctuation and named keys, whose Shift depends on the layout). */
  shift: boolean | undefined;
  key: string;
}

interface Binding extends Chord {
  id: CommandId;
  /** The text of the key in the registry, e.g. "Shift+Mod+Z". */
  keys: string;
}

/** What a key produces with Shift on a US layout: Mod+= also answers to Mod++, Mod+- to Mod+_. */
const SHIFTED: Record<string, string> = { '+': '=', _: '-' };

/** "Shift+Mod+Z" → { mod: true, shift: true, key: 'z' }; "Space" → ' '. */
export function parseChord(keys: string): Chord {
  const parts = keys.split('+');
  const last = parts.at(-1)!;
  const key = last === 'Space' ? ' ' : last.length === 1 ? last.toLowerCase() : last;
  const exactShift = /^[a-z0-9 ]$/.test(key) || parts.includes('Shift');
  return { mod: parts.includes('Mod'), shift: exactShift ? parts.includes('Shift') : undefined, key };
}

export const BINDINGS: readonly Binding[] = COMMAND_SPECS.flatMap((spec) => spec.keys.map((keys) => ({ id: spec.id, keys, ...parseChord(keys) })));

/** Whether the desktop menu registers `binding`'s key on this platform (then the page leaves it alone). */
function menuOwns(binding: Binding, platform: MenuPlatform): boolean {
  const spec = COMMAND_SPECS.find((c) => c.id === binding.id)!;
  if (!('menu' in spec) || ('pageHandlesKey' in spec.menu && spec.menu.pageHandlesKey)) return false;
  return menuKey(spec, platform) === binding.keys;
}

/** The command for a key press outside text fields, or null. */
export function commandForKey(event: KeyLike, ctx: KeyContext): AppCommand | null {
  if (event.altKey) return null;
  const mod = event.ctrlKey || event.metaKey;
  const typed = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const key = SHIFTED[typed] ?? typed;
  const binding = BINDINGS.find((b) => b.mod === mod && (b.shift === undefined || b.shift === event.shiftKey) && b.key === key);
  if (!binding) return null;
  if (ctx.desktop && menuOwns(binding, ctx.platform)) return null;
  return { type: binding.id } as AppCommand;
}
