/** One sample of the data drawn as a picture: grey for one channel, colour for three, else its first channel. */
import { ImageCanvas } from './ImageCanvas';
import { pixelScale, valueRange, type ImageShape } from './paint';

export interface SampleImageProps {
  values: Float32Array;
  /** Where the sample starts in `values`. */
  offset?: number;
  shape: ImageShape;
  /** CSS pixels on the longer side. */
  size: number;
  /** The grey range; default the sample's own min..max. */
  range?: { min: number; max: number };
  caption?: string;
  title?: string;
  numbers?: boolean;
  testId?: string;
}

export function SampleImage({ values, offset = 0, shape, size, range, caption, title, numbers, testId }: SampleImageProps) {
  const { channels, height, width } = shape;
  const rgb = channels === 3;
  const pixels = height * width;
  const { min, max } = range ?? valueRange(values, offset, rgb ? 3 * pixels : pixels);
  return (
    <ImageCanvas
      values={values}
      offset={offset}
      height={height}
      width={width}
      mode="grey"
      min={min}
      max={max}
      rgb={rgb}
      scale={numbers ? Math.max(22, Math.floor(size / width)) : pixelScale(height, width, size)}
      numbers={numbers && !rgb}
      {...(caption !== undefined ? { caption } : {})}
      {...(title !== undefined ? { title } : {})}
      {...(testId !== undefined ? { testId } : {})}
    />
  );
}

/** The class name (classification) or the target values of one row of samples. */
export function labelOf(y: Float32Array, targetSize: number, row: number, classNames?: string[]): string {
  if (classNames) return classNames[y[row]!] ?? String(y[row]);
  return Array.from(y.subarray(row * targetSize, (row + 1) * targetSize), (v) => String(Number(v.toPrecision(3)))).join(', ');
}
