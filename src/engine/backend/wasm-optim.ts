/**
 * One WebAssembly memory per model that holds its trainable params (values and gradients), the
 * optimiser's state and the layers' activations and their gradients, so the optimiser updates
 * the params in place with the SIMD loops of wasm/optim.wat and layers run their elementwise
 * loops in place with wasm/tensor-loops.wat (issue 12): no copies in or out.
 *
 * Layout, in floats (every region, and every tensor, starts on a 16-byte boundary):
 *   [0, 32)            the step's scalars and the tail scratch (see optim.wat)
 *   data region        every param's values, end to end in allocation order
 *   grad region        every param's gradients, at the same offsets
 *   slot regions       SLOT_CAPACITY optimiser state buffers, each as long as all params together
 *   tensor region      the nodes' outputs and gradients (maxBatch rows each), when they fit
 * The memory is sized once, when the model is compiled, and never grows: a non-shared memory
 * detaches its buffer when it grows, and the layers keep views of the params for the model's life.
 * Two slots cover every optimiser here (SGD momentum 1, Adam 2, RMSprop ≤ 2, Adagrad 1).
 */
import { decodeBase64 } from '../../shared/base64';
import { OPTIM_WASM_BASE64 } from './wasm/optim-module';
import { TENSOR_LOOPS_WASM_BASE64 } from './wasm/tensor-loops-module';
import { TensorLoops, type TensorLoopExports } from './wasm-tensor-loops';

const PAGE_BYTES = 65_536;
/** Floats before the data region: 12 scalars, then 4 scratch blocks of 4 floats (optim.wat). */
const HEADER_FLOATS = 32;
/** State buffers an optimiser may keep in the arena. */
export const SLOT_CAPACITY = 2;
/**
 * The most the tensor region may take. Above it (a huge batch: a full-batch run over a big data
 * set) the activations stay in plain arrays, and the layers in their JS loops, rather than one
 * memory of gigabytes that may fail to be had.
 */
export const MAX_TENSOR_BYTES = 512 * 1024 * 1024;

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
  /** RMSprop's smoothing constant (PyTorch's alpha) and 1 − it: the slots Adam's beta1 uses. */
  rho: 5,
  oneMinusRho: 6,
  /** Adagrad's learning rate after its decay: the slot of Adam's step size. */
  decayedRate: 10,
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
  private tensorCursor = 0;
  private holder: SlotHolder | null = null;

  constructor(
    readonly buffer: ArrayBuffer,
    readonly kernels: OptimExports,
    /** Floats per region (all params together, rounded up to 4). */
    private readonly regionFloats: number,
    /** Floats of the tensor region (0: the activations are not kept here). */
    private readonly tensorFloats = 0,
    /** The layers' loops on this memory (null with no tensor region). */
    readonly loops: TensorLoops | null = null,
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

  /**
   * A zeroed tensor of `n` floats in the tensor region (starting on a 16-byte boundary), or null
   * when it does not fit (the caller then makes a plain array).
   */
  allocateTensor(n: number): Float32Array | null {
    const padded = Math.ceil(n / 4) * 4;
    if (this.tensorCursor + padded > this.tensorFloats) return null;
    const at = HEADER_FLOATS + (2 + SLOT_CAPACITY) * this.regionFloats + this.tensorCursor;
    this.tensorCursor += padded;
    return new Float32Array(this.buffer, at * 4, n);
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

/** Each module compiled once per process: null where it cannot be (no SIMD, or a CSP without 'wasm-unsafe-eval'). */
const compiled = new Map<string, object | null>();

function compiledModule(wasm: WasmApi, base64: string): object | null {
  let module = compiled.get(base64);
  if (module === undefined) {
    try {
      const bytes = decodeBase64(base64);
      module = wasm.validate(bytes) ? new wasm.Module(bytes) : null;
    } catch {
      module = null;
    }
    compiled.set(base64, module);
  }
  return module;
}

/** Arenas by their memory's buffer, so an optimiser finds the one its params live in. */
const arenas = new WeakMap<ArrayBufferLike, ParamArena>();

/**
 * An arena for params of `floats` values in all and, when `tensorFloats` (the nodes' outputs and
 * gradients, each rounded up to 4) fits MAX_TENSOR_BYTES, for those tensors too. Null where
 * WebAssembly SIMD is unavailable or the memory cannot be had (the caller then allocates plain
 * Float32Arrays).
 */
export function createParamArena(floats: number, tensorFloats = 0): ParamArena | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm || floats <= 0) return null;
  const optim = compiledModule(wasm, OPTIM_WASM_BASE64);
  if (optim === null) return null;
  const loops = tensorFloats > 0 && tensorFloats * 4 <= MAX_TENSOR_BYTES ? compiledModule(wasm, TENSOR_LOOPS_WASM_BASE64) : null;
  return (loops !== null ? arenaWith(wasm, optim, floats, tensorFloats, loops) : null) ?? arenaWith(wasm, optim, floats, 0, null);
}

function arenaWith(wasm: WasmApi, optim: object, floats: number, tensorFloats: number, loops: object | null): ParamArena | null {
  const regionFloats = Math.ceil(floats / 4) * 4;
  const bytes = (HEADER_FLOATS + (2 + SLOT_CAPACITY) * regionFloats + tensorFloats) * 4;
  const pages = Math.ceil(bytes / PAGE_BYTES);
  if (pages > 65_536) return null;
  try {
    const memory = new wasm.Memory({ initial: pages, maximum: pages });
    const imports = { env: { memory } };
    const kernels = new wasm.Instance(optim, imports).exports as unknown as OptimExports;
    const tensorLoops = loops === null ? null : new TensorLoops(new wasm.Instance(loops, imports).exports as unknown as TensorLoopExports);
    const arena = new ParamArena(memory.buffer, kernels, regionFloats, tensorFloats, tensorLoops);
    arenas.set(memory.buffer, arena);
    return arena;
  } catch {
    return null; // out of address space for another memory: plain arrays work as well
  }
}

/** The arena every one of these views lives in, or null (plain arrays, or several arenas). */
function arenaHolding(views: readonly ArrayBufferView[]): ParamArena | null {
  if (views.length === 0) return null;
  const arena = arenas.get(views[0].buffer);
  if (arena === undefined) return null;
  return views.every((v) => v.buffer === arena.buffer) ? arena : null;
}

/**
 * The loops of the arena every one of these tensors lives in, or null (plain arrays, several
 * arenas, or an arena without a tensor region). Layers ask once, when they are built.
 */
export function tensorLoopsOf(tensors: readonly ArrayBufferView[]): TensorLoops | null {
  return arenaHolding(tensors)?.loops ?? null;
}

/** The arena all these params' values and gradients live in, or null (plain arrays, or several arenas). */
export function arenaOf(params: readonly { data: Float32Array; grad: Float32Array }[]): ParamArena | null {
  return arenaHolding(params.flatMap((p) => [p.data, p.grad]));
}
