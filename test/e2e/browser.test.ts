/**
 * The e2e browser lookup: BACKPROP_CHROMIUM, then a system Chromium/Chrome, then the Chromium
 * packaged in @sparticuz/chromium — and that packaged one really starts and renders a page,
 * so `npm test` works where no browser is installed.
 */
import { describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { findInstalledBrowser, packagedChromium, systemBrowserPaths } from './browser';

describe('browser lookup', () => {
  const only = (...present: string[]) => (file: string) => present.includes(file);

  it('BACKPROP_CHROMIUM comes first, and must exist', () => {
    expect(findInstalledBrowser({ BACKPROP_CHROMIUM: '/opt/my/chrome' }, only('/opt/my/chrome', '/usr/bin/chromium'), 'linux')).toEqual({ executablePath: '/opt/my/chrome', source: 'BACKPROP_CHROMIUM' });
    expect(() => findInstalledBrowser({ BACKPROP_CHROMIUM: '/nope' }, only('/usr/bin/chromium'), 'linux')).toThrow('BACKPROP_CHROMIUM is /nope, which does not exist');
  });

  it('then the first system browser, per platform', () => {
    expect(findInstalledBrowser({}, only('/usr/bin/google-chrome', '/usr/bin/chromium'), 'linux')).toEqual({ executablePath: '/usr/bin/chromium', source: 'system' });
    expect(findInstalledBrowser({}, only('/usr/bin/google-chrome'), 'linux')).toEqual({ executablePath: '/usr/bin/google-chrome', source: 'system' });
    expect(findInstalledBrowser({}, only('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'), 'darwin')?.source).toBe('system');
    const win = systemBrowserPaths('win32', { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' });
    expect(win).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(win).toContain('C:\\Users\\a\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
  });

  it('else none installed: the packaged Chromium is used (also when the system lookup is switched off)', () => {
    expect(findInstalledBrowser({}, only(), 'linux')).toBeNull();
    expect(findInstalledBrowser({ BACKPROP_E2E_NO_SYSTEM_BROWSER: '1' }, only('/usr/bin/chromium'), 'linux')).toBeNull();
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')('the packaged Chromium starts and renders a page', async () => {
    const packaged = await packagedChromium();
    expect(packaged.source).toBe('@sparticuz/chromium');
    const browser = await chromium.launch({ executablePath: packaged.executablePath, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'], ...(packaged.env ? { env: { ...process.env, ...packaged.env } as Record<string, string> } : {}) });
    try {
      const page = await browser.newPage();
      await page.setContent('<p id="p">fresh machine</p><script>document.title = String(typeof WebAssembly)</script>');
      expect(await page.textContent('#p')).toBe('fresh machine');
      expect(await page.title()).toBe('object');
    } finally {
      await browser.close();
    }
  });
});
