/** The confusion matrix (rows: true class, columns: predicted) with per-class precision and recall. */
import type { Evaluation } from '../../../../shared/protocol';

function pct(v: number | undefined): string {
  return v === undefined || Number.isNaN(v) ? '—' : `${(v * 100).toFixed(1)}%`;
}

export function ConfusionMatrix({ evaluation }: { evaluation: Evaluation }) {
  const k = evaluation.classNames?.length ?? 0;
  const counts = evaluation.confusion ?? [];
  const names = evaluation.classNames ?? [];
  const rowTotals = names.map((_, t) => counts.slice(t * k, t * k + k).reduce((a, b) => a + b, 0));
  return (
    <div className="bp-confusion-wrap">
      <table className="bp-confusion" data-testid="confusion-matrix" data-split={evaluation.split} data-total={counts.reduce((a, b) => a + b, 0)}>
        <thead>
          <tr>
            <th className="bp-corner">
              true ↓<br />
              predicted →
            </th>
            {names.map((n) => (
              <th key={n} scope="col" title={n}>
                {n}
              </th>
            ))}
            <th scope="col">recall</th>
          </tr>
        </thead>
        <tbody>
          {names.map((n, t) => (
            <tr key={n}>
              <th scope="row" title={n}>
                {n}
              </th>
              {names.map((_, p) => {
                const c = counts[t * k + p];
                const share = rowTotals[t] > 0 ? c / rowTotals[t] : 0;
                const hue = t === p ? '8, 119, 189' : '245, 147, 34';
                return (
                  <td key={p} style={{ background: `rgba(${hue}, ${(0.08 + 0.8 * share).toFixed(2)})`, color: share > 0.55 ? '#fff' : undefined }} title={`${c} of ${rowTotals[t]} '${n}' samples predicted '${names[p]}'`}>
                    {c}
                  </td>
                );
              })}
              <td className="bp-pr">{pct(evaluation.recall?.[t])}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">precision</th>
            {names.map((n, p) => (
              <td key={n} className="bp-pr">
                {pct(evaluation.precision?.[p])}
              </td>
            ))}
            <td className="bp-pr bp-acc" title="accuracy">
              {pct(evaluation.metrics.accuracy)}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
