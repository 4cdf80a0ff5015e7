// @vitest-environment jsdom
/**
 * The command registry feeds the four places that show or run commands: the keyboard
 * bindings, the shortcut help, the toolbar (with its New and Export menus) and the desktop menu
 * (test/main/menu.test.ts checks that one). Each place must list only commands the registry has,
 * with the registry's label and keys, and every command with keys must be reachable by them.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_SPECS, isCommandId, type AppCommand } from '../../src/shared/commands';
import { templates } from '../../src/shared/templates';

vi.mock('../../src/renderer/src/engine-client', () => ({ useTrainingStore: { getState: () => ({ summary: null }) } }));

const { BINDINGS, commandForKey, parseChord } = await import('../../src/renderer/src/commands/key-bindings');
const { shortcuts, withKeys } = await import('../../src/renderer/src/commands/shortcut-help');
const { userCommands } = await import('../../src/renderer/src/commands/registry');
const { Toolbar } = await import('../../src/renderer/src/app/Toolbar');
const { useProjectStore } = await import('../../src/renderer/src/store');

afterEach(cleanup);

const specOf = (id: string) => COMMAND_SPECS.find((c) => c.id === id)!;

describe('the command registry', () => {
  it('has one record per id, each with a label and something to perform', () => {
    const ids = userCommands.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(COMMAND_SPECS.map((c) => c.id));
    for (const c of userCommands) {
      expect(c.label.length, c.id).toBeGreaterThan(0);
      expect(typeof c.perform, c.id).toBe('function');
    }
  });

  it('feeds the keyboard: every key of every command runs that command, and no two commands share a key', () => {
    const chords = BINDINGS.map((b) => JSON.stringify([b.mod, b.shift, b.key]));
    expect(new Set(chords).size).toBe(chords.length);
    for (const spec of COMMAND_SPECS) {
      for (const keys of spec.keys) {
        const chord = parseChord(keys);
        const event = { key: chord.key, ctrlKey: chord.mod, metaKey: false, shiftKey: chord.shift ?? false, altKey: false };
        expect(commandForKey(event, { desktop: false, platform: 'other' }), keys).toEqual({ type: spec.id });
      }
    }
    expect(BINDINGS.every((b) => isCommandId(b.id))).toBe(true);
  });

  it('feeds the shortcut help: each command row is a registry command with its keys; every command with keys is listed', () => {
    const rows = shortcuts.filter((s) => s.command !== undefined);
    for (const row of rows) {
      expect(isCommandId(row.command!), row.action).toBe(true);
      expect(row.keys.slice(0, specOf(row.command!).keys.length)).toEqual(specOf(row.command!).keys);
    }
    expect(rows.map((r) => r.command).sort()).toEqual(COMMAND_SPECS.filter((c) => c.keys.length > 0).map((c) => c.id).sort());
  });

  it('feeds the toolbar: every command button is a registry command, titled with its label and first key, and runs it', () => {
    const dispatched: AppCommand[] = [];
    act(() => useProjectStore.getState().newProject(templates[0]!.build()));
    render(<Toolbar dispatch={(c) => dispatched.push(c)} />);
    fireEvent.click(screen.getByTestId('new-project'));
    fireEvent.click(screen.getByTestId('export-menu-button'));
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('[data-command]')];
    expect(buttons.length).toBeGreaterThan(10);
    for (const button of buttons) {
      const id = button.dataset.command!;
      expect(isCommandId(id), id).toBe(true);
      const spec = specOf(id);
      if (button.title) expect(button.title, id).toContain(withKeys('', spec.keys).trim());
      const text = button.getAttribute('aria-label') ?? button.textContent ?? '';
      if (!['new', 'undo', 'redo', 'toggleTraining'].includes(id)) expect(text, id).toContain('menu' in spec && spec.menu.in === 'Export' ? spec.menu.label : spec.label);
    }
    const ids = new Set(buttons.map((b) => b.dataset.command));
    expect([...ids].sort()).toEqual(['autoLayout', 'exportMarkdown', 'exportOnnx', 'exportPng', 'exportPytorch', 'exportSvg', 'exportWeights', 'fitView', 'new', 'open', 'redo', 'save', 'saveAs', 'showShortcuts', 'toggleTraining', 'undo']);
    fireEvent.click(screen.getByTestId('save-project-as'));
    fireEvent.click(screen.getByTestId('export-onnx'));
    fireEvent.click(screen.getByTestId('template-iris'));
    expect(dispatched).toEqual([{ type: 'saveAs' }, { type: 'exportOnnx' }, { type: 'new', template: 'iris' }]);
  });

  it('the toolbar Undo and Redo say which command they take back or do again', () => {
    act(() => useProjectStore.getState().newProject(templates[0]!.build()));
    render(<Toolbar dispatch={() => {}} />);
    const undo = () => screen.getByTestId('undo') as HTMLButtonElement;
    const redo = () => screen.getByTestId('redo') as HTMLButtonElement;
    expect([undo().disabled, undo().getAttribute('aria-label')]).toEqual([true, 'Undo']);
    act(() => void useProjectStore.getState().addNode('dense', { x: 0, y: 0 }));
    expect(undo().disabled).toBe(false);
    expect(undo().title).toBe(withKeys('Undo Add Dense', ['Mod+Z']));
    act(() => useProjectStore.getState().undo());
    expect(redo().getAttribute('aria-label')).toBe('Redo Add Dense');
    expect(undo().disabled).toBe(true);
  });
});
