/**
 * Evaluation of the current model on a split: metrics, confusion matrix with per-class
 * precision/recall (classification) or the predicted-vs-true scatter (regression), the first
 * rows' predictions, and "try an input". Re-evaluates when a run pauses or ends, and after a
 * hand edit of a weight.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EvalSplit, Evaluation } from '../../../../shared/protocol';
import { useTrainingStore } from '../../engine-client';
import { useModel } from '../../image-views/use-engine';
import { formatValue } from '../format';
import { ConfusionMatrix } from './ConfusionMatrix';
import { PredictionsTable } from './PredictionsTable';
import { ScatterPlot } from './ScatterPlot';
import { TryInput } from './TryInput';

const SPLITS: { id: EvalSplit; label: string }[] = [
  { id: 'validation', label: 'Validation' },
  { id: 'test', label: 'Test' },
  { id: 'train', label: 'Training' },
];

export function EvaluationView() {
  const summary = useTrainingStore((s) => s.summary);
  const status = useTrainingStore((s) => s.training?.status ?? null);
  const step = useTrainingStore((s) => s.training?.globalStep ?? 0);
  const sizes: Record<EvalSplit, number> = { train: summary?.train ?? 0, validation: summary?.validation ?? 0, test: summary?.test ?? 0 };
  const [split, setSplit] = useState<EvalSplit>('validation');
  const [result, setResult] = useState<Evaluation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // Prefer the test split when there is one, else validation, else training.
    if (summary) setSplit(summary.test > 0 ? 'test' : summary.validation > 0 ? 'validation' : 'train');
  }, [summary]);

  const run = useCallback(async () => {
    setBusy(true);
    try {
      setResult(await useTrainingStore.getState().evaluate(split, 20));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }, [split]);

  // Evaluate on opening, on a new split, and whenever the model changes while not training: the
  // run pauses, steps or ends, or a weight is set by hand (or that edit undone) — the model
  // version covers them all, as it does for the feature maps.
  const { version } = useModel();
  useEffect(() => {
    if (summary && status !== 'training' && sizes[split] > 0) void run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [summary, split, status, status === 'training' ? 0 : step, status === 'training' ? 0 : version, run]);

  const firstRow = useMemo(() => {
    const p = result?.predictions;
    return p?.features && p.rows > 0 ? Array.from(p.features.subarray(0, p.featureSize)) : null;
  }, [result]);

  if (!summary) return <div className="bp-empty">Load a project to evaluate it.</div>;
  const m = result?.metrics;
  return (
    <div className="bp-evaluate">
      <div className="bp-row">
        <div className="bp-segmented" role="radiogroup" aria-label="Split">
          {SPLITS.map((s) => (
            <button key={s.id} type="button" role="radio" aria-checked={split === s.id} className={split === s.id ? 'bp-on' : undefined} disabled={sizes[s.id] === 0} onClick={() => setSplit(s.id)} data-testid={`split-${s.id}`}>
              {s.label} ({sizes[s.id]})
            </button>
          ))}
        </div>
        <button type="button" className="bp-btn" onClick={() => void run()} disabled={busy || sizes[split] === 0} data-testid="evaluate">
          {busy ? 'Evaluating…' : 'Evaluate'}
        </button>
        {status === 'training' && <span className="bp-hint">updates when training pauses or ends</span>}
      </div>
      {sizes[split] === 0 && <div className="bp-hint">This split is empty: set its fraction in the data settings.</div>}
      {error && <div className="bp-msg bp-msg-error">{error}</div>}
      {result && m && (
        <>
          <div className="bp-metrics" data-testid="eval-metrics">
            {result.n} samples · loss {formatValue(m.loss)}
            {m.accuracy !== undefined && <> · accuracy {formatValue(m.accuracy)}</>}
            {m.mae !== undefined && <> · MAE {formatValue(m.mae)}</>}
            {m.r2 !== undefined && <> · R² {formatValue(m.r2)}</>}
          </div>
          <div className="bp-eval-grid">
            {result.task === 'classification' ? <ConfusionMatrix evaluation={result} /> : result.scatter && <ScatterPlot pairs={result.scatter} title={`Predicted vs true (${result.split})`} />}
            <TryInput initial={firstRow} />
          </div>
          <div className="bp-section-title">First {result.predictions.rows} predictions</div>
          <PredictionsTable evaluation={result} featureNames={summary.featureNames} />
        </>
      )}
    </div>
  );
}
