import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Development only: @vitejs/plugin-react puts its Fast Refresh preamble into index.html as an
 * inline <script>, which our Content-Security-Policy (script-src 'self', in the page's meta tag
 * and in the header main sets) rightly blocks. Serve the same code as a same-origin file instead,
 * so the policy stays strict in development too.
 */
export function reactPreambleAsFile(url = '/@backprop/react-refresh-preamble.js'): Plugin {
  let code = '';
  return {
    name: 'backprop:react-preamble-as-file',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html.replace(/<script type="module">([\s\S]*?injectIntoGlobalHook[\s\S]*?)<\/script>/, (_match, body: string) => {
          code = body;
          return `<script type="module" src="${url}"></script>`;
        }),
    },
    configureServer(server) {
      server.middlewares.use(url, (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        res.end(code);
      });
    },
  };
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The engine utility process (utilityProcess.fork(out/main/engine.js)): no Electron inside.
          engine: resolve(__dirname, 'src/main/engine-entry.ts'),
          // The engine's kernel threads (worker_threads started by engine.js: src/main/engine-entry.ts).
          'kernel-thread': resolve(__dirname, 'src/engine/backend/threads/kernel-thread.node.mjs'),
        },
      },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads must be CommonJS.
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      // Fonts stay files: the CSP loads fonts from 'self' only, never data: URLs (KaTeX's smallest is under Vite's 4 KiB inline limit).
      assetsInlineLimit: (file: string) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react(), reactPreambleAsFile()],
  },
});
