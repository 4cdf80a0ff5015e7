/** The committed optimiser module is exactly what optim.wat assembles to (tools/wasm/build-optim.mjs). */
import { describe, expect, it } from 'vitest';
import { OPTIM_WASM_BASE64 } from '../../../src/engine/backend/wasm/optim-module';
// @ts-expect-error: a plain .mjs build script without type declarations
import { assembleOptim } from '../../../tools/wasm/build-optim.mjs';

describe('the WASM optimiser module', () => {
  it('matches its source: run `node tools/wasm/build-optim.mjs` after editing optim.wat', async () => {
    const assembled = (await assembleOptim()) as Buffer;
    expect(Buffer.from(OPTIM_WASM_BASE64, 'base64').equals(assembled)).toBe(true);
  });
});
