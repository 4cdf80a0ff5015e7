/**
 * The application menu. Editor commands are not run here: they go to the focused window's
 * renderer as a MenuCommand (the editor owns undo, selection, panels, saving). Only window
 * management, quitting and developer tools use Electron roles.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, RecentFile } from '../shared/desktop-api';
import { templates } from '../shared/templates';


export interface MenuContext {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  appName: string;
  recent: RecentFile[];
  /** To the focused window (a new window when none is open). */
  dispatch(command: MenuCommand): void;
  clearRecent(): void;
}

export function buildMenuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const mac = ctx.platform === 'darwin';
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => ctx.dispatch(cmd),
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const recentItems: MenuItemConstructorOptions[] =
    ctx.recent.length === 0
      ? [{ label: 'No Recent Projects', enabled: false }]
      : ctx.recent.map((file) => ({ label: file.name, sublabel: file.path, toolTip: file.path, click: () => ctx.dispatch({ type: 'openRecent', path: file.path }) }));

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      {
        label: 'New',
        submenu: [
          command('Blank Project', { type: 'new' }, 'CmdOrCtrl+N'),
          separator,
          // The renderer builds the project from the same registry (src/shared/templates).
          ...templates.map((t) => ({ ...command(t.label, { type: 'new', template: t.id }), toolTip: t.description })),
        ],
      },
      command('Open…', { type: 'open' }, 'CmdOrCtrl+O'),
      { label: 'Open Recent', submenu: [...recentItems, separator, { label: 'Clear Recent', enabled: ctx.recent.length > 0, click: () => ctx.clearRecent() }] },
      separator,
      command('Save', { type: 'save' }, 'CmdOrCtrl+S'),
      command('Save As…', { type: 'saveAs' }, 'Shift+CmdOrCtrl+S'),
      command('Revert', { type: 'revert' }),
      separator,
      {
        label: 'Export',
        submenu: [
          command('Weights (JSON)…', { type: 'exportWeights' }, 'Shift+CmdOrCtrl+E'),
          separator,
          command('ONNX…', { type: 'export', kind: 'onnx' }),
          command('PyTorch Script…', { type: 'export', kind: 'pytorch' }),
          separator,
          command('Canvas as PNG…', { type: 'export', kind: 'png' }),
          command('Canvas as SVG…', { type: 'export', kind: 'svg' }),
          command('Model Summary (Markdown)…', { type: 'export', kind: 'markdown' }),
        ],
      },
      separator,
      // Closing goes through the window's 'close' event, which asks about unsaved changes.
      { label: 'Close Window', role: 'close', accelerator: 'CmdOrCtrl+W' },
      ...(mac ? [] : [separator, { label: ctx.platform === 'win32' ? 'E&xit' : '&Quit', role: 'quit' } as MenuItemConstructorOptions]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      command('Undo', { type: 'undo' }, 'CmdOrCtrl+Z'),
      command('Redo', { type: 'redo' }, ctx.platform === 'win32' ? 'Ctrl+Y' : 'Shift+CmdOrCtrl+Z'),
      separator,
      command('Cut', { type: 'cut' }, 'CmdOrCtrl+X'),
      command('Copy', { type: 'copy' }, 'CmdOrCtrl+C'),
      command('Paste', { type: 'paste' }, 'CmdOrCtrl+V'),
      // Shown but not registered: Delete/Backspace must keep working in text fields, so the page handles the key.
      { ...command('Delete', { type: 'delete' }, mac ? 'Backspace' : 'Delete'), registerAccelerator: false },
      separator,
      command('Select All', { type: 'selectAll' }, 'CmdOrCtrl+A'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      command('Zoom In', { type: 'zoomIn' }, 'CmdOrCtrl+='),
      command('Zoom Out', { type: 'zoomOut' }, 'CmdOrCtrl+-'),
      command('Fit View', { type: 'fitView' }, 'CmdOrCtrl+0'),
      separator,
      command('Toggle Palette', { type: 'togglePanel', panel: 'palette' }, 'CmdOrCtrl+1'),
      command('Toggle Inspector', { type: 'togglePanel', panel: 'inspector' }, 'CmdOrCtrl+2'),
      command('Toggle Training Panel', { type: 'togglePanel', panel: 'training' }, 'CmdOrCtrl+3'),
      separator,
      { role: 'togglefullscreen' },
      ...(ctx.isPackaged ? [] : [separator, { role: 'reload' }, { role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[]),
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      command('Keyboard Shortcuts', { type: 'showShortcuts' }, 'CmdOrCtrl+/'),
      command('Licenses', { type: 'showLicenses' }),
      ...(mac ? [] : [separator, command(`About ${ctx.appName}`, { type: 'showAbout' })]),
    ],
  };

  const appMenu: MenuItemConstructorOptions = {
    label: ctx.appName,
    submenu: [
      command(`About ${ctx.appName}`, { type: 'showAbout' }),
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  return mac ? [appMenu, file, edit, view, { role: 'windowMenu' }, help] : [file, edit, view, help];
}

export function installApplicationMenu(ctx: MenuContext): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(ctx)));
}
