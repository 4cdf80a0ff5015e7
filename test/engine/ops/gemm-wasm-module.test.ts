/** The committed WebAssembly module is exactly what gemm.wat assembles to (tools/wasm/build-gemm.mjs). */
import { describe, expect, it } from 'vitest';
import { GEMM_WASM_BASE64 } from '../../../src/engine/backend/wasm/gemm-module';
// @ts-expect-error: a plain .mjs build script without type declarations
import { assembleGemm } from '../../../tools/wasm/build-gemm.mjs';

describe('the WASM GEMM module', () => {
  it('matches its source: run `node tools/wasm/build-gemm.mjs` after editing gemm.wat', async () => {
    const assembled = (await assembleGemm()) as Buffer;
    expect(Buffer.from(GEMM_WASM_BASE64, 'base64').equals(assembled)).toBe(true);
  });
});
