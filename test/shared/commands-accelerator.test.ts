/** The command registry's key notation as Electron accelerators (the menu's shortcuts). */
import { describe, expect, it } from 'vitest';
import { toAccelerator } from '../../src/shared/commands';

describe('toAccelerator', () => {
  it('maps Mod to CmdOrCtrl and upper-cases a final single letter only', () => {
    expect(toAccelerator('Mod+s')).toBe('CmdOrCtrl+S');
    expect(toAccelerator('Shift+Mod+z')).toBe('Shift+CmdOrCtrl+Z');
    expect(toAccelerator('Mod+Enter')).toBe('CmdOrCtrl+Enter');
    expect(toAccelerator('a+b')).toBe('a+B'); // only the last part is the key
    expect(toAccelerator('Delete')).toBe('Delete');
    expect(toAccelerator('x')).toBe('X');
  });
});
