/**
 * The web build: the renderer as a plain website, the engine in a module Web Worker, the
 * datasets served from resources/ (so ./datasets/*.csv resolve next to index.html).
 * `npm run web` serves it on http://127.0.0.1:5199; `npm run web:build` writes out/web
 * (relative base: host the folder anywhere). The e2e harness builds it with `--mode e2e`,
 * which installs the window.__bpTest hook (src/renderer/src/platform/test-hook.ts).
 * The page's CSP (src/renderer/index.html) applies unchanged in dev and build; Vite's dev
 * preamble is injected above the CSP meta tag, so it needs no exception.
 * Both servers send COOP same-origin + COEP require-corp: the page is cross-origin isolated, so
 * the engine's worker has SharedArrayBuffer and its kernel threads (src/engine/backend/threads).
 * A host serving out/web without these headers still works, on one kernel thread.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Cross-origin isolation (SharedArrayBuffer for the kernel threads). */
export const CROSS_ORIGIN_ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: here('./src/renderer'),
  base: './',
  publicDir: here('./resources'),
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: here('./out/web'),
    emptyOutDir: true,
    // Fonts stay files: the CSP loads fonts from 'self' only, never data: URLs (KaTeX's smallest is under Vite's 4 KiB inline limit).
    assetsInlineLimit: (file: string) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
    rollupOptions: { input: here('./src/renderer/index.html') },
  },
  server: { host: '127.0.0.1', port: 5199, strictPort: true, headers: CROSS_ORIGIN_ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', port: 5199, strictPort: true, headers: CROSS_ORIGIN_ISOLATION_HEADERS },
});
