/**
 * The application menu. Editor commands are not run here: they go to the focused window's
 * renderer as a MenuCommand (the editor owns undo, selection, panels, saving). Their labels and
 * accelerators come from the command registry (src/shared/commands.ts); this file only places
 * them. Only window management, quitting and developer tools use Electron roles.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { commandSpec, menuKey, menuPlatform, toAccelerator, type CommandId, type MenuName } from '../shared/commands';
import type { MenuCommand, RecentFile } from '../shared/desktop-api';
import { BLANK_COMPGRAPH_ID, compGraphLessonTemplates, compGraphTemplates, lectureMenuTemplates, lessonTemplates, templates } from '../shared/templates';

/** The focused document's history: Edit › Undo says what it takes back ("Undo Add Dense"). */
export interface MenuHistory {
  undo: string | null;
  redo: string | null;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  appName: string;
  recent: RecentFile[];
  /** The focused window's undo and redo labels (none: plain "Undo" and "Redo"). */
  history?: MenuHistory;
  /** To the focused window (a new window when none is open). */
  dispatch(command: MenuCommand): void;
  clearRecent(): void;
}

export function buildMenuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const mac = ctx.platform === 'darwin';
  const platform = menuPlatform(ctx.platform);
  /** The registry's command `id`, as placed in menu `where` (the registry says which menu it belongs in). */
  const item = (where: MenuName, id: CommandId, label?: string): MenuItemConstructorOptions => {
    const spec = commandSpec(id);
    if (spec.menu?.in !== where) throw new Error(`The command '${id}' belongs in the ${spec.menu?.in ?? 'no'} menu, not ${where}`);
    const key = menuKey(spec, platform);
    return {
      label: label ?? spec.menu.label ?? spec.label,
      ...(key ? { accelerator: toAccelerator(key) } : {}),
      ...(spec.menu.pageHandlesKey ? { registerAccelerator: false } : {}),
      click: () => ctx.dispatch({ type: id } as MenuCommand),
    };
  };
  const historyLabel = (verb: string, label: string | null | undefined) => (label ? `${verb} ${label}` : verb);
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
          item('File', 'new'),
          separator,
          // The renderer builds the project from the same registry (src/shared/templates).
          ...templates.map((t) => ({ label: t.label, toolTip: t.description, click: () => ctx.dispatch({ type: 'new', template: t.id }) })),
          separator,
          {
            label: 'Lectures',
            submenu: lectureMenuTemplates().map((t) => ({ label: t.label, toolTip: t.description, click: () => ctx.dispatch({ type: 'new', template: t.id }) })),
          },
          { label: 'Lessons', submenu: [...lessonTemplates, ...compGraphLessonTemplates].map((t) => ({ label: t.label, toolTip: t.description, click: () => ctx.dispatch({ type: 'new', template: t.id }) })) },
          {
            label: 'Computational Graphs',
            submenu: [
              { label: 'Computational Graph (blank)', click: () => ctx.dispatch({ type: 'new', template: BLANK_COMPGRAPH_ID }) },
              ...compGraphTemplates.map((t) => ({ label: t.label, toolTip: t.description, click: () => ctx.dispatch({ type: 'new', template: t.id }) })),
            ],
          },
        ],
      },
      item('File', 'open'),
      { label: 'Open Recent', submenu: [...recentItems, separator, { label: 'Clear Recent', enabled: ctx.recent.length > 0, click: () => ctx.clearRecent() }] },
      separator,
      item('File', 'save'),
      item('File', 'saveAs'),
      item('File', 'revert'),
      separator,
      {
        label: 'Export',
        submenu: [
          item('Export', 'exportWeights'),
          separator,
          item('Export', 'exportOnnx'),
          item('Export', 'exportPytorch'),
          separator,
          item('Export', 'exportPng'),
          item('Export', 'exportSvg'),
          item('Export', 'exportMarkdown'),
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
      // Always enabled: in a text field the accelerator must reach the field's own undo.
      item('Edit', 'undo', historyLabel('Undo', ctx.history?.undo)),
      item('Edit', 'redo', historyLabel('Redo', ctx.history?.redo)),
      separator,
      item('Edit', 'cut'),
      item('Edit', 'copy'),
      item('Edit', 'paste'),
      // Shown but not registered (the registry says so): Delete/Backspace must keep working in text fields.
      item('Edit', 'delete'),
      separator,
      item('Edit', 'selectAll'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      item('View', 'zoomIn'),
      item('View', 'zoomOut'),
      item('View', 'fitView'),
      separator,
      item('View', 'togglePalette'),
      item('View', 'toggleInspector'),
      item('View', 'toggleTraining'),
      separator,
      { role: 'togglefullscreen' },
      ...(ctx.isPackaged ? [] : [separator, { role: 'reload' }, { role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[]),
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      item('Help', 'showShortcuts'),
      item('Help', 'showLicenses'),
      ...(mac ? [] : [separator, item('Help', 'showAbout', `About ${ctx.appName}`)]),
    ],
  };

  const appMenu: MenuItemConstructorOptions = {
    label: ctx.appName,
    submenu: [
      item('Help', 'showAbout', `About ${ctx.appName}`),
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
