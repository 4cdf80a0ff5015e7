#!/usr/bin/env node
// `npm start`: builds and opens the desktop app; where there is no display (or no Electron
// binary), trains an example project headless instead, so a newcomer sees the engine work.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
let electronBinary = null;
try {
  electronBinary = require('electron'); // the path of the binary, once electron's install step has fetched it
} catch {
  electronBinary = null;
}
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

if (noDisplay || !electronBinary || !existsSync(electronBinary)) {
  console.log(noDisplay ? 'No display found: running the headless demo (npm run demo).' : 'Electron binary not installed: running the headless demo (npm run demo).');
  process.exit(run('npm', ['run', 'demo']));
}
const built = run('npx', ['electron-vite', 'build']);
if (built !== 0) process.exit(built);
process.exit(run(electronBinary, ['.']));
