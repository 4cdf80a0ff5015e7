/**
 * Sliding-window arithmetic shared by the Conv2D/pooling specs and the engine, so the shapes
 * the editor shows are the shapes the engine computes.
 *
 * - valid: no padding; out = ⌊(in − k) / s⌋ + 1 (0 when the window does not fit).
 * - same:  out = ⌈in / s⌉ (= in for stride 1); the zero padding needed,
 *          max((out − 1)·s + k − in, 0), is split with the smaller half before (top/left),
 *          as Keras and PyTorch's padding='same' do.
 */
export type Padding = 'valid' | 'same';

export interface AxisGeometry {
  /** Output length along this axis. */
  out: number;
  /** Zeros added before the first input element (top or left). */
  padBefore: number;
}

export function axisGeometry(input: number, kernel: number, stride: number, padding: Padding): AxisGeometry {
  if (padding === 'valid') return { out: input < kernel ? 0 : Math.floor((input - kernel) / stride) + 1, padBefore: 0 };
  const out = Math.ceil(input / stride);
  const total = Math.max((out - 1) * stride + kernel - input, 0);
  return { out, padBefore: Math.floor(total / 2) };
}
