/**
 * A small off-screen canvas holding one grid as pixels (one pixel per cell), painted through
 * ImageData and then drawn scaled onto a visible canvas. Reused frame after frame.
 */
import { getNodeSpec } from '../../../../shared/nodes';
import type { ModelSummary } from '../../../../shared/protocol';
import { maxAbs, paintClasses, paintDiverging } from '../colormap';

export class GridImage {
  readonly canvas: HTMLCanvasElement;
  private image: ImageData | null = null;

  constructor() {
    this.canvas = document.createElement('canvas');
  }

  /** Resizes to resolution² and lets `paint` fill the RGBA bytes; false where canvases don't work (jsdom). */
  paint(resolution: number, paint: (rgba: Uint8ClampedArray) => void): boolean {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return false;
    if (!this.image || this.image.width !== resolution) {
      this.canvas.width = this.canvas.height = resolution;
      this.image = ctx.createImageData(resolution, resolution);
    }
    paint(this.image.data);
    ctx.putImageData(this.image, 0, 0);
    return true;
  }
}

/** How the output values of a map become colours. */
export type OutputScale =
  | { kind: 'probability' } // one sigmoid output: 0 → orange, 1 → blue
  | { kind: 'signed' } // one ±1 output (hinge, tanh): −1 → orange, +1 → blue
  | { kind: 'classes'; channels: number } // several class probabilities
  | { kind: 'value'; center: number; half: number }; // regression: the target range

/** The scale for the model's output map, from the model summary (and the targets for regression). */
export function outputScale(summary: ModelSummary, channels: number, targets: ArrayLike<number> | null): OutputScale {
  if (summary.task === 'classification') {
    if (channels > 1) return { kind: 'classes', channels };
    // ±1 targets (hinge), or a tanh/sign right before the loss: the output lives in [−1, 1].
    const types = summary.layers.map((l) => l.type);
    const lossAt = types.findIndex((t) => getNodeSpec(t)?.category === 'loss');
    const beforeLoss = lossAt > 0 ? types[lossAt - 1] : '';
    return types.includes('hinge') || beforeLoss === 'tanh' || beforeLoss === 'sign' ? { kind: 'signed' } : { kind: 'probability' };
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < (targets?.length ?? 0); i++) {
    lo = Math.min(lo, targets![i]);
    hi = Math.max(hi, targets![i]);
  }
  return Number.isFinite(lo) && hi > lo ? { kind: 'value', center: (lo + hi) / 2, half: (hi - lo) / 2 } : { kind: 'value', center: 0, half: 1 };
}

export function paintOutput(values: Float32Array, cells: number, scale: OutputScale, rgba: Uint8ClampedArray): void {
  if (scale.kind === 'classes') paintClasses(values, cells, scale.channels, rgba);
  else if (scale.kind === 'probability') paintDiverging(values, 0, cells, 0.5, 0.5, rgba);
  else if (scale.kind === 'signed') paintDiverging(values, 0, cells, 0, 1, rgba);
  else paintDiverging(values, 0, cells, scale.center, scale.half, rgba);
}

/** A neuron's activation map: fixed ranges for bounded activations, symmetric max-abs otherwise. */
export function paintNeuron(values: Float32Array, offset: number, cells: number, activation: string | null, rgba: Uint8ClampedArray): void {
  if (activation === 'sigmoid') paintDiverging(values, offset, cells, 0.5, 0.5, rgba);
  else if (activation === 'tanh' || activation === 'sign') paintDiverging(values, offset, cells, 0, 1, rgba);
  else paintDiverging(values, offset, cells, 0, maxAbs(values, offset, cells), rgba);
}
