/** Choosing the sample the views show: the split, and ‹ › through its rows. */
import type { EvalSplit } from '../../../shared/protocol';
import { SPLIT_LABELS, useChosenSample, useSplitSizes } from './chosen-sample';

export function ImagePicker({ split, index, total, label }: { split: EvalSplit; index: number; total: number; label: string | null }) {
  const sizes = useSplitSizes();
  const choose = useChosenSample((s) => s.choose);
  const splits = (['test', 'validation', 'train'] as const).filter((s) => sizes[s] > 0);
  const step = (d: number) => choose(split, (index + d + total) % total);
  return (
    <div className="iv-picker" data-testid="image-picker">
      <select className="input input--small" value={split} onChange={(e) => choose(e.target.value as EvalSplit, 0)} aria-label="Split to take the image from">
        {splits.map((s) => (
          <option key={s} value={s}>
            {SPLIT_LABELS[s]}
          </option>
        ))}
      </select>
      <button type="button" className="button button--small iv-step" onClick={() => step(-1)} disabled={total < 2} aria-label="Previous image" data-testid="image-prev">
        ‹
      </button>
      <span className="iv-picker__text" data-testid="image-index">
        {total > 0 ? `${index + 1} / ${total}` : '—'}
        {label !== null && <span className="iv-picker__label"> · {label}</span>}
      </span>
      <button type="button" className="button button--small iv-step" onClick={() => step(1)} disabled={total < 2} aria-label="Next image" data-testid="image-next">
        ›
      </button>
    </div>
  );
}
