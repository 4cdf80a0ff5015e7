/**
 * CSV images: the feature columns are the pixels of images [channels, height, width], channel by
 * channel and row by row (NCHW), so convolutions can read them. The shape must hold exactly as
 * many values as there are feature columns (the project file checks it again).
 */
import { useState } from 'react';
import type { CsvDataConfig } from '../../../shared/project-types';
import { useProjectStore } from '../store/project-store';
import { CheckboxField, CommitField } from './fields';

/** [1, s, s] for a square count, [3, s, s] for three square channels, else null. */
export function guessImageShape(features: number): number[] | null {
  const square = (n: number) => Number.isInteger(Math.sqrt(n)) && n >= 4;
  if (square(features)) return [1, Math.sqrt(features), Math.sqrt(features)];
  if (features % 3 === 0 && square(features / 3)) return [3, Math.sqrt(features / 3), Math.sqrt(features / 3)];
  return null;
}

/** Three whole numbers ≥ 1 typed as "1, 28, 28" or "1×28×28". */
export function parseImageShape(text: string): { value: number[] } | { error: string } {
  const parts = text.split(/[\s,×x*]+/).filter(Boolean);
  const value = parts.map(Number);
  if (parts.length !== 3 || !value.every((v) => Number.isInteger(v) && v >= 1)) {
    return { error: `Type three whole numbers: channels, height, width (e.g. 1, 28, 28), got '${text.trim()}'` };
  }
  return { value };
}

/** Why the shape does not fit the feature columns, or null. */
export function imageShapeProblem(shape: readonly number[], features: number): string | null {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size === features) return null;
  const hint = guessImageShape(features);
  return `${shape.join('×')} = ${size} pixels, but ${features} feature ${features === 1 ? 'column is' : 'columns are'} chosen${hint ? ` (${hint.join('×')} would fit)` : ''}`;
}

export function ImageShapeField({ data }: { data: CsvDataConfig }) {
  const [editing, setEditing] = useState(false);
  const features = data.features.length;
  const on = data.imageShape !== undefined || editing;
  const set = (imageShape: number[] | undefined) => useProjectStore.getState().setData({ imageShape });
  const toggle = (checked: boolean): string | null => {
    if (!checked) {
      setEditing(false);
      return set(undefined);
    }
    setEditing(true);
    const guess = guessImageShape(features);
    return guess ? set(guess) : null;
  };
  return (
    <>
      <CheckboxField
        label="Images: the features are pixels"
        checked={on}
        onChange={toggle}
        hint="For convolutions: each row holds one image, its pixels channel by channel, row by row."
        testId="csv-images"
      />
      {on && (
        <CommitField<number[]>
          label="Image shape (channels, height, width)"
          value={data.imageShape ?? []}
          format={(v) => v.join(', ')}
          parse={parseImageShape}
          onCommit={(shape) => imageShapeProblem(shape, features) ?? set(shape)}
          hint={`${features} feature columns; the shape must hold exactly that many pixels.`}
          placeholder={guessImageShape(features)?.join(', ') ?? 'e.g. 1, 28, 28'}
          testId="csv-image-shape"
        />
      )}
    </>
  );
}
