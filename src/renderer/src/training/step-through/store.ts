/**
 * The step-through's state: the traced step (from the engine), the stage shown, what the pointer
 * is on, the sample and the notation. Next/Back only move through stages the engine already
 * computed; nothing is recomputed here.
 */
import { create } from 'zustand';
import type { StepTrace } from '../../../../shared/protocol-trace';
import { useTrainingStore } from '../../engine-client';
import { ensureLoaded } from '../engine-sync';
import { useTrainingView } from '../live';
import type { Focus, Notation } from './notation';

export interface StepThroughState {
  trace: StepTrace | null;
  /** 0 … stages.length (the last position is "done"). */
  index: number;
  sample: number;
  /** Rows of the mini-batch (training rows sample … sample + rows − 1), and the one the formulas show. */
  rows: number;
  row: number;
  notation: Notation;
  focus: Focus | null;
  busy: boolean;
  error: string | null;
  set(patch: Partial<Pick<StepThroughState, 'focus' | 'notation' | 'row'>>): void;
}

export const useStepThrough = create<StepThroughState>()((set) => ({
  trace: null,
  index: 0,
  sample: 0,
  rows: 1,
  row: 0,
  notation: 'deck000',
  focus: null,
  busy: false,
  error: null,
  set: (patch) => set(patch),
}));

let following = false;

/** A newly loaded project (or a changed graph) makes the traced step stale: drop it. */
function followLoads(): void {
  if (following) return;
  following = true;
  useTrainingStore.subscribe((s, prev) => {
    if (s.summary !== prev.summary && useStepThrough.getState().trace) useStepThrough.setState({ trace: null, index: 0, focus: null, error: null });
  });
}

/** Enters the mode: traces one step on `rows` training rows from `sample`, from the current weights, and shows its first stage. */
export async function startStepThrough(sample = useStepThrough.getState().sample, rows = useStepThrough.getState().rows): Promise<void> {
  followLoads();
  useTrainingView.getState().set({ tab: 'step' });
  useStepThrough.setState({ busy: true, error: null, sample, rows, row: 0 });
  try {
    await ensureLoaded();
    if (!useTrainingStore.getState().summary) throw new Error('The project is not loaded: fix the graph first.');
    const trace = await useTrainingStore.getState().trace(sample, rows);
    useStepThrough.setState({ trace, index: 0, focus: null, busy: false });
  } catch (e) {
    useStepThrough.setState({ trace: null, busy: false, error: e instanceof Error ? e.message : String(e) });
  }
}

export function moveStage(delta: 1 | -1): void {
  const { trace, index } = useStepThrough.getState();
  if (!trace) return;
  const next = Math.max(0, Math.min(trace.stages.length, index + delta));
  if (next !== index) useStepThrough.setState({ index: next, focus: null });
}
