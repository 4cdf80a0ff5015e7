/** The step-through's values on a canvas node (in, a, Δ, …) while the Step through tab is open. */
import { useTrainingView } from '../live';
import { stageTextFor } from './notation';
import { useStepThrough } from './store';

export function StageValue({ nodeId }: { nodeId: string }) {
  const open = useTrainingView((s) => s.tab === 'step');
  const text = useStepThrough((s) => (open && s.trace ? stageTextFor(s.trace, s.index, nodeId, Math.min(s.row, s.trace.rows - 1)) : null));
  return text ? (
    <div className="net-node__step" data-testid={`node-step-${nodeId}`} title={text}>
      {text}
    </div>
  ) : null;
}
