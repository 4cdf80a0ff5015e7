/**
 * The runs kept in the project: pick runs to overlay their loss curves on the loss chart, see
 * which settings differ between them, delete runs, and choose whether new runs keep weights.
 */
import { useMemo } from 'react';
import type { RunRecord } from '../../../../shared/project-types';
import { useProjectStore } from '../../store';
import { seriesColor } from '../charts/chart-setup';
import { LossChart } from '../charts/TrainingCharts';
import { formatValue } from '../format';
import { useTrainingView } from '../live';
import { deleteRun } from '../run-recorder';
import { settingsDiff } from '../runs';
import { FileSize } from './FileSize';

const STATUS: Record<string, string> = { finished: 'finished', stoppedEarly: 'stopped early', stopped: 'stopped', diverged: 'diverged' };

function summaryOf(run: RunRecord): string {
  const last = run.epochs[run.epochs.length - 1];
  if (!last) return 'no finished epoch';
  const parts = [`${last.epoch} epochs`, `loss ${formatValue(last.loss)}`];
  if (last.valLoss !== undefined) parts.push(`val ${formatValue(last.valLoss)}`);
  if (last.valAccuracy !== undefined) parts.push(`val acc ${formatValue(last.valAccuracy)}`);
  else if (last.accuracy !== undefined) parts.push(`acc ${formatValue(last.accuracy)}`);
  if (last.valR2 !== undefined) parts.push(`val R² ${formatValue(last.valR2)}`);
  if (run.test?.accuracy !== undefined) parts.push(`test acc ${formatValue(run.test.accuracy)}`);
  else if (run.test) parts.push(`test loss ${formatValue(run.test.loss)}`);
  return parts.join(' · ');
}

export function RunsPanel() {
  const runs = useProjectStore((s) => s.project.runs);
  const overlay = useTrainingView((s) => s.overlayRuns);
  const keepWeights = useTrainingView((s) => s.keepWeights);
  const set = useTrainingView((s) => s.set);
  const list = useMemo(() => [...(runs ?? [])].reverse(), [runs]);
  const chosen = useMemo(() => (runs ?? []).filter((r) => overlay.includes(r.id)), [runs, overlay]);
  const diff = useMemo(() => settingsDiff(chosen), [chosen]);
  const toggle = (id: string) => set({ overlayRuns: overlay.includes(id) ? overlay.filter((r) => r !== id) : [...overlay, id] });
  return (
    <div className="bp-runs" data-testid="runs">
      <div className="bp-row">
        <label className="bp-check">
          <input type="checkbox" checked={keepWeights} onChange={(e) => set({ keepWeights: e.target.checked })} /> keep the final weights with each new run (larger project file)
        </label>
      </div>
      <FileSize />
      {list.length === 0 ? (
        <div className="bp-empty">Every training run is kept here, in the project file. Train to record the first one.</div>
      ) : (
        <div className="bp-runs-grid">
          <ul className="bp-run-list">
            {list.map((run) => {
              const index = (runs ?? []).indexOf(run);
              return (
                <li key={run.id} data-testid={`run-${run.id}`}>
                  <label className="bp-check">
                    <input type="checkbox" checked={overlay.includes(run.id)} onChange={() => toggle(run.id)} />
                    <i className="bp-swatch" style={{ background: seriesColor(index + 2) }} />
                    <strong>{run.id}</strong>
                  </label>
                  <span className="bp-hint">
                    {new Date(run.startedAt).toLocaleString()} · {STATUS[run.status ?? ''] ?? 'ended'}
                    {run.weights ? ' · weights kept' : ''}
                  </span>
                  <div>{summaryOf(run)}</div>
                  {run.architecture && <div className="bp-hint">{run.architecture}</div>}
                  {run.note && <div className="bp-hint">{run.note}</div>}
                  <button type="button" className="bp-link" onClick={() => deleteRun(run.id)} title="Remove this run from the project">
                    delete
                  </button>
                </li>
              );
            })}
          </ul>
          <div>
            <LossChart />
            {chosen.length >= 2 && (
              <table className="bp-table" data-testid="run-diff">
                <thead>
                  <tr>
                    <th>setting</th>
                    {chosen.map((r) => (
                      <th key={r.id}>{r.id}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {diff.length === 0 ? (
                    <tr>
                      <td colSpan={chosen.length + 1}>The settings are the same.</td>
                    </tr>
                  ) : (
                    diff.map((d) => (
                      <tr key={d.path}>
                        <td>{d.path}</td>
                        {d.values.map((v, i) => (
                          <td key={i}>{v}</td>
                        ))}
                      </tr>
                    ))
                  )}
                </tbody>
              </table>
            )}
            {chosen.length < 2 && <div className="bp-hint">Tick runs to overlay their loss curves; with two or more, the settings that differ are listed here.</div>}
          </div>
        </div>
      )}
    </div>
  );
}
