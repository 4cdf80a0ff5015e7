/** Batch size with the three lecture presets: stochastic (1), mini-batch (32) and full batch. */
import { useProjectStore } from '../store/project-store';
import { csvRowCount } from '../store/csv-info';
import { trainingRows } from './dataset-size';
import { NumberField } from './fields';
import { fieldError } from './messages';

export function BatchSizeField() {
  const batchSize = useProjectStore((s) => s.project.training.batchSize);
  const data = useProjectStore((s) => s.project.data);
  const csv = useProjectStore((s) => s.csv);
  const csvRows = csv ? csvRowCount(csv) : null;
  const full = trainingRows(data, csvRows);
  const set = (value: number) => fieldError('Batch size', useProjectStore.getState().setTraining({ batchSize: value }));
  const kind = batchSize === 1 ? 'stochastic (online)' : full !== null && batchSize >= full ? 'full batch' : 'mini-batch';
  const presets = [
    { label: '1 — stochastic', value: 1 },
    { label: '32 — mini-batch', value: 32 },
    ...(full !== null ? [{ label: `Full batch (${full})`, value: full }] : []),
  ];
  return (
    <div className="batch-size">
      <NumberField label="Batch size" value={batchSize} onCommit={set} hint={`Samples per update: ${kind}.`} testId="batch-size" />
      <div className="preset-row" role="group" aria-label="Batch size presets">
        {presets.map((p) => (
          <button key={p.label} type="button" className={`chip-button${batchSize === p.value ? ' is-active' : ''}`} onClick={() => set(p.value)} data-testid={`batch-preset-${p.value === 1 ? 'stochastic' : p.value === 32 ? 'mini' : 'full'}`}>
            {p.label}
          </button>
        ))}
      </div>
    </div>
  );
}
