/** Driving the fake ipcMain as a renderer would: events from a window's frame, invoke and send. */
import { ipcMain, type BrowserWindow, type FakeFrame } from './fake-electron';

/** The IPC event our trusted window's main frame would send. */
export function eventFrom(win: BrowserWindow, frame: FakeFrame = win.webContents.mainFrame) {
  return { sender: win.webContents, senderFrame: frame };
}

export async function invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return await handler(event, ...args);
}

export function sendToMain(channel: string, event: unknown, ...args: unknown[]): void {
  for (const listener of ipcMain.listeners.get(channel) ?? []) listener(event, ...args);
}

