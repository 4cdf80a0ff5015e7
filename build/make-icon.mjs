#!/usr/bin/env node
// Draws the app icon from one shape list into build/icon.svg and a 512×512 build/icon.png,
// using only Node (signed distances, 4×4 supersampling, PNG via zlib). Run: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const here = dirname(fileURLToPath(import.meta.url));

// A small network: 2 inputs, 3 hidden units, 1 output. The edges into the output are the
// "backprop" accent (orange): the gradient flowing back from the prediction.
const layers = [
  [190, 322].map((y) => [142, y]),
  [146, 256, 366].map((y) => [256, y]),
  [[370, 256]],
];
const WHITE = [236, 242, 255];
const EDGE = [170, 190, 255];
const ACCENT = [255, 159, 67];
const shapes = [];
for (const [a, b] of [[0, 1], [1, 2]]) {
  for (const p of layers[a]) for (const q of layers[b]) {
    const accent = b === 2;
    shapes.push({ kind: 'line', p, q, width: accent ? 13 : 9, color: accent ? ACCENT : EDGE, alpha: accent ? 1 : 0.6 });
  }
}
for (const [i, layer] of layers.entries()) {
  for (const c of layer) {
    const out = i === 2;
    shapes.push({ kind: 'circle', c, r: out ? 38 : 30, color: out ? ACCENT : WHITE, alpha: 1 });
    shapes.push({ kind: 'ring', c, r: out ? 38 : 30, width: 6, color: [30, 36, 84], alpha: 0.9 });
  }
}
const BG = { x0: 32, y0: 32, x1: 480, y1: 480, r: 104, top: [41, 58, 140], bottom: [92, 36, 128] };

// Signed distances (negative inside).
const roundRect = (x, y) => {
  const cx = (BG.x0 + BG.x1) / 2, cy = (BG.y0 + BG.y1) / 2;
  const hx = (BG.x1 - BG.x0) / 2 - BG.r, hy = (BG.y1 - BG.y0) / 2 - BG.r;
  const dx = Math.abs(x - cx) - hx, dy = Math.abs(y - cy) - hy;
  return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - BG.r;
};
const segment = (x, y, [ax, ay], [bx, by]) => {
  const vx = bx - ax, vy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(x - ax - t * vx, y - ay - t * vy);
};
function inside(s, x, y) {
  if (s.kind === 'line') return segment(x, y, s.p, s.q) <= s.width / 2;
  const d = Math.hypot(x - s.c[0], y - s.c[1]);
  return s.kind === 'circle' ? d <= s.r : Math.abs(d - s.r) <= s.width / 2;
}

function sample(x, y) {
  if (roundRect(x, y) > 0) return [0, 0, 0, 0];
  const t = (y - BG.y0) / (BG.y1 - BG.y0);
  let rgb = BG.top.map((v, i) => v + (BG.bottom[i] - v) * t);
  for (const s of shapes) if (inside(s, x, y)) rgb = rgb.map((v, i) => v + (s.color[i] - v) * s.alpha);
  return [...rgb, 1];
}

function renderPng() {
  const SS = 4;
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let j = 0; j < SS; j++) for (let i = 0; i < SS; i++) {
        const [sr, sg, sb, sa] = sample(x + (i + 0.5) / SS, y + (j + 0.5) / SS);
        r += sr * sa; g += sg * sa; b += sb * sa; a += sa;
      }
      const o = row + 1 + x * 4;
      if (a > 0) {
        raw[o] = Math.round(r / a); raw[o + 1] = Math.round(g / a); raw[o + 2] = Math.round(b / a);
      }
      raw[o + 3] = Math.round((255 * a) / (SS * SS));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function renderSvg() {
  const hex = (rgb) => `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  const parts = shapes.map((s) => {
    if (s.kind === 'line') return `<line x1="${s.p[0]}" y1="${s.p[1]}" x2="${s.q[0]}" y2="${s.q[1]}" stroke="${hex(s.color)}" stroke-opacity="${s.alpha}" stroke-width="${s.width}" stroke-linecap="round"/>`;
    if (s.kind === 'circle') return `<circle cx="${s.c[0]}" cy="${s.c[1]}" r="${s.r}" fill="${hex(s.color)}"/>`;
    return `<circle cx="${s.c[0]}" cy="${s.c[1]}" r="${s.r}" fill="none" stroke="${hex(s.color)}" stroke-opacity="${s.alpha}" stroke-width="${s.width}"/>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">`,
    `  <title>Backprop Studio</title>`,
    `  <defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hex(BG.top)}"/><stop offset="1" stop-color="${hex(BG.bottom)}"/></linearGradient></defs>`,
    `  <rect x="${BG.x0}" y="${BG.y0}" width="${BG.x1 - BG.x0}" height="${BG.y1 - BG.y0}" rx="${BG.r}" fill="url(#bg)"/>`,
    ...parts.map((p) => `  ${p}`),
    '</svg>',
    '',
  ].join('\n');
}

writeFileSync(join(here, 'icon.svg'), renderSvg());
writeFileSync(join(here, 'icon.png'), renderPng());
console.log('wrote build/icon.svg and build/icon.png');
