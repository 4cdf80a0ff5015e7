/** The first rows of a split: features, the true value, the prediction and the model's outputs. */
import type { Evaluation } from '../../../../shared/protocol';
import { formatValue } from '../format';

const MAX_FEATURE_COLUMNS = 6;
const MAX_OUTPUT_COLUMNS = 10;

export function PredictionsTable({ evaluation, featureNames }: { evaluation: Evaluation; featureNames: string[] }) {
  const p = evaluation.predictions;
  const shownFeatures = p.features ? Math.min(p.featureSize, MAX_FEATURE_COLUMNS) : 0;
  const names = evaluation.classNames;
  const classification = evaluation.task === 'classification';
  const outputs = Math.min(p.outputSize, MAX_OUTPUT_COLUMNS);
  const outputName = (j: number) => (classification ? (p.outputSize === 1 ? `p(${names?.[1] ?? '1'})` : `p(${names?.[j] ?? j})`) : `output ${j + 1}`);
  return (
    <div className="bp-table-wrap">
      <table className="bp-table" data-testid="predictions-table">
        <thead>
          <tr>
            <th>#</th>
            {Array.from({ length: shownFeatures }, (_, f) => (
              <th key={f}>{featureNames[f] ?? `x${f + 1}`}</th>
            ))}
            {p.featureSize > shownFeatures && <th>…</th>}
            <th>true</th>
            <th>predicted</th>
            {Array.from({ length: outputs }, (_, j) => (
              <th key={j}>{outputName(j)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: p.rows }, (_, r) => {
            const truth = classification ? (names?.[p.targets[r]] ?? String(p.targets[r])) : formatValue(p.targets[r * p.targetSize]);
            const predicted = classification ? (names?.[p.predicted![r]] ?? String(p.predicted![r])) : formatValue(p.outputs[r * p.outputSize]);
            const wrong = classification && p.predicted![r] !== p.targets[r];
            return (
              <tr key={r} className={wrong ? 'bp-wrong' : undefined}>
                <td>{r + 1}</td>
                {Array.from({ length: shownFeatures }, (_, f) => (
                  <td key={f}>{formatValue(p.features![r * p.featureSize + f])}</td>
                ))}
                {p.featureSize > shownFeatures && <td>…</td>}
                <td>{truth}</td>
                <td>{predicted}</td>
                {Array.from({ length: outputs }, (_, j) => (
                  <td key={j}>{formatValue(p.outputs[r * p.outputSize + j])}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
