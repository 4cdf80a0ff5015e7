/** The committed WebAssembly module is exactly what gemm.wat assembles to (tools/wasm/build-gemm.mjs). */
import { describe, expect, it } from 'vitest';
import { GEMM_RELAXED_WASM_BASE64, GEMM_SHARED_RELAXED_WASM_BASE64, GEMM_SHARED_WASM_BASE64, GEMM_WASM_BASE64 } from '../../../src/engine/backend/wasm/gemm-module';
// @ts-expect-error: a plain .mjs build script without type declarations
import { assembleGemm, assembleRelaxedGemm, assembleSharedGemm, assembleSharedRelaxedGemm, relaxedSource, sharedSource } from '../../../tools/wasm/build-gemm.mjs';

describe('the WASM GEMM module', () => {
  it('matches its source: run `node tools/wasm/build-gemm.mjs` after editing gemm.wat', async () => {
    const assembled = (await assembleGemm()) as Buffer;
    expect(Buffer.from(GEMM_WASM_BASE64, 'base64').equals(assembled)).toBe(true);
    const relaxed = (await assembleRelaxedGemm()) as Buffer;
    expect(Buffer.from(GEMM_RELAXED_WASM_BASE64, 'base64').equals(relaxed)).toBe(true);
    const shared = (await assembleSharedGemm()) as Buffer;
    expect(Buffer.from(GEMM_SHARED_WASM_BASE64, 'base64').equals(shared)).toBe(true);
    const sharedRelaxed = (await assembleSharedRelaxedGemm()) as Buffer;
    expect(Buffer.from(GEMM_SHARED_RELAXED_WASM_BASE64, 'base64').equals(sharedRelaxed)).toBe(true);
  });

  it('the shared-memory variants import one shared memory (every kernel thread instantiates them with the same one)', () => {
    const wat = '(module\n  (memory (export "memory") 1)\n)';
    expect(sharedSource(wat)).toContain('(import "env" "memory" (memory 1 16384 shared))');
    expect(sharedSource(wat)).not.toContain('(memory (export "memory") 1)');
    expect(() => sharedSource('(module)')).toThrow(/expected the memory declaration/);
    type ModuleApi = { new (b: Uint8Array): object; imports(m: object): { module: string; name: string; kind: string }[] };
    const Module = (globalThis as unknown as { WebAssembly: { Module: ModuleApi } }).WebAssembly.Module;
    const module = new Module(Buffer.from(GEMM_SHARED_WASM_BASE64, 'base64'));
    expect(Module.imports(module)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
  });

  it('derives the relaxed kernel by fusing exactly the micro-kernel\'s eight multiply-adds', () => {
    const line = '(local.set $c0a (f32x4.add (local.get $c0a) (f32x4.mul (local.get $s) (local.get $b0))))';
    expect(() => relaxedSource(line)).toThrow(/expected the micro-kernel's 8 multiply-adds, found 1/);
    expect(relaxedSource(line.repeat(8))).toContain('(f32x4.relaxed_madd (local.get $s) (local.get $b0) (local.get $c0a))');
  });
});
