/** The committed WebAssembly module is exactly what gemm.wat assembles to (tools/wasm/build-gemm.mjs). */
import { describe, expect, it } from 'vitest';
import { GEMM_RELAXED_WASM_BASE64, GEMM_WASM_BASE64 } from '../../../src/engine/backend/wasm/gemm-module';
// @ts-expect-error: a plain .mjs build script without type declarations
import { assembleGemm, assembleRelaxedGemm, relaxedSource } from '../../../tools/wasm/build-gemm.mjs';

describe('the WASM GEMM module', () => {
  it('matches its source: run `node tools/wasm/build-gemm.mjs` after editing gemm.wat', async () => {
    const assembled = (await assembleGemm()) as Buffer;
    expect(Buffer.from(GEMM_WASM_BASE64, 'base64').equals(assembled)).toBe(true);
    const relaxed = (await assembleRelaxedGemm()) as Buffer;
    expect(Buffer.from(GEMM_RELAXED_WASM_BASE64, 'base64').equals(relaxed)).toBe(true);
  });

  it('derives the relaxed kernel by fusing exactly the micro-kernel\'s eight multiply-adds', () => {
    const line = '(local.set $c0a (f32x4.add (local.get $c0a) (f32x4.mul (local.get $s) (local.get $b0))))';
    expect(() => relaxedSource(line)).toThrow(/expected the micro-kernel's 8 multiply-adds, found 1/);
    expect(relaxedSource(line.repeat(8))).toContain('(f32x4.relaxed_madd (local.get $s) (local.get $b0) (local.get $c0a))');
  });
});
