/**
 * A node's output for one sample as images: [channels, height, width] → one map per channel
 * (for a convolution: per filter), orange negative, blue positive, one scale for all maps so they
 * compare. One or two tiny maps (the turn detector's 2×2) show their numbers.
 */
import { ImageCanvas } from './ImageCanvas';
import { absMax, pixelScale } from './paint';

/** One or two maps up to this size show their values in the cells. */
export const NUMBER_CELLS = 6;
/** At most this many maps are drawn. */
export const MAX_MAPS = 64;

export function FeatureMaps({ shape, values, label = 'map' }: { shape: readonly number[]; values: Float32Array; label?: string }) {
  const [channels = 1, height = 1, width = 1] = shape.length === 3 ? shape : [1, 1, values.length];
  const range = absMax(values);
  const numbers = channels <= 2 && height <= NUMBER_CELLS && width <= NUMBER_CELLS;
  const target = channels <= 2 ? 96 : channels <= 6 ? 88 : channels <= 16 ? 64 : 44;
  const scale = numbers ? Math.max(24, Math.floor(Math.min(target, 120) / width)) : pixelScale(height, width, target);
  const shown = Math.min(channels, MAX_MAPS);
  return (
    <div className="iv-maps" data-testid="feature-maps" data-maps={channels}>
      <div className="iv-grid">
        {Array.from({ length: shown }, (_, c) => (
          <ImageCanvas
            key={c}
            values={values}
            offset={c * height * width}
            height={height}
            width={width}
            mode="signed"
            min={-range}
            max={range}
            scale={scale}
            numbers={numbers}
            caption={channels > 1 ? String(c + 1) : undefined}
            title={`${label} ${c + 1}: ${height}×${width}`}
            testId={`feature-map-${c}`}
          />
        ))}
      </div>
      <p className="iv-note">
        {channels} {channels === 1 ? label : `${label}s`} of {height}×{width}
        {shown < channels ? ` (first ${shown} shown)` : ''} · |value| ≤ {range.toPrecision(3)}
      </p>
    </div>
  );
}
