/**
 * im2col convolutions on the WebAssembly GEMM kernel (ConvKernels). Compared with im2col + the
 * three generic products per sample, nothing is copied twice: im2col writes each value straight
 * into its place in the packed operand (ops/im2col.ts), the weights are packed once per batch
 * instead of once per sample, the bias is added while the product is copied out, and col2im
 * reads the input-gradient product where the kernel left it. Per sample (its operands, ~100 KB
 * for a 16-channel 14×14 layer, stay in L2):
 *   forward   Cp = W·cols_n           A: W rows (packed once)    B: cols as 8-position panels
 *             y_n = Cp + b
 *   weights   Cp = dy_n·cols_nᵀ       A: dy_n rows               B: cols as 8-tap panels
 *             dW += Cp,  db += row sums of dy_n
 *   inputs    Cp = Wᵀ·dy_n            A: Wᵀ rows (packed once)   B: dy_n as 8-position panels
 *             dx_n += col2im(Cp)
 * Stride 1 (the usual case) goes further: the sample is copied into zero-padded planes in the
 * module's memory and output positions are counted over the padded width (p = oh·Wp + ow; the
 * KW − 1 columns past OW are computed and dropped, 7 % more work at 28×28, 14 % at 14×14). Then
 * each row of the column matrix is one contiguous run of the padded planes, so im2col into the
 * panels is a vector copy in WebAssembly (packTapRows in gemm.wat), its transpose for the weights
 * gradient a gather of those runs (packTapColumns), and col2im of the input gradient a vector
 * add into padded gradient planes (addTapRows). The batch's x, dy, dW, db and dx cross between
 * JS and the module's memory with one memcpy each per call (dW and db accumulate there over the
 * batch; db's row sums run in float64, as in JS), y_n with one per sample; the strided copies in between (padding a sample, the product
 * out with the bias, widening dy_n, the gradient planes' interior into dx_n) are copyPlanes calls.
 * Sums run in float32 inside the kernel, as for every WebAssembly product.
 */
import { col2im, im2colPositionPanels, im2colTapPanels, type ConvGeometry } from '../ops/im2col';
import type { ConvKernels } from './kernels';
import type { AddTapRowsExport, GemmExport, GemmModule, PackTapColumnsExport, PackTapRowsExport, WasmArena } from './wasm-arena';
import { addInto, HeapViews, packColumnPanels, packRowPanels, type AddRowSumsExport, type CopyPlanesExport, type PackExports, type UnpackRowsExport } from './wasm-pack';
import { STAGE_KERNEL as KERNEL, STAGE_PACK as PACK, STAGE_SELF as SELF, STAGE_WRITE_BACK as WRITE_BACK, stepProfile as prof } from '../profile';

/**
 * A layer's sizes, made once per geometry: K taps, P positions, inSize floats per sample, the
 * panel counts of its products, and the planes padded for stride 1 (every tap's run of Hp·Wp
 * positions stays inside, + slack).
 */
interface Plan {
  K: number;
  P: number;
  inSize: number;
  /** 4-filter, 8-tap and 4-tap panels. */
  filterPanels: number;
  tapPanels: number;
  tapRowPanels: number;
  Hp: number;
  Wp: number;
  /** Positions counted over the padded width, OH·Wp, and their 8-position panels. */
  positions: number;
  panels: number;
  /** Floats of the padded planes plus the slack the last panel may read past them. */
  floats: number;
}

/** Per layer geometry (the layers keep theirs), made once: a training step allocates nothing. */
const plans = new WeakMap<ConvGeometry, Plan>();

function plan(g: ConvGeometry): Plan {
  const known = plans.get(g);
  if (known !== undefined) return known;
  const made = makePlan(g);
  plans.set(g, made);
  return made;
}

