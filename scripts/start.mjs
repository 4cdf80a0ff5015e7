#!/usr/bin/env node
// `npm start`: builds and opens the desktop app; where there is no display (or no Electron
// binary), trains an example project headless instead, so a newcomer sees the engine work.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

function electronPath() {
  try {
    const p = require('electron'); // the binary's path, once electron's install step has fetched it
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

// Only look for Electron where a window can be shown: resolving it may start its download.
let electronBinary = noDisplay ? null : electronPath();
if (!noDisplay && !electronBinary) {
  // npm 11 does not run dependencies' install scripts unless allowed, so Electron's download
  // may not have happened yet: run it now (it needs the internet once).
  console.log('Fetching the Electron binary (first start only)...');
  run(process.execPath, [require.resolve('electron/install.js')]);
  electronBinary = electronPath();
}

if (noDisplay || !electronBinary) {
  console.log(noDisplay ? 'No display found: running the headless demo (npm run demo).' : 'The Electron binary could not be installed: running the headless demo (npm run demo).');
  process.exit(run('npm', ['run', 'demo']));
}
const built = run('npx', ['electron-vite', 'build']);
if (built !== 0) process.exit(built);
process.exit(run(electronBinary, ['.']));
