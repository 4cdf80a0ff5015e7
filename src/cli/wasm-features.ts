/**
 * Turns on WebAssembly relaxed SIMD in Node 20, where it is still behind a flag (Chromium, and
 * so Electron's utility process and the web build's worker, have it on). Imported first by the
 * CLI: the engine's kernels are compiled when src/engine/backend is first loaded, and the flag
 * only counts for modules validated after it is set. Where the flag is unknown or the feature
 * stays off, the engine falls back to portable SIMD by feature detection, so this never fails.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--experimental-wasm-relaxed-simd');