function makePlan(g: ConvGeometry): Plan {
  const K = g.C * g.KH * g.KW;
  const Hp = Math.max(g.OH + g.KH - 1, g.H + g.padTop);
  const Wp = Math.max(g.OW + g.KW - 1, g.W + g.padLeft);
  const positions = g.OH * Wp;
  return {
    K, P: g.OH * g.OW, inSize: g.C * g.H * g.W,
    filterPanels: (g.F + 3) >> 2, tapPanels: (K + 7) >> 3, tapRowPanels: (K + 3) >> 2,
    Hp, Wp, positions, panels: (positions + 7) >> 3, floats: g.C * Hp * Wp + g.KW + 8,
  };
}

export class WasmConv implements ConvKernels {
  private readonly gemm: GemmExport;
  private readonly packTapRows: PackTapRowsExport;
  private readonly packTapColumns: PackTapColumnsExport;
  private readonly addTapRows: AddTapRowsExport;
  private readonly copyPlanes: CopyPlanesExport;
  private readonly unpackRows: UnpackRowsExport;
  private readonly addRowSums: AddRowSumsExport;
  private readonly views: HeapViews;

  constructor(
    private readonly arena: WasmArena,
    module: GemmModule & PackExports,
  ) {
    this.views = new HeapViews(arena);
    this.copyPlanes = module.copyPlanes;
    this.unpackRows = module.unpackRows;
    this.addRowSums = module.addRowSums;
    this.gemm = module.gemm;
    this.packTapRows = module.packTapRows;
    this.packTapColumns = module.packTapColumns;
    this.addTapRows = module.addTapRows;
  }

  forward(x: Float32Array, kernel: Float32Array, bias: Float32Array | null, y: Float32Array, rows: number, g: ConvGeometry): void {
    if (g.stride === 1) this.forwardStride1(x, kernel, bias, y, rows, g);
    else this.forwardStrided(x, kernel, bias, y, rows, g);
  }

  /** Any stride: im2col (JS) into the panels. */
  private forwardStrided(x: Float32Array, kernel: Float32Array, bias: Float32Array | null, y: Float32Array, rows: number, g: ConvGeometry): void {
    const F = g.F;
    const { K, P, inSize, filterPanels: rowPanels } = plan(g);
    const colPanels = (P + 7) >> 3;
    const ldc = colPanels * 8;
    // Memory, in floats: [W panels][cols panels][product]
    const ap = 0;
    const bp = rowPanels * 4 * K;
    const cp = bp + ldc * K;
    this.arena.reserve(cp + rowPanels * 4 * ldc);
    const heap = this.arena.heap;
    const on = prof.on; // timing points (profile.ts): packing, kernel, write-back
    packRowPanels(heap, ap, F, K, kernel, 0, K, 1);
    heap.fill(0, bp, cp); // the last panel's lanes past P stay 0: im2col writes only p < P
    for (let n = 0; n < rows; n++) {
      if (on) prof.stage(PACK);
      im2colPositionPanels(x, n * inSize, g, heap, bp);
      if (on) prof.stage(KERNEL);
      this.gemm(ap * 4, bp * 4, cp * 4, rowPanels, colPanels, K);
      if (on) prof.stage(WRITE_BACK);
      writeWithBias(heap, cp, ldc, F, P, bias, y, n * F * P);
    }
    if (on) prof.stage(SELF);
  }

