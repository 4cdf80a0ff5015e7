/**
 * Colours of the decision-boundary maps, as in TensorFlow Playground: a diverging map from
 * orange (−1) through a light grey (0) to blue (+1) — a pair that people with red–green colour
 * blindness tell apart — and for more than two classes the Okabe–Ito palette, chosen to stay
 * distinct under the common colour-vision deficiencies. Painting goes straight into ImageData bytes, never through DOM elements per cell.
 */
export type Rgb = readonly [number, number, number];

export const NEGATIVE: Rgb = [245, 147, 34]; // #f59322
export const MIDDLE: Rgb = [232, 234, 235]; // #e8eaeb
export const POSITIVE: Rgb = [8, 119, 189]; // #0877bd
export const NAN_COLOR: Rgb = [180, 40, 40];

/** Classes beyond two: orange and blue first (as the binary map), then the rest of Okabe–Ito, then two greys. */
export const CLASS_COLORS: readonly Rgb[] = [
  NEGATIVE, POSITIVE, [0, 158, 115], [204, 121, 167], [213, 94, 0], [86, 180, 233], [240, 228, 66], [110, 80, 160], [90, 90, 90], [160, 160, 160],
];

export function classColor(c: number): Rgb {
  return CLASS_COLORS[((c % CLASS_COLORS.length) + CLASS_COLORS.length) % CLASS_COLORS.length];
}

const LUT_SIZE = 256;
/** rgb triples for t = −1 … +1 in LUT_SIZE steps. */
const LUT = (() => {
  const lut = new Uint8ClampedArray(LUT_SIZE * 3);
  for (let i = 0; i < LUT_SIZE; i++) {
    const t = (i / (LUT_SIZE - 1)) * 2 - 1;
    const [a, b, f] = t < 0 ? [MIDDLE, NEGATIVE, -t] : [MIDDLE, POSITIVE, t];
    for (let k = 0; k < 3; k++) lut[i * 3 + k] = Math.round(a[k] + (b[k] - a[k]) * f);
  }
  return lut;
})();

/** The diverging colour of t in [−1, 1] (clamped); NaN → a dark red. */
export function diverging(t: number): Rgb {
  if (Number.isNaN(t)) return NAN_COLOR;
  const i = Math.round(((Math.max(-1, Math.min(1, t)) + 1) / 2) * (LUT_SIZE - 1));
  return [LUT[i * 3], LUT[i * 3 + 1], LUT[i * 3 + 2]];
}

/** Writes one pixel per value: t = (v − center) / halfRange through the diverging map. */
export function paintDiverging(values: ArrayLike<number>, offset: number, count: number, center: number, halfRange: number, out: Uint8ClampedArray, alpha = 255): void {
  const scale = halfRange > 0 ? 1 / halfRange : 0;
  for (let i = 0; i < count; i++) {
    const v = values[offset + i];
    const p = i * 4;
    if (v !== v) {
      out[p] = NAN_COLOR[0];
      out[p + 1] = NAN_COLOR[1];
      out[p + 2] = NAN_COLOR[2];
    } else {
      const t = Math.max(-1, Math.min(1, (v - center) * scale));
      const j = Math.round(((t + 1) / 2) * (LUT_SIZE - 1)) * 3;
      out[p] = LUT[j];
      out[p + 1] = LUT[j + 1];
      out[p + 2] = LUT[j + 2];
    }
    out[p + 3] = alpha;
  }
}

/** Several outputs per cell (class probabilities): the winning class's colour, paler when unsure. */
export function paintClasses(values: ArrayLike<number>, cells: number, channels: number, out: Uint8ClampedArray): void {
  const floor = 1 / channels;
  for (let i = 0; i < cells; i++) {
    let best = 0;
    for (let c = 1; c < channels; c++) if (values[i * channels + c] > values[i * channels + best]) best = c;
    const p = values[i * channels + best];
    const strength = p !== p ? 0 : Math.max(0, Math.min(1, (p - floor) / (1 - floor)));
    const color = p !== p ? NAN_COLOR : classColor(best);
    const o = i * 4;
    for (let k = 0; k < 3; k++) out[o + k] = Math.round(MIDDLE[k] + (color[k] - MIDDLE[k]) * (0.25 + 0.75 * strength));
    out[o + 3] = 255;
  }
}

/** Largest |v − center| over finite values (at least `floor`), for symmetric scaling. */
export function maxAbs(values: ArrayLike<number>, offset: number, count: number, center = 0, floor = 1e-6): number {
  let m = floor;
  for (let i = 0; i < count; i++) {
    const d = Math.abs(values[offset + i] - center);
    if (d > m && Number.isFinite(d)) m = d;
  }
  return m;
}

/** CSS colour of an rgb triple. */
export function css([r, g, b]: Rgb, alpha = 1): string {
  return alpha === 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
