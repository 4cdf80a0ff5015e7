/**
 * A convolution's filters as small images: kernel [filters, channels, k, k], one k×k picture per
 * filter and input channel (orange negative, blue positive, one scale for the whole kernel, so
 * filters compare). Rows are filters; with several input channels each row shows its channels.
 */
import { ImageCanvas } from './ImageCanvas';
import { absMax, pixelScale } from './paint';
import type { Tensor } from './node-params';

/** Input channels shown per filter; more are summarised in a line. */
export const MAX_CHANNELS = 8;

export function FilterGrid({ kernel, bias }: { kernel: Tensor; bias?: Tensor | undefined }) {
  const [filters = 0, channels = 0, kh = 0, kw = 0] = kernel.shape;
  const range = absMax(kernel.data);
  const shown = Math.min(channels, MAX_CHANNELS);
  const target = channels === 1 ? (filters <= 8 ? 44 : 32) : 28;
  const scale = pixelScale(kh, kw, target);
  const rows = [];
  for (let f = 0; f < filters; f++) {
    const images = [];
    for (let c = 0; c < shown; c++) {
      const offset = (f * channels + c) * kh * kw;
      images.push(
        <ImageCanvas
          key={c}
          values={kernel.data}
          offset={offset}
          height={kh}
          width={kw}
          mode="signed"
          min={-range}
          max={range}
          scale={scale}
          title={`filter ${f + 1}, input channel ${c + 1}${bias ? ` · bias ${bias.data[f]!.toFixed(3)}` : ''}`}
          {...(channels === 1 ? { caption: String(f + 1) } : {})}
        />,
      );
    }
    rows.push(
      channels === 1 ? (
        images
      ) : (
        <div key={f} className="iv-filter-row">
          <span className="iv-filter-row__label">{f + 1}</span>
          {images}
        </div>
      ),
    );
  }
  return (
    <div className="iv-filters" data-testid="conv-filters" data-filters={filters}>
      <div className={channels === 1 ? 'iv-grid' : 'iv-filter-rows'}>{rows}</div>
      <p className="iv-note">
        {filters} {filters === 1 ? 'filter' : 'filters'} of {kh}×{kw}
        {channels > 1 ? ` over ${channels} input channels${channels > shown ? ` (first ${shown} shown)` : ''}` : ''} · |w| ≤ {range.toPrecision(2)} ·{' '}
        <span className="iv-swatch iv-swatch--neg" /> negative <span className="iv-swatch iv-swatch--pos" /> positive
      </p>
    </div>
  );
}
