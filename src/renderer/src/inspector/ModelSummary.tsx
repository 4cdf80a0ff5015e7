/** A Keras-style model.summary(): layer, type, output shape, parameters, and the total. */
import { useProjectAnalysis } from '../canvas/use-flow-elements';
import { formatCount, summarizeModel } from '../store/model-summary';
import { useProjectStore } from '../store/project-store';

export function ModelSummary() {
  const nodes = useProjectStore((s) => s.project.graph.nodes);
  const { analysis } = useProjectAnalysis();
  const labels = new Map(nodes.flatMap((n) => (n.label ? [[n.id, n.label] as const] : [])));
  const summary = summarizeModel(analysis, labels);
  const select = (id: string) => useProjectStore.getState().setSelection({ nodes: [id], edges: [] });
  if (summary.rows.length === 0) return <p className="muted">The network is empty: add nodes from the palette.</p>;
  return (
    <table className="summary-table" data-testid="model-summary">
      <thead>
        <tr>
          <th>Layer</th>
          <th>Output shape</th>
          <th className="num">Params</th>
        </tr>
      </thead>
      <tbody>
        {summary.rows.map((row) => (
          <tr key={row.id} onClick={() => select(row.id)}>
            <td>
              <div className="summary-table__name">{row.name}</div>
              <div className="summary-table__type">
                {row.id} · {row.typeLabel}
              </div>
            </td>
            <td className="mono">{row.shape ?? '?'}</td>
            <td className="num mono">{row.params === null ? '?' : formatCount(row.params)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={2}>Total trainable parameters{summary.complete ? '' : ' (so far)'}</td>
          <td className="num mono" data-testid="model-total-params">
            {formatCount(summary.total)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
