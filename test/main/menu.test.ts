import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuContext } from '../../src/main/menu';
import { BLANK_COMPGRAPH_ID, compGraphTemplates, lectureMenuTemplates, templates } from '../../src/shared/templates';
import type { MenuCommand } from '../../src/shared/desktop-api';
import { COMMAND_SPECS, isCommandId, menuKey, toAccelerator, type MenuName } from '../../src/shared/commands';

vi.mock('electron', () => import('./fake-electron'));

type Item = MenuItemConstructorOptions;

function build(overrides: Partial<MenuContext> = {}) {
  const dispatched: MenuCommand[] = [];
  const ctx: MenuContext = {
    platform: 'linux',
    isPackaged: true,
    appName: 'Backprop Studio',
    recent: [],
    dispatch: (c) => dispatched.push(c),
    clearRecent: vi.fn(),
    ...overrides,
  };
  return { template: buildMenuTemplate(ctx), dispatched, ctx };
}

const items = (menu: Item | undefined): Item[] => (menu?.submenu as Item[] | undefined) ?? [];
const find = (list: Item[], label: string): Item => {
  const found = list.find((i) => i.label === label || i.label === `&${label}`);
  if (!found) throw new Error(`no menu item '${label}' in ${list.map((i) => i.label ?? i.role).join(', ')}`);
  return found;
};
const click = (item: Item) => (item.click as () => void)();