  /**
   * Stride 1: padded planes in the module's memory, im2col as a vector copy (see the top of this
   * file). The batch x comes in with one memcpy; per sample, copyPlanes pads it and takes the
   * product out with the bias, and one memcpy writes y_n.
   */
  private forwardStride1(x: Float32Array, kernel: Float32Array, bias: Float32Array | null, y: Float32Array, rows: number, g: ConvGeometry): void {
    const F = g.F;
    const pd = plan(g);
    const { K, P, inSize } = pd;
    const rowPanels = pd.filterPanels;
    const ldc = pd.panels * 8;
    // Memory, in floats: [W panels][cols panels][product][padded planes][tap offsets][bias][x][y_n]
    const bp = rowPanels * 4 * K;
    const cp = bp + ldc * K;
    const xp = cp + rowPanels * 4 * ldc;
    const tab = xp + pd.floats;
    const biasAt = tab + K;
    const xCopy = biasAt + F;
    const yOut = xCopy + x.length;
    this.arena.reserve(yOut + F * P);
    const heap = this.arena.heap;
    const on = prof.on; // timing points (profile.ts): packing, kernel, write-back
    packRowPanels(heap, 0, F, K, kernel, 0, K, 1);
    heap.fill(0, xp, tab); // the borders (and slack) stay 0; each sample rewrites the interior
    this.writeTapOffsets(tab, g, pd);
    if (bias !== null) heap.set(bias, biasAt);
    heap.set(x, xCopy);
    const interior = (xp + g.padTop * pd.Wp + g.padLeft) * 4;
    const yView = this.views.get(yOut, F * P);
    for (let n = 0; n < rows; n++) {
      if (on) prof.stage(PACK);
      this.copyPlanes(interior, pd.Wp * 4, pd.Hp * pd.Wp * 4, (xCopy + n * inSize) * 4, g.W * 4, g.H * g.W * 4, g.C, g.H, g.W, 0, 0);
      this.packTapRows(bp * 4, xp * 4, tab * 4, K, pd.panels);
      if (on) prof.stage(KERNEL);
      this.gemm(0, bp * 4, cp * 4, rowPanels, pd.panels, K);
      if (on) prof.stage(WRITE_BACK);
      // y_n = the product's first OW of every Wp columns, + bias
      this.copyPlanes(yOut * 4, g.OW * 4, P * 4, cp * 4, pd.Wp * 4, ldc * 4, F, g.OH, g.OW, bias === null ? 0 : 1, biasAt * 4);
      y.set(yView, n * F * P);
    }
    if (on) prof.stage(SELF);
  }

  /** ints[tab + t] = byte offset of tap t = (c, u, v) in padded planes: ((c·Hp + u)·Wp + v)·4. */
  private writeTapOffsets(tab: number, g: ConvGeometry, pd: Plan): void {
    const ints = this.arena.ints;
    let t = tab;
    for (let c = 0; c < g.C; c++) {
      for (let u = 0; u < g.KH; u++) {
        for (let v = 0; v < g.KW; v++, t++) ints[t] = ((c * pd.Hp + u) * pd.Wp + v) * 4;
      }
    }
  }

  backward(
    x: Float32Array, kernel: Float32Array, dy: Float32Array,
    dW: Float32Array, db: Float32Array | null, dx: Float32Array | null, rows: number, g: ConvGeometry,
  ): void {
    const pl = plan(g);
    if (g.stride === 1) this.backwardStride1(x, kernel, dy, dW, db, dx, rows, g, pl);
    else this.backwardStrided(x, kernel, dy, dW, db, dx, rows, g, pl);
  }

  /** Stride > 1: im2col (JS) into the panels, col2im (JS) out of the product. */
  private backwardStrided(
    x: Float32Array, kernel: Float32Array, dy: Float32Array,
    dW: Float32Array, db: Float32Array | null, dx: Float32Array | null, rows: number, g: ConvGeometry, pl: Plan,
  ): void {
    const F = g.F;
    const { K, P, inSize, filterPanels, tapPanels, tapRowPanels } = pl; // dW: filters × taps, dcols: taps × positions
    const positionPanels = (P + 7) >> 3; // columns of dcols
    // Memory, in floats: weights product [dy rows][cols tap panels][dW part], then the
    // input-gradient product [Wᵀ rows][dy position panels][dcols].
    const a1 = 0;
    const b1 = a1 + filterPanels * 4 * P;
    const c1 = b1 + tapPanels * 8 * P;
    const a2 = c1 + filterPanels * 4 * tapPanels * 8;
    const b2 = a2 + tapRowPanels * 4 * F;
    const c2 = b2 + positionPanels * 8 * F;
    this.arena.reserve(c2 + tapRowPanels * 4 * positionPanels * 8);
    const heap = this.arena.heap;
    heap.fill(0, b1, c1); // the last tap panel's lanes past K stay 0: im2col writes only t < K
    const on = prof.on; // timing points (profile.ts): packing, kernel, write-back
    if (dx !== null) packRowPanels(heap, a2, K, F, kernel, 0, 1, K);
    for (let n = 0; n < rows; n++) {
      const yOff = n * F * P;
      if (on) prof.stage(PACK);
      packRowPanels(heap, a1, F, P, dy, yOff, P, 1);
      im2colTapPanels(x, n * inSize, g, heap, b1);
      if (on) prof.stage(KERNEL);
      this.gemm(a1 * 4, b1 * 4, c1 * 4, filterPanels, tapPanels, P);
      if (on) prof.stage(WRITE_BACK);
      addInto(heap, c1, tapPanels * 8, F, K, dW);
      if (db !== null) addRowSums(dy, yOff, F, P, db);
      if (dx === null) continue;
      if (on) prof.stage(PACK);
      packColumnPanels(heap, b2, P, F, dy, yOff, P, 1);
      if (on) prof.stage(KERNEL);
      this.gemm(a2 * 4, b2 * 4, c2 * 4, tapRowPanels, positionPanels, F);
      if (on) prof.stage(WRITE_BACK);
      col2im(heap, g, dx, n * inSize, c2, positionPanels * 8);
    }
    if (on) prof.stage(SELF);
  }

