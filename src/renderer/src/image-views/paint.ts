/**
 * Painting small images into RGBA bytes, pure so it is tested without a DOM. Images (inputs,
 * reconstructions) are grey: low values white, high values dark ink, scaled to a given range.
 * Signed values (kernels, feature maps) use the app's diverging map: orange negative, light grey
 * zero, blue positive, symmetric around 0 so 0 always looks the same.
 */
import { diverging, type Rgb } from '../training/colormap';

/** The darkest ink (the app's text colour) and the paper. */
export const INK: Rgb = [26, 35, 50];
export const PAPER: Rgb = [255, 255, 255];

export type PaintMode = 'grey' | 'signed';

/** Smallest and largest finite value of values[offset, offset + count). */
export function valueRange(values: ArrayLike<number>, offset = 0, count = values.length - offset): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = offset; i < offset + count; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}

/** Largest |v| (at least `floor`), for a symmetric signed scale. */
export function absMax(values: ArrayLike<number>, offset = 0, count = values.length - offset, floor = 1e-6): number {
  const { min, max } = valueRange(values, offset, count);
  return Math.max(floor, Math.abs(min), Math.abs(max));
}

/** The colour of v: grey between min (paper) and max (ink), or signed around 0 with |v| ≤ range. */
export function colourOf(v: number, mode: PaintMode, min: number, max: number): Rgb {
  if (mode === 'signed') return diverging(v / Math.max(Math.abs(min), Math.abs(max), 1e-6));
  if (!Number.isFinite(v)) return [180, 40, 40];
  const t = max > min ? Math.max(0, Math.min(1, (v - min) / (max - min))) : v > min ? 1 : 0;
  return [0, 1, 2].map((k) => Math.round(PAPER[k]! + (INK[k]! - PAPER[k]!) * t)) as unknown as Rgb;
}

/** Writes `count` pixels (RGBA) from values[offset…]. */
export function paintValues(values: ArrayLike<number>, offset: number, count: number, mode: PaintMode, min: number, max: number, out: Uint8ClampedArray): void {
  for (let i = 0; i < count; i++) {
    const [r, g, b] = colourOf(values[offset + i]!, mode, min, max);
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = 255;
  }
}

/** Three channels [3, H, W] as a colour picture, each channel scaled by the common min..max. */
export function paintRgb(values: ArrayLike<number>, offset: number, pixels: number, min: number, max: number, out: Uint8ClampedArray): void {
  const span = max > min ? 255 / (max - min) : 0;
  for (let i = 0; i < pixels; i++) {
    for (let c = 0; c < 3; c++) out[i * 4 + c] = (values[offset + c * pixels + i]! - min) * span;
    out[i * 4 + 3] = 255;
  }
}

/** How one sample is seen as an image: channels × height × width. */
export interface ImageShape {
  channels: number;
  height: number;
  width: number;
}

/**
 * The image shape of a sample: [C, H, W] as it is; the flat 64 pixels of the 8×8 digits as one
 * 8×8 channel when `flatSquare` says the features are pixels; otherwise null (not an image).
 */
export function imageShapeOf(featureShape: readonly number[], flatSquare = false): ImageShape | null {
  if (featureShape.length === 3) return { channels: featureShape[0]!, height: featureShape[1]!, width: featureShape[2]! };
  if (featureShape.length === 1 && flatSquare) {
    const side = Math.round(Math.sqrt(featureShape[0]!));
    if (side * side === featureShape[0] && side >= 4) return { channels: 1, height: side, width: side };
  }
  return null;
}

/** The datasets whose flat features are the pixels of a square image. */
export function flatImageData(dataset: string | undefined): boolean {
  return dataset === 'digits';
}

/**
 * CSS pixels per image pixel so an h × w image is about `target` pixels on its longer side:
 * whole pixels from 2× up (sharp squares), an exact fraction between 1× and 2×, never below 1×.
 */
export function pixelScale(height: number, width: number, target: number): number {
  const s = target / Math.max(height, width, 1);
  return s >= 2 ? Math.floor(s) : Math.max(1, s);
}

/** A short number for a cell: 1, −4, 0.25, 1.3e+3. */
export function formatCell(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1000 || a < 0.01) return v.toExponential(1).replace('-', '−');
  const text = String(Number(v.toPrecision(a >= 10 ? 3 : 2)));
  return text.replace('-', '−');
}
