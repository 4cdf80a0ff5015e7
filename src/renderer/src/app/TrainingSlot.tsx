/** Where the training panels (src/renderer/src/training) mount, below the canvas. */
import { TrainingPanel } from '../training';

export function TrainingSlot() {
  return (
    <div className="training-slot__content" data-testid="training-slot">
      <TrainingPanel />
    </div>
  );
}