  /**
   * Stride 1, over padded positions: dy_n widened to rows of Wp (the extra columns 0, so their
   * share of either product is exactly 0). Weights: dW += dy'·cols'ᵀ with cols'ᵀ gathered from the
   * padded planes by tap runs (packTapColumns). Input gradient: dcols' = Wᵀ·dy', added into
   * padded gradient planes by tap runs (addTapRows).
   */
  private backwardStride1(
    x: Float32Array, kernel: Float32Array, dy: Float32Array,
    dW: Float32Array, db: Float32Array | null, dx: Float32Array | null, rows: number, g: ConvGeometry, pd: Plan,
  ): void {
    const F = g.F;
    const { K, P, inSize, filterPanels, tapPanels, tapRowPanels } = pd;
    const Pw = pd.positions;
    // Memory, in floats: [x planes][widened dy][tap offsets][row offsets of the widened dy]
    // [dy rows][cols' tap panels][dW part] [Wᵀ rows][dy position panels][dcols'][dx planes]
    // The widened planes are padded to whole 8-position panels (Pw8), zeros past Pw: the panels
    // of dy' for the input gradient then have exact zeros there, and so has dcols'.
    const Pw8 = pd.panels * 8;
    const xp = 0;
    const wide = xp + pd.floats;
    const tab = wide + F * Pw8;
    const rowTab = tab + K;
    const a1 = rowTab + F;
    const b1 = a1 + filterPanels * 4 * Pw;
    const c1 = b1 + tapPanels * 8 * Pw;
    const a2 = c1 + filterPanels * 4 * tapPanels * 8;
    const b2 = a2 + tapRowPanels * 4 * F;
    const c2 = b2 + pd.panels * 8 * F;
    const dxp = c2 + tapRowPanels * 4 * pd.panels * 8;
    // then the batch's copies: x, dy, dW (accumulated here over the batch) and dx
    const xCopy = dxp + pd.floats;
    const dyCopy = xCopy + x.length;
    const dWCopy = dyCopy + dy.length;
    const dxCopy = dWCopy + dW.length;
    const dbCopy = dxCopy + (dx === null ? 0 : dx.length);
    this.arena.reserve(dbCopy + (db === null ? 0 : db.length));
    const heap = this.arena.heap;
    heap.fill(0, xp, tab); // padded planes' borders and the widened planes' extra columns stay 0
    heap.fill(0, a1, c1); // the last filter panel's lanes past F and tap panel's past K stay 0
    this.writeTapOffsets(tab, g, pd);
    const ints = this.arena.ints;
    for (let f = 0; f < F; f++) ints[rowTab + f] = f * Pw8 * 4;
    const on = prof.on; // timing points (profile.ts): packing, kernel, write-back
    if (dx !== null) packRowPanels(heap, a2, K, F, kernel, 0, 1, K);
    heap.set(x, xCopy);
    heap.set(dy, dyCopy);
    heap.set(dW, dWCopy);
    if (dx !== null) heap.set(dx, dxCopy);
    if (db !== null) heap.set(db, dbCopy);
    const xInterior = (xp + g.padTop * pd.Wp + g.padLeft) * 4;
    const dxInterior = (dxp + g.padTop * pd.Wp + g.padLeft) * 4;
    const planeBytes = pd.Hp * pd.Wp * 4;
    for (let n = 0; n < rows; n++) {
      const yOff = n * F * P;
      if (on) prof.stage(PACK);
      this.copyPlanes(xInterior, pd.Wp * 4, planeBytes, (xCopy + n * inSize) * 4, g.W * 4, g.H * g.W * 4, g.C, g.H, g.W, 0, 0);
      // dy_n widened to rows of Wp (the columns past OW stay 0), planes Pw8 apart
      this.copyPlanes(wide * 4, pd.Wp * 4, Pw8 * 4, (dyCopy + yOff) * 4, g.OW * 4, P * 4, F, g.OH, g.OW, 0, 0);
      this.packTapColumns(a1 * 4, wide * 4, rowTab * 4, F, Pw, 2); // dy' rows as 4-row panels
      this.packTapColumns(b1 * 4, xp * 4, tab * 4, K, Pw, 3); // cols'ᵀ as 8-tap panels
      if (on) prof.stage(KERNEL);
      this.gemm(a1 * 4, b1 * 4, c1 * 4, filterPanels, tapPanels, Pw);
      if (on) prof.stage(WRITE_BACK);
      this.unpackRows(dWCopy * 4, c1 * 4, tapPanels * 32, dWCopy * 4, K * 4, 1, F, K); // dW += the product
      if (db !== null) this.addRowSums(dbCopy * 4, (dyCopy + yOff) * 4, F, P); // db += row sums of dy_n
      if (dx === null) continue;
      if (on) prof.stage(PACK);
      this.packTapRows(b2 * 4, wide * 4, rowTab * 4, F, pd.panels); // dy' as 8-position panels
      if (on) prof.stage(KERNEL);
      this.gemm(a2 * 4, b2 * 4, c2 * 4, tapRowPanels, pd.panels, F);
      if (on) prof.stage(WRITE_BACK);
      heap.fill(0, dxp, dxp + pd.floats);
      this.addTapRows(dxp * 4, c2 * 4, pd.panels * 32, tab * 4, K, pd.panels * 8);
      this.copyPlanes((dxCopy + n * inSize) * 4, g.W * 4, g.H * g.W * 4, dxInterior, pd.Wp * 4, planeBytes, g.C, g.H, g.W, 2, 0); // dx_n += the interior
    }
    if (on) prof.stage(WRITE_BACK);
    dW.set(this.views.get(dWCopy, F * K));
    if (db !== null) db.set(this.views.get(dbCopy, F));
    if (dx !== null) dx.set(this.views.get(dxCopy, rows * inSize));
    if (on) prof.stage(SELF);
  }
}

/** y[yOff + f·P + p] = heap[at + f·ldc + p] + bias[f]. */
function writeWithBias(heap: Float32Array, at: number, ldc: number, F: number, P: number, bias: Float32Array | null, y: Float32Array, yOff: number): void {
  for (let f = 0; f < F; f++) {
    const b = bias === null ? 0 : bias[f];
    for (let p = 0, src = at + f * ldc, dst = yOff + f * P; p < P; p++) y[dst + p] = heap[src + p] + b;
  }
}

/** db[f] += Σ_p dy[from + f·P + p]. */
function addRowSums(dy: Float32Array, from: number, F: number, P: number, db: Float32Array): void {
  for (let f = 0; f < F; f++) {
    let s = 0;
    for (let p = from + f * P, end = p + P; p < end; p++) s += dy[p];
    db[f] += s;
  }
}
