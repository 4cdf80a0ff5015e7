/**
 * Choosing the feature columns of a CSV. A wide table (784 pixel columns) lists only the
 * columns matching a filter, a screenful at a time, so the page stays light while training.
 */
import { useState } from 'react';
import type { CsvPreview } from '../../../shared/data/csv-preview';
import type { CsvDataConfig } from '../../../shared/project-types';
import { CheckboxField } from './fields';

const LISTED = 40;

interface FeatureColumnsProps {
  data: CsvDataConfig;
  preview: CsvPreview;
  onChange(features: string[]): void;
}

export function FeatureColumns({ data, preview, onChange }: FeatureColumnsProps) {
  const [filter, setFilter] = useState('');
  const candidates = preview.columns.filter((c) => c.name !== data.target);
  const matching = candidates.filter((c) => c.name.toLowerCase().includes(filter.trim().toLowerCase()));
  const chosen = new Set(data.features);
  // Keep the file's column order, whatever order the boxes are ticked in.
  const set = (names: Set<string>) => onChange(preview.header.filter((h) => names.has(h)));
  const toggle = (name: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(name);
    else next.delete(name);
    set(next);
  };
  return (
    <div className="field">
      <div className="field__label">
        Feature columns ({data.features.length} of {candidates.length})
      </div>
      <div className="feature-columns__tools">
        <button type="button" className="link-button" onClick={() => set(new Set(candidates.filter((c) => c.numeric).map((c) => c.name)))} data-testid="csv-features-all">
          All numeric
        </button>
        <button type="button" className="link-button" onClick={() => set(new Set())} data-testid="csv-features-none">
          None
        </button>
        {candidates.length > LISTED && (
          <input className="input input--small" type="search" placeholder="Filter columns…" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter columns" />
        )}
      </div>
      <div className="column-list">
        {matching.slice(0, LISTED).map((c) => (
          <CheckboxField
            key={c.name}
            label={c.numeric ? c.name : `${c.name} (not numeric)`}
            checked={chosen.has(c.name)}
            onChange={(on) => toggle(c.name, on)}
            testId={`csv-feature-${c.name}`}
          />
        ))}
        {matching.length > LISTED && <div className="muted small">…and {matching.length - LISTED} more: filter to find them.</div>}
      </div>
    </div>
  );
}
