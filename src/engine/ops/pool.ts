/**
 * 2-D max and average pooling over NCHW planes, no padding, any window and stride (PyTorch's
 * MaxPool2d / AvgPool2d with ceil_mode false). Max pooling records the flat input index of each
 * window's winner so the backward pass routes the gradient there, with PyTorch's rule
 * `v > max || isnan(v)` in row-major scan order: ties go to the first maximum and a NaN wins its
 * window. Backward passes accumulate.
 */

export interface PoolGeometry {
  /** Planes per sample (channels), input height/width, output height/width. */
  C: number;
  H: number;
  W: number;
  OH: number;
  OW: number;
  size: number;
  stride: number;
}

/** y = max over each window; argmax[k] = index into x of output k's winner. Rows of the batch: `rows`. */
export function maxPoolForward(x: Float32Array, y: Float32Array, argmax: Int32Array, rows: number, g: PoolGeometry): void {
  const { H, W, OH, OW, size, stride: s } = g;
  const planes = rows * g.C;
  let o = 0;
  for (let pl = 0; pl < planes; pl++) {
    const base = pl * H * W;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, o++) {
        const top = base + oh * s * W + ow * s;
        let best = top;
        let m = x[top];
        for (let u = 0; u < size; u++) {
          for (let v = 0, i = top + u * W; v < size; v++, i++) {
            const val = x[i];
            if (val > m || val !== val) {
              m = val;
              best = i;
            }
          }
        }
        y[o] = m;
        argmax[o] = best;
      }
    }
  }
}

/** dx[argmax[k]] += dy[k]. */
export function maxPoolBackward(dy: Float32Array, argmax: Int32Array, dx: Float32Array, rows: number, g: PoolGeometry): void {
  const n = rows * g.C * g.OH * g.OW;
  for (let k = 0; k < n; k++) dx[argmax[k]] += dy[k];
}

/** Plain 2×2 stride-2 max pooling (the usual case), same results as maxPoolForward. */
export function maxPool2x2Forward(x: Float32Array, y: Float32Array, argmax: Int32Array, rows: number, g: PoolGeometry): void {
  const { H, W, OH, OW } = g;
  const planes = rows * g.C;
  let o = 0;
  for (let pl = 0; pl < planes; pl++) {
    const base = pl * H * W;
    for (let oh = 0; oh < OH; oh++) {
      let i = base + 2 * oh * W;
      for (let ow = 0; ow < OW; ow++, o++, i += 2) {
        let best = i;
        let m = x[i];
        const b = x[i + 1], c = x[i + W], d = x[i + W + 1];
        if (b > m || b !== b) { m = b; best = i + 1; }
        if (c > m || c !== c) { m = c; best = i + W; }
        if (d > m || d !== d) { m = d; best = i + W + 1; }
        y[o] = m;
        argmax[o] = best;
      }
    }
  }
}

/** y = mean over each window. */
export function avgPoolForward(x: Float32Array, y: Float32Array, rows: number, g: PoolGeometry): void {
  const { H, W, OH, OW, size, stride: s } = g;
  const planes = rows * g.C;
  const inv = 1 / (size * size);
  let o = 0;
  for (let pl = 0; pl < planes; pl++) {
    const base = pl * H * W;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, o++) {
        const top = base + oh * s * W + ow * s;
        let sum = 0;
        for (let u = 0; u < size; u++) for (let v = 0, i = top + u * W; v < size; v++, i++) sum += x[i];
        y[o] = sum * inv;
      }
    }
  }
}

/** dx[window] += dy / size² for every output. */
export function avgPoolBackward(dy: Float32Array, dx: Float32Array, rows: number, g: PoolGeometry): void {
  const { H, W, OH, OW, size, stride: s } = g;
  const planes = rows * g.C;
  const inv = 1 / (size * size);
  let o = 0;
  for (let pl = 0; pl < planes; pl++) {
    const base = pl * H * W;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, o++) {
        const top = base + oh * s * W + ow * s;
        const d = dy[o] * inv;
        for (let u = 0; u < size; u++) for (let v = 0, i = top + u * W; v < size; v++, i++) dx[i] += d;
      }
    }
  }
}
