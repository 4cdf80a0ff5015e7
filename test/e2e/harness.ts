/**
 * The end-to-end harness: builds the web app once (vite, `--mode e2e`, into out/web-e2e),
 * serves it from a tiny static server on 127.0.0.1, and drives Chromium with playwright-core:
 * BACKPROP_CHROMIUM, else a system Chromium/Chrome, else the one in @sparticuz/chromium (see
 * browser.ts). Every test gets a fresh browser profile and the console errors of its page.
 *
 *   const app = await openApp();
 *   await app.page.getByTestId('open-project').click();
 *   expect(app.consoleErrors).toEqual([]);
 *   await app.close();
 *
 * The build runs on the first openApp() (or buildWebApp()) of a test run, not on import, so
 * unit-only runs never pay for it. A lock directory makes parallel test files wait for one
 * build; a fingerprint of the sources (paths, sizes, mtimes) names the build folder, so later
 * runs reuse it while nothing changed and a changed source gets a fresh build.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { findBrowser } from './browser';
import { acquireDirLock, releaseDirLock } from './dir-lock';
import { afterAll, beforeAll } from 'vitest';

export const repoRoot = path.resolve(__dirname, '../..');
export const E2E_OUT = path.join(repoRoot, 'out', 'web-e2e');
export const SCREENSHOT_DIR = path.join(tmpdir(), 'backprop-e2e-screenshots');
const MARKER = '.e2e-build';
const FINGERPRINT_INPUTS = ['src/renderer', 'src/shared', 'src/engine', 'resources', 'vite.web.config.ts', 'package-lock.json'];
// Playwright gives every launch a fresh temporary --user-data-dir (a fresh profile) itself.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Paths, sizes and mtimes of everything the web build reads. */
function fingerprint(): string {
  const hash = createHash('sha256');
  const walk = (rel: string): void => {
    const full = path.join(repoRoot, rel);
    if (!existsSync(full)) return;
    const st = statSync(full);
    if (st.isDirectory()) for (const name of readdirSync(full).sort()) walk(path.join(rel, name));
    else hash.update(`${rel}\0${st.size}\0${st.mtimeMs}\n`);
  };
  FINGERPRINT_INPUTS.forEach(walk);
  return hash.digest('hex');
}

/** Each source state builds into its own folder, so a rebuild never pulls files from under a running test. */
const buildDir = (print: string): string => path.join(E2E_OUT, print.slice(0, 16));
const isBuilt = (print: string): boolean => readFileOr(path.join(buildDir(print), MARKER)) === print;
const readFileOr = (file: string): string | null => (existsSync(file) ? readFileSync(file, 'utf8') : null);

/** Builds the web app (mode e2e) into out/web-e2e/<fingerprint> unless that build exists. Returns the folder. */
export async function buildWebApp(): Promise<string> {
  const print = fingerprint();
  const dir = buildDir(print);
  if (isBuilt(print)) return dir;
  const lock = `${E2E_OUT}.lock`;
  mkdirSync(E2E_OUT, { recursive: true });
  if (!(await acquireDirLock(lock, () => isBuilt(print)))) return dir; // another test file just built it
  try {
    if (isBuilt(print)) return dir;
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    await runViteBuild(tmp);
    writeFileSync(path.join(tmp, MARKER), print);
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    console.log(`e2e: built the web app into ${dir}`);
    removeOldBuilds(dir);
    return dir;
  } finally {
    releaseDirLock(lock);
  }
}

/** Drops builds of earlier source states once nothing can be using them (an hour old). */
function removeOldBuilds(keep: string): void {
  for (const name of readdirSync(E2E_OUT)) {
    const full = path.join(E2E_OUT, name);
    if (full !== keep && Date.now() - statSync(full).mtimeMs > 60 * 60_000) rmSync(full, { recursive: true, force: true });
  }
}

