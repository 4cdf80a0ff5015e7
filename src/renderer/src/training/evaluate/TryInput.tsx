/**
 * "Try an input": type feature values in data units (or click the decision-boundary plane for
 * 2-D data) and see the model's outputs, through the engine's 'predict' message.
 */
import { useEffect, useState } from 'react';
import { useTrainingStore } from '../../engine-client';
import { formatValue } from '../format';
import { useTrainingView } from '../live';

const MAX_FIELDS = 32;

export function TryInput({ initial }: { initial: number[] | null }) {
  const summary = useTrainingStore((s) => s.summary);
  const clicked = useTrainingView((s) => s.probeInput);
  const size = summary?.featureShape.reduce((a, b) => a * b, 1) ?? 0;
  const [values, setValues] = useState<string[]>([]);
  const [result, setResult] = useState<{ outputs: number[]; error?: string } | null>(null);

  const fill = (start: number[] | null) => Array.from({ length: size }, (_, i) => (start && start[i] !== undefined ? formatValue(start[i]) : '0'));
  // A click on the plane fills the fields; otherwise they start from the first sample and keep what the user typed.
  useEffect(() => {
    if (clicked) setValues(fill(clicked));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [clicked]);
  useEffect(() => {
    setValues((prev) => (prev.length === size ? prev : fill(initial)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [size, initial]);

  if (!summary || size === 0) return null;
  if (size > MAX_FIELDS) return <div className="bp-hint">Try an input: this data has {size} features, too many to type in.</div>;

  const predict = async () => {
    const x = Float32Array.from(values, (v) => Number(v));
    if (x.some((v) => !Number.isFinite(v))) {
      setResult({ outputs: [], error: 'Every feature needs a number' });
      return;
    }
    try {
      const p = await useTrainingStore.getState().predict(x, 1);
      setResult({ outputs: Array.from(p.outputs) });
    } catch (e) {
      setResult({ outputs: [], error: e instanceof Error ? e.message : String(e) });
    }
  };
  const names = summary.classNames;
  const best = result && result.outputs.length > 1 ? result.outputs.indexOf(Math.max(...result.outputs)) : -1;
  return (
    <div className="bp-try" data-testid="try-input">
      <div className="bp-section-title">Try an input {summary.featureNames.length === 2 && <span className="bp-hint">(or click the decision-boundary plane)</span>}</div>
      <div className="bp-try-fields">
        {values.map((v, i) => (
          <label key={i}>
            {summary.featureNames[i] ?? `x${i + 1}`}
            <input type="text" inputMode="decimal" value={v} data-testid={`try-feature-${i}`} onChange={(e) => setValues(values.map((old, j) => (j === i ? e.target.value : old)))} onKeyDown={(e) => e.key === 'Enter' && void predict()} />
          </label>
        ))}
        <button type="button" className="bp-btn" data-testid="try-predict" onClick={() => void predict()}>
          Predict
        </button>
      </div>
      {result?.error && <div className="bp-msg bp-msg-error">{result.error}</div>}
      {result && !result.error && (
        <div className="bp-try-result" data-testid="try-result">
          {result.outputs.map((v, j) => {
            const label = summary.task === 'classification' ? (result.outputs.length === 1 ? `p(${names?.[1] ?? '1'})` : (names?.[j] ?? `class ${j}`)) : `output ${j + 1}`;
            const bar = summary.task === 'classification' ? Math.max(0, Math.min(1, v)) : null;
            return (
              <div key={j} className={j === best ? 'bp-try-best' : undefined}>
                <span className="bp-try-label">{label}</span>
                {bar !== null && <span className="bp-try-bar" style={{ width: `${(bar * 100).toFixed(0)}%` }} />}
                <span>{formatValue(v)}</span>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
