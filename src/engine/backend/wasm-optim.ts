/**
 * One WebAssembly memory per model that holds its trainable params (values and gradients) and
 * the optimiser's state, so the optimiser updates them in place with the SIMD loops of
 * wasm/optim.wat (issue 12): no copies in or out, one call per param.
 *
 * Layout, in floats (every region starts on a 16-byte boundary):
 *   [0, 32)            the step's scalars and the tail scratch (see optim.wat)
 *   data region        every param's values, end to end in allocation order
 *   grad region        every param's gradients, at the same offsets
 *   slot regions       SLOT_CAPACITY optimiser state buffers, each as long as all params together
 * The memory is sized once, when the model is compiled, and never grows: a non-shared memory
 * detaches its buffer when it grows, and the layers keep views of the params for the model's life.
 * Two slots cover every optimiser here (SGD momentum 1, Adam 2, RMSprop ≤ 2, Adagrad 1).
 */
import { decodeBase64 } from '../../shared/base64';
import { OPTIM_WASM_BASE64 } from './wasm/optim-module';

const PAGE_BYTES = 65_536;
/** Floats before the data region: 12 scalars, then 4 scratch blocks of 4 floats (optim.wat). */
const HEADER_FLOATS = 32;
/** State buffers an optimiser may keep in the arena. */
export const SLOT_CAPACITY = 2;

/** Scalar addresses (float index into the header), as optim.wat reads them. */
export const SCALAR = {
  learningRate: 0,
  weightDecay: 1,
  l1: 2,
  momentum: 3,
  keep: 4,
  beta1: 5,
  oneMinusBeta1: 6,
  beta2: 7,
  oneMinusBeta2: 8,
  epsilon: 9,
  stepSize: 10,
  bc2Sqrt: 11,
} as const;

/** optim.wat's exports: byte addresses in the arena, element counts, 0/1 flags. */
export interface OptimExports {
  sgd(data: number, grad: number, n: number): void;
  sgdMomentum(data: number, grad: number, buf: number, n: number, first: number, nesterov: number): void;
  adam(data: number, grad: number, expAvg: number, expAvgSq: number, n: number): void;
  rmsprop(data: number, grad: number, squareAvg: number, buf: number, n: number, momentum: number): void;
  adagrad(data: number, grad: number, sum: number, n: number): void;
}

/** Whoever keeps its state in the arena's slot regions; told to take it out when another optimiser claims them. */
export interface SlotHolder {
  releaseArena(): void;
}

/** The slice of the WebAssembly JS API used here (the Node type config has no DOM lib to name it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number }) => { readonly buffer: ArrayBuffer };
}

export class ParamArena {
  /** The step's scalars (optim.wat's header), written before each call. */
  readonly scalars: Float32Array;
  private cursor = 0;
  private holder: SlotHolder | null = null;

  constructor(
    readonly buffer: ArrayBuffer,
    readonly kernels: OptimExports,
    /** Floats per region (all params together, rounded up to 4). */
    private readonly regionFloats: number,
  ) {
    this.scalars = new Float32Array(buffer, 0, HEADER_FLOATS);
  }

  /** The next param's values and gradients (zeros), `n` floats each; throws past the arena's size. */
  allocate(n: number): { data: Float32Array; grad: Float32Array } {
    if (this.cursor + n > this.regionFloats) throw new Error(`param arena: ${n} more floats do not fit (${this.cursor} of ${this.regionFloats} used)`);
    const at = HEADER_FLOATS + this.cursor;
    this.cursor += n;
    return {
      data: new Float32Array(this.buffer, at * 4, n),
      grad: new Float32Array(this.buffer, (at + this.regionFloats) * 4, n),
    };
  }

  /** Whether an optimiser with `slots` buffers of `floats` values each fits. */
  fits(slots: number, floats: number): boolean {
    return slots <= SLOT_CAPACITY && floats <= this.regionFloats;
  }

  /**
   * Gives the slot regions to `holder` as `count` zeroed views of `floats` values. The previous
   * holder (an older optimiser on the same params) first copies its state out (releaseArena).
   */
  claimSlots(holder: SlotHolder, count: number, floats: number): Float32Array[] {
    if (!this.fits(count, floats)) throw new Error(`param arena: ${count} slots of ${floats} floats do not fit`);
    const previous = this.holder;
    this.holder = holder;
    if (previous !== null && previous !== holder) previous.releaseArena();
    return Array.from({ length: count }, (_, s) => {
      const view = new Float32Array(this.buffer, (HEADER_FLOATS + (2 + s) * this.regionFloats) * 4, floats);
      return view.fill(0);
    });
  }
}

let compiled: object | null | undefined;

function compiledModule(wasm: WasmApi): object | null {
  if (compiled === undefined) {
    try {
      const bytes = decodeBase64(OPTIM_WASM_BASE64);
      compiled = wasm.validate(bytes) ? new wasm.Module(bytes) : null; // null: no SIMD here
    } catch {
      compiled = null; // e.g. a Content-Security-Policy without 'wasm-unsafe-eval'
    }
  }
  return compiled;
}

/** Arenas by their memory's buffer, so an optimiser finds the one its params live in. */
const arenas = new WeakMap<ArrayBufferLike, ParamArena>();

/**
 * An arena for params of `floats` values in all, or null where WebAssembly SIMD is unavailable
 * or the memory cannot be had (the caller then allocates plain Float32Arrays).
 */
export function createParamArena(floats: number): ParamArena | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm || floats <= 0) return null;
  const module = compiledModule(wasm);
  if (module === null) return null;
  const regionFloats = Math.ceil(floats / 4) * 4;
  const bytes = (HEADER_FLOATS + (2 + SLOT_CAPACITY) * regionFloats) * 4;
  const pages = Math.ceil(bytes / PAGE_BYTES);
  if (pages > 65_536) return null;
  try {
    const memory = new wasm.Memory({ initial: pages, maximum: pages });
    const instance = new wasm.Instance(module, { env: { memory } });
    const arena = new ParamArena(memory.buffer, instance.exports as unknown as OptimExports, regionFloats);
    arenas.set(memory.buffer, arena);
    return arena;
  } catch {
    return null; // out of address space for another memory: plain arrays work as well
  }
}

/** The arena all these params' values and gradients live in, or null (plain arrays, or several arenas). */
export function arenaOf(params: readonly { data: Float32Array; grad: Float32Array }[]): ParamArena | null {
  if (params.length === 0) return null;
  const arena = arenas.get(params[0].data.buffer);
  if (arena === undefined) return null;
  return params.every((p) => p.data.buffer === arena.buffer && p.grad.buffer === arena.buffer) ? arena : null;
}
