/**
 * One small image (a channel, a kernel slice, a feature map, or a colour picture) scaled up
 * with sharp pixels: a canvas of the image's own size, enlarged by CSS. Tiny maps (the turn
 * detector's 4×4 input and 2×2 output) can show as cells with their numbers instead.
 */
import { useEffect, useRef } from 'react';
import { css } from '../training/colormap';
import { colourOf, formatCell, paintRgb, paintValues, type PaintMode } from './paint';

export interface ImageCanvasProps {
  values: ArrayLike<number>;
  /** Where the image starts in `values` (row-major, height × width; × 3 channels for rgb). */
  offset?: number;
  height: number;
  width: number;
  mode: PaintMode;
  /** The value range the colours span (grey: min..max; signed: ±max(|min|, |max|)). */
  min: number;
  max: number;
  /** Three channels [3, H, W] painted as a colour picture. */
  rgb?: boolean;
  /** CSS pixels per image pixel. */
  scale: number;
  /** Shown under the image. */
  caption?: string;
  /** Hover text. */
  title?: string;
  /** Cells with their values written in them (for maps up to about 6×6). */
  numbers?: boolean;
  testId?: string;
}

export function ImageCanvas(props: ImageCanvasProps) {
  const { width, scale, caption, title, testId } = props;
  return (
    <figure className="iv-image" data-testid={testId} title={title}>
      {props.numbers ? <Cells {...props} /> : <Pixels {...props} />}
      {caption !== undefined && <figcaption style={{ maxWidth: Math.max(width * scale, 40) }}>{caption}</figcaption>}
    </figure>
  );
}

function Pixels({ values, offset = 0, height, width, mode, min, max, rgb, scale }: ImageCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const img = ctx.createImageData(width, height);
    if (rgb) paintRgb(values, offset, width * height, min, max, img.data);
    else paintValues(values, offset, width * height, mode, min, max, img.data);
    ctx.putImageData(img, 0, 0);
  }, [values, offset, height, width, mode, min, max, rgb]);
  return <canvas ref={ref} width={width} height={height} className="iv-pixels" style={{ width: width * scale, height: height * scale }} />;
}

function Cells({ values, offset = 0, height, width, mode, min, max, scale }: ImageCanvasProps) {
  const cells = [];
  for (let i = 0; i < height * width; i++) {
    const v = values[offset + i]!;
    const colour = colourOf(v, mode, min, max);
    const dark = colour[0] * 0.3 + colour[1] * 0.55 + colour[2] * 0.15 < 140;
    cells.push(
      <span key={i} className={`iv-cell${dark ? ' is-dark' : ''}`} style={{ background: css(colour) }} data-value={v}>
        {formatCell(v)}
      </span>,
    );
  }
  return (
    <div className="iv-cells" style={{ gridTemplateColumns: `repeat(${width}, ${scale}px)`, gridAutoRows: `${scale}px` }}>
      {cells}
    </div>
  );
}
