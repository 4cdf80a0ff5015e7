/**
 * Which Chromium the end-to-end tests drive, so that `npm test` runs on a machine with only Node:
 *
 *   1. BACKPROP_CHROMIUM, when set (it must exist);
 *   2. a system Chromium or Chrome at the usual places for Linux, macOS and Windows
 *      (skipped when BACKPROP_E2E_NO_SYSTEM_BROWSER=1, which is how the fallback is tested);
 *   3. the Chromium inside the npm package @sparticuz/chromium (a dev dependency; Linux x64):
 *      its binary ships brotli-compressed and is unpacked to $TMPDIR/chromium on first use.
 *      Where the system lacks the NSS libraries it links against, the package's own copies
 *      (al2023.tar.br) are unpacked to $TMPDIR/al2023/lib and put on LD_LIBRARY_PATH; where
 *      there is no fontconfig, its fonts ($TMPDIR/fonts) are used.
 *
 * `npx tsx test/e2e/browser.ts` prints the choice (.ci/run does, before the tests).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { acquireDirLock, releaseDirLock } from './dir-lock';

export interface Browser {
  executablePath: string;
  /** How it was found, for logs: 'BACKPROP_CHROMIUM', 'system' or '@sparticuz/chromium'. */
  source: 'BACKPROP_CHROMIUM' | 'system' | '@sparticuz/chromium';
  /** Extra environment for the browser process (libraries, fonts), if it needs any. */
  env?: Record<string, string>;
}

/** The usual install locations of Chromium and Chrome, most specific first. */
export function systemBrowserPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    const apps = ['Chromium.app/Contents/MacOS/Chromium', 'Google Chrome.app/Contents/MacOS/Google Chrome'];
    return [...apps.map((a) => `/Applications/${a}`), ...(env.HOME ? apps.map((a) => path.join(env.HOME!, 'Applications', a)) : [])];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    const exes = ['Chromium\\Application\\chrome.exe', 'Google\\Chrome\\Application\\chrome.exe'];
    return roots.flatMap((root) => exes.map((exe) => path.win32.join(root, exe)));
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome'];
}

/** The first browser by the order above that is there, without unpacking anything. Null: use the package. */
export function findInstalledBrowser(env: NodeJS.ProcessEnv = process.env, exists: (file: string) => boolean = existsSync, platform: NodeJS.Platform = process.platform): Browser | null {
  const chosen = env.BACKPROP_CHROMIUM;
  if (chosen) {
    if (!exists(chosen)) throw new Error(`BACKPROP_CHROMIUM is ${chosen}, which does not exist: point it at a Chromium or Chrome binary, or unset it`);
    return { executablePath: chosen, source: 'BACKPROP_CHROMIUM' };
  }
  if (env.BACKPROP_E2E_NO_SYSTEM_BROWSER === '1') return null;
  const found = systemBrowserPaths(platform, env).find(exists);
  return found ? { executablePath: found, source: 'system' } : null;
}

let found: Promise<Browser> | null = null;

/** The browser to launch (looked up once per process). */
export function findBrowser(): Promise<Browser> {
  found ??= Promise.resolve(findInstalledBrowser()).then((b) => b ?? packagedChromium());
  return found;
}

/** The Chromium of @sparticuz/chromium, unpacked once; parallel test files wait for one unpacking. */
export async function packagedChromium(): Promise<Browser> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `End-to-end tests found no Chromium or Chrome (looked at ${systemBrowserPaths(process.platform, process.env).join(', ')}), and the packaged Chromium (@sparticuz/chromium) runs on Linux x64 only: install Chrome or point BACKPROP_CHROMIUM at a Chromium binary`,
    );
  }
  const lock = path.join(tmpdir(), 'backprop-e2e-chromium.lock');
  await acquireDirLock(lock);
  try {
    return await unpackChromium();
  } finally {
    releaseDirLock(lock);
  }
}

async function unpackChromium(): Promise<Browser> {
  const { default: Chromium } = (await import('@sparticuz/chromium')) as { default: { executablePath(input?: string): Promise<string> } };
  let executablePath = await Chromium.executablePath();
  let probe = runVersion(executablePath, {});
  if (probe.error === 'broken') {
    // A half-written binary from an interrupted unpacking: unpack again.
    rmSync(executablePath, { force: true });
    executablePath = await Chromium.executablePath();
    probe = runVersion(executablePath, {});
  }
  const env: Record<string, string> = {};
  if (probe.error === 'libraries') {
    const libDir = unpackLibraries();
    env.LD_LIBRARY_PATH = [libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
    probe = runVersion(executablePath, env);
  }
  if (probe.error) throw new Error(`e2e: the packaged Chromium at ${executablePath} does not start: ${probe.output}`);
  if (!existsSync('/etc/fonts/fonts.conf') && existsSync(path.join(tmpdir(), 'fonts'))) env.FONTCONFIG_PATH = path.join(tmpdir(), 'fonts');
  return { executablePath, source: '@sparticuz/chromium', ...(Object.keys(env).length ? { env } : {}) };
}

function runVersion(executablePath: string, env: Record<string, string>): { error: null | 'libraries' | 'broken'; output: string } {
  const r = spawnSync(executablePath, ['--version'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`.trim();
  if (r.status === 0 && /Chrom/.test(output)) return { error: null, output };
  return { error: /error while loading shared libraries/.test(output) ? 'libraries' : 'broken', output };
}

/** Unpacks the NSS libraries the package ships (a brotli-compressed tar) to $TMPDIR/al2023/lib. */
function unpackLibraries(): string {
  const root = path.join(tmpdir(), 'al2023');
  const require = createRequire(import.meta.url);
  // The package's exports hide its files: find bin/ from its entry point (build/cjs/index.cjs).
  const archive = path.join(path.dirname(require.resolve('@sparticuz/chromium')), '..', '..', 'bin', 'al2023.tar.br');
  for (const entry of readTar(brotliDecompressSync(readFileSync(archive)))) {
    const target = path.join(root, entry.name);
    if (!target.startsWith(root + path.sep)) continue; // never outside the folder
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, entry.data, { mode: entry.mode });
  }
  return path.join(root, 'lib');
}

/** The regular files of a ustar archive. */
export function readTar(tar: Uint8Array): { name: string; mode: number; data: Uint8Array }[] {
  const text = (from: number, length: number) => new TextDecoder().decode(tar.subarray(from, from + length)).replace(/\0.*$/s, '');
  const octal = (from: number, length: number) => parseInt(text(from, length).trim() || '0', 8);
  const files: { name: string; mode: number; data: Uint8Array }[] = [];
  for (let at = 0; at + 512 <= tar.length; ) {
    const name = text(at, 100);
    if (name === '') break; // the zero blocks at the end
    const size = octal(at + 124, 12);
    const type = text(at + 156, 1);
    const prefix = text(at + 345, 155);
    if (type === '0' || type === '') files.push({ name: prefix ? `${prefix}/${name}` : name, mode: octal(at + 100, 8) & 0o777, data: tar.slice(at + 512, at + 512 + size) });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

// `npx tsx test/e2e/browser.ts`: print the browser the e2e tests will use.
if (/browser\.(ts|js|mjs)$/.test(process.argv[1] ?? '')) {
  findBrowser().then(
    (b) => console.log(`e2e browser: ${b.source} ${b.executablePath}${b.env ? ` (with ${Object.keys(b.env).join(', ')})` : ''}`),
    (e: unknown) => {
      console.log(`e2e browser: none (${e instanceof Error ? e.message : String(e)})`);
      process.exitCode = 1;
    },
  );
}
