/**
 * Row-wise softmax and log-softmax over [rows×cols] (one distribution per row), max-subtracted
 * so logits of ±1000 neither overflow nor underflow into NaN. A NaN anywhere in a row makes the
 * whole row NaN (as in PyTorch). Backward passes accumulate into dx.
 */

/** Largest value of row [o, o+cols); NaN if x[o] is NaN (then the row's results are NaN too). */
export function rowMax(x: Float32Array, o: number, cols: number): number {
  let m = x[o];
  for (let j = 1; j < cols; j++) {
    const v = x[o + j];
    if (v > m) m = v;
  }
  return m;
}

/** y = softmax(x) per row. y may alias x. */
export function softmaxForward(x: Float32Array, y: Float32Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    const m = rowMax(x, o, cols);
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(x[o + j] - m);
      y[o + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < cols; j++) y[o + j] *= inv;
  }
}

/** dx += y ⊙ (dy − Σ dy⊙y) per row, from the forward output y. */
export function softmaxBackward(y: Float32Array, dy: Float32Array, dx: Float32Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let dot = 0;
    for (let j = 0; j < cols; j++) dot += dy[o + j] * y[o + j];
    for (let j = 0; j < cols; j++) dx[o + j] += y[o + j] * (dy[o + j] - dot);
  }
}

/** y = log softmax(x) = x − max − log Σ exp(x − max), per row. y may alias x. */
export function logSoftmaxForward(x: Float32Array, y: Float32Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    const m = rowMax(x, o, cols);
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(x[o + j] - m);
    const shift = m + Math.log(sum);
    for (let j = 0; j < cols; j++) y[o + j] = x[o + j] - shift;
  }
}

/** dx += dy − exp(y)·Σ dy per row, from the forward output y (log-probabilities). */
export function logSoftmaxBackward(y: Float32Array, dy: Float32Array, dx: Float32Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += dy[o + j];
    for (let j = 0; j < cols; j++) dx[o + j] += dy[o + j] - Math.exp(y[o + j]) * sum;
  }
}