function runViteBuild(outDir: string): Promise<void> {
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const args = [vite, 'build', '--config', 'vite.web.config.ts', '--mode', 'e2e', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`e2e: vite build failed (exit ${code}):\n${output}`));
    });
  });
}

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.bprop': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.gz': 'application/gzip',
};

/** A static file server for `dir` on 127.0.0.1 (a free port). */
export function serveStatic(dir: string): Promise<{ url: string; server: Server }> {
  const root = path.resolve(dir);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.resolve(root, `.${rel.endsWith('/') ? `${rel}index.html` : rel}`);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    const st = statSync(file, { throwIfNoEntry: false });
    if (st?.isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile() || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 404 : 405, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      // Cross-origin isolated, as `npm run web` serves it (vite.web.config.ts): SharedArrayBuffer
      // for the engine's kernel threads.
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.unref(); // never keeps a test process alive
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, server });
    });
  });
}

let served: Promise<{ url: string; server: Server }> | null = null;

/** The built app's URL (builds and starts the server on first use). */
export function appUrl(): Promise<string> {
  served ??= buildWebApp().then(serveStatic);
  return served.then((s) => s.url);
}

let announced = false;

export async function launchChromium(): Promise<Browser> {
  const browser = await findBrowser();
  if (!announced) {
    announced = true;
    console.log(`e2e: browser from ${browser.source}: ${browser.executablePath}`);
  }
  return chromium.launch({
    executablePath: browser.executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    ...(browser.env ? { env: { ...process.env, ...browser.env } as Record<string, string> } : {}),
  });
}

export interface OpenAppOptions {
  /** Extra query string (the page always gets `?e2e`), e.g. 'foo=1'. */
  query?: string;
  viewport?: { width: number; height: number };
  /** Called with the context before the page loads (routes, init scripts). */
  beforeLoad?: (context: BrowserContext, page: Page) => Promise<void>;
}

export interface App {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  url: string;
  /** Console errors, uncaught page errors and failed requests, in order. Tests assert it stays empty. */
  consoleErrors: string[];
  /** Saves a PNG of the page into SCREENSHOT_DIR and returns (and prints) its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Opens the web app in a fresh browser (fresh profile) and waits for it to load. */
export async function openApp(options: OpenAppOptions = {}): Promise<App> {
  const url = `${await appUrl()}/index.html?e2e${options.query ? `&${options.query}` : ''}`;
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`console.error: ${m.text()}${m.location().url ? ` (${m.location().url}:${m.location().lineNumber})` : ''}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.stack ?? e.message}`));
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? 'failed';
    if (why !== 'net::ERR_ABORTED') consoleErrors.push(`request failed: ${r.url()} (${why})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await options.beforeLoad?.(context, page);
  await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    context,
    browser,
    url,
    consoleErrors,
    async screenshot(name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path: file, fullPage: false });
      console.log(`e2e screenshot: ${file}`);
      return file;
    },
    close: () => browser.close(),
  };
}

/**
 * The app for the tests of one describe block (call inside describe): opened before them (the
 * first open builds the web app, so the hook has minutes), `ready` then waits for the state the
 * block starts from, and the browser is closed after them. The returned App forwards to the
 * opened one, so tests use it like any App.
 */
export function appPerBlock(options: OpenAppOptions = {}, ready?: (app: App) => Promise<unknown>): App {
  let app: App | undefined;
  beforeAll(async () => {
    app = await openApp(options);
    await ready?.(app);
  }, 300_000);
  afterAll(() => app?.close());
  const opened = (): App => {
    if (!app) throw new Error('appPerBlock: the app is not open (use it inside the tests of its describe block)');
    return app;
  };
  return {
    get page() { return opened().page; },
    get context() { return opened().context; },
    get browser() { return opened().browser; },
    get url() { return opened().url; },
    get consoleErrors() { return opened().consoleErrors; },
    screenshot: (name) => opened().screenshot(name),
    close: () => opened().close(),
  };
}
