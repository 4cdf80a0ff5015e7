// TEMPORARY dev preview file (deleted before hand-off).
import { TrainingPanel } from './index';
export function TrainingSlot() {
  return <TrainingPanel />;
}
