/** The committed arena modules are exactly what their .wat files assemble to (tools/wasm/build-optim.mjs). */
import { describe, expect, it } from 'vitest';
import { OPTIM_WASM_BASE64 } from '../../../src/engine/backend/wasm/optim-module';
import { TENSOR_LOOPS_WASM_BASE64 } from '../../../src/engine/backend/wasm/tensor-loops-module';
// @ts-expect-error: a plain .mjs build script without type declarations
import { assembleArenaModule } from '../../../tools/wasm/build-optim.mjs';

describe('the WASM arena modules', () => {
  it.each([
    ['optim.wat', OPTIM_WASM_BASE64],
    ['tensor-loops.wat', TENSOR_LOOPS_WASM_BASE64],
  ])('%s matches its source: run `node tools/wasm/build-optim.mjs` after editing it', async (wat, committed) => {
    const assembled = (await assembleArenaModule(wat)) as Buffer;
    expect(Buffer.from(committed, 'base64').equals(assembled)).toBe(true);
  });
});