describe('application menu', () => {
  it('File ▸ New ▸ Lectures offers the lectures\' worked examples, as New ▾ does', () => {
    const { template, dispatched } = build();
    const lectures = items(find(items(find(items(find(template, 'File')), 'New')), 'Lectures'));
    lectures.forEach(click);
    expect(dispatched).toEqual(lectureMenuTemplates().map((t) => ({ type: 'new', template: t.id })));
    expect(lectures.map((i) => i.label)).toContain('Turn Detector: one 3×3 kernel');
  });

  it('File ▸ New offers a blank project and every template, dispatched to the renderer', () => {
    const { template, dispatched } = build();
    const newMenu = items(find(items(find(template, 'File')), 'New'));
    for (const item of newMenu.filter((i) => i.click)) click(item);
    expect(dispatched).toEqual([{ type: 'new' }, ...templates.map((t) => ({ type: 'new', template: t.id }))]);
    expect(newMenu.map((i) => i.label)).toContain('XOR with a Hidden Layer');
    expect(dispatched.map((c) => (c.type === 'new' ? c.template : undefined))).toEqual(expect.arrayContaining([
      'perceptron-and',
      'xor-mlp',
      'playground-circle',
      'spiral',
      'iris',
      'sonar',
      'breast-cancer',
      'digits-mlp',
      'linear-regression',
    ]));
  });

  it('File ▸ New ▸ Computational Graphs offers a blank graph and the lecture autodiff examples', () => {
    const { template, dispatched } = build();
    const graphs = items(find(items(find(items(find(template, 'File')), 'New')), 'Computational Graphs'));
    for (const item of graphs) click(item);
    expect(dispatched).toEqual([{ type: 'new', template: BLANK_COMPGRAPH_ID }, ...compGraphTemplates.map((t) => ({ type: 'new', template: t.id }))]);
    expect(dispatched.map((c) => (c.type === 'new' ? c.template : undefined))).toEqual(expect.arrayContaining(['l002-autodiff-example1', 'l002-autodiff-example2', 'l002-autodiff-example3']));
  });

  it('File has Open, Open Recent, Save, Save As, Revert, Export and Close Window', () => {
    const { template, dispatched } = build();
    const file = items(find(template, 'File'));
    for (const label of ['Open…', 'Save', 'Save As…', 'Revert']) click(find(file, label));
    const exports = items(find(file, 'Export'));
    for (const label of ['Weights (JSON)…', 'ONNX…', 'PyTorch Script…', 'Canvas as PNG…', 'Canvas as SVG…', 'Model Summary (Markdown)…']) click(find(exports, label));
    expect(dispatched).toEqual([
      { type: 'open' },
      { type: 'save' },
      { type: 'saveAs' },
      { type: 'revert' },
      { type: 'exportWeights' },
      { type: 'exportOnnx' },
      { type: 'exportPytorch' },
      { type: 'exportPng' },
      { type: 'exportSvg' },
      { type: 'exportMarkdown' },
    ]);
    expect(find(file, 'Save').accelerator).toBe('CmdOrCtrl+S');
    expect(find(file, 'Close Window').role).toBe('close'); // goes through the unsaved-changes prompt
    expect(file.at(-1)!.role).toBe('quit');
  });

  it('Open Recent lists the recent files and can be cleared', () => {
    const recent = [
      { path: '/p/a.bprop', name: 'a.bprop', openedAt: '2025-01-01T00:00:00Z' },
      { path: '/p/b.bprop', name: 'b.bprop', openedAt: '2025-01-01T00:00:00Z' },
    ];
    const { template, dispatched, ctx } = build({ recent });
    const openRecent = items(find(items(find(template, 'File')), 'Open Recent'));
    click(find(openRecent, 'b.bprop'));
    expect(dispatched).toEqual([{ type: 'openRecent', path: '/p/b.bprop' }]);
    click(find(openRecent, 'Clear Recent'));
    expect(ctx.clearRecent).toHaveBeenCalled();
    const empty = items(find(items(find(build().template, 'File')), 'Open Recent'));
    expect(find(empty, 'No Recent Projects').enabled).toBe(false);
    expect(find(empty, 'Clear Recent').enabled).toBe(false);
  });

  it('Edit commands go to the renderer with the usual accelerators', () => {
    const { template, dispatched } = build({ platform: 'win32' });
    const edit = items(find(template, 'Edit')).filter((i) => i.type !== 'separator');
    edit.forEach(click);
    expect(dispatched.map((c) => c.type)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
    expect(edit.map((i) => i.accelerator)).toEqual(['CmdOrCtrl+Z', 'CmdOrCtrl+Y', 'CmdOrCtrl+X', 'CmdOrCtrl+C', 'CmdOrCtrl+V', 'Delete', 'CmdOrCtrl+A']);
    expect(find(edit, 'Delete').registerAccelerator).toBe(false); // the Delete key keeps working in text fields
  });

  it('View has zoom, fit and panel toggles; developer tools only in development', () => {
    const { template, dispatched } = build();
    const view = items(find(template, 'View'));
    for (const label of ['Zoom In', 'Zoom Out', 'Fit View', 'Toggle Palette', 'Toggle Inspector', 'Toggle Training Panel']) click(find(view, label));
    expect(dispatched).toEqual([
      { type: 'zoomIn' },
      { type: 'zoomOut' },
      { type: 'fitView' },
      { type: 'togglePalette' },
      { type: 'toggleInspector' },
      { type: 'toggleTraining' },
    ]);
    expect(view.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(items(find(build({ isPackaged: false }).template, 'View')).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('Help has Keyboard Shortcuts, Licenses and About', () => {
    const { template, dispatched } = build();
    items(find(template, 'Help')).filter((i) => i.click).forEach(click);
    expect(dispatched).toEqual([{ type: 'showShortcuts' }, { type: 'showLicenses' }, { type: 'showAbout' }]);
  });

  it('macOS gets the app menu (About, Services, Hide, Quit) and a Window menu', () => {
    const { template, dispatched } = build({ platform: 'darwin' });
    expect(template.map((m) => m.label ?? m.role)).toEqual(['Backprop Studio', '&File', '&Edit', '&View', 'windowMenu', '&Help']);
    const appMenu = items(template[0]);
    click(find(appMenu, 'About Backprop Studio'));
    expect(dispatched).toEqual([{ type: 'showAbout' }]);
    expect(appMenu.map((i) => i.role).filter(Boolean)).toEqual(['services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(items(find(template, 'File')).some((i) => i.role === 'quit')).toBe(false);
  });

  it('Edit › Undo and Redo name the command they take back or do again', () => {
    const plain = items(find(build().template, 'Edit'));
    expect([plain[0]!.label, plain[1]!.label]).toEqual(['Undo', 'Redo']);
    const { template, dispatched } = build({ history: { undo: 'Add Dense', redo: 'Connect' } });
    const edit = items(find(template, 'Edit'));
    expect([edit[0]!.label, edit[1]!.label]).toEqual(['Undo Add Dense', 'Redo Connect']);
    expect(edit[0]!.enabled).not.toBe(false); // Ctrl+Z must still reach a focused text field
    click(edit[0]!);
    expect(dispatched).toEqual([{ type: 'undo' }]);
  });
});

describe('the menu and the command registry', () => {
  /** Every clickable item with the submenu it sits in (File › Export is "Export"). */
  function clickable(list: Item[], where: string, out: { where: string; item: Item }[] = []) {
    for (const item of list) {
      const name = String(item.label ?? item.role ?? '').replace('&', '');
      if (Array.isArray(item.submenu)) clickable(item.submenu as Item[], name === 'New' || name === 'Open Recent' ? where : name, out);
      else if (item.click) out.push({ where, item });
    }
    return out;
  }

  it.each(['linux', 'win32', 'darwin'] as const)('lists only registry commands, with their labels and keys, and every command the registry puts in a menu (%s)', (platform) => {
    const recent = [{ path: '/p/a.bprop', name: 'a.bprop', openedAt: '2025-01-01T00:00:00Z' }];
    const { template, dispatched, ctx } = build({ platform, recent });
    const found = clickable(template, '');
    const seen = new Set<string>();
    for (const { where, item } of found) {
      dispatched.length = 0;
      click(item);
      if (dispatched.length === 0) {
        expect(ctx.clearRecent).toHaveBeenCalled(); // the one item that is no command: Clear Recent
        continue;
      }
      const command = dispatched[0]!;
      expect(isCommandId(command.type), `${where} › ${item.label}`).toBe(true);
      const spec = COMMAND_SPECS.find((c) => c.id === command.type)!;
      if (command.type === 'openRecent' || ('template' in command && command.template)) continue; // built from data, not the registry
      expect('menu' in spec, command.type).toBe(true);
      if (!('menu' in spec)) continue;
      seen.add(spec.id);
      const menuName: MenuName = spec.menu.in;
      expect(where === 'Backprop Studio' ? 'Help' : where).toBe(menuName); // macOS moves About to the app menu
      if (spec.id !== 'showAbout') expect(item.label).toBe('label' in spec.menu ? spec.menu.label : spec.label);
      const key = menuKey(spec, platform === 'linux' ? 'other' : platform);
      expect(item.accelerator).toBe(key ? toAccelerator(key) : undefined);
    }
    expect([...seen].sort()).toEqual(COMMAND_SPECS.filter((c) => 'menu' in c).map((c) => c.id).sort());
  });
});
