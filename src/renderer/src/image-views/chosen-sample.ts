/**
 * The sample the image views show (feature maps, the turn detector's output map): a split and
 * a row in it, shared by every view so the choice stays while other nodes are selected.
 */
import { create } from 'zustand';
import type { EvalSplit, ImageSamples } from '../../../shared/protocol';
import { useEffect } from 'react';
import { useTrainingStore } from '../engine-client';
import { useProjectStore } from '../store/project-store';
import { useServices } from '../store/services';
import { useEngineData, useModel } from './use-engine';

interface ChosenSample {
  /** null: the first non-empty of test, validation, training. */
  split: EvalSplit | null;
  index: number;
  choose(split: EvalSplit | null, index: number): void;
}

export const useChosenSample = create<ChosenSample>()((set) => ({
  split: null,
  index: 0,
  choose: (split, index) => set({ split, index }),
}));

/** Other data (a new project, another dataset): the choice starts over at the first sample. */
function connectResetOnNewData(): () => void {
  return useProjectStore.subscribe((s, prev) => {
    if (s.project.data !== prev.project.data) useChosenSample.getState().choose(null, 0);
  });
}

function startResetOnNewData(): void {
  useServices.getState().start('chosenSample', connectResetOnNewData);
}

export const SPLIT_LABELS: Record<EvalSplit, string> = { test: 'Test', validation: 'Validation', train: 'Training' };

/** Rows per split of the loaded data (0 before a load). */
export function useSplitSizes(): Record<EvalSplit, number> {
  const test = useTrainingStore((s) => s.summary?.test ?? 0);
  const validation = useTrainingStore((s) => s.summary?.validation ?? 0);
  const train = useTrainingStore((s) => s.summary?.train ?? 0);
  return { test, validation, train };
}

/** The split to show: the chosen one if it has rows, else the first non-empty of test, validation, training. */
export function effectiveSplit(chosen: EvalSplit | null, sizes: Record<EvalSplit, number>): EvalSplit {
  if (chosen && sizes[chosen] > 0) return chosen;
  return (['test', 'validation', 'train'] as const).find((s) => sizes[s] > 0) ?? 'train';
}

/** The chosen sample in data units (fetched from the engine once per load and choice). */
export function useSample(): { split: EvalSplit; index: number; total: number; sample: ImageSamples | null; error: string | null } {
  useEffect(startResetOnNewData, []);
  const { loaded, loadId } = useModel();
  const sizes = useSplitSizes();
  const chosen = useChosenSample();
  const split = effectiveSplit(chosen.split, sizes);
  const total = sizes[split];
  const index = Math.max(0, Math.min(chosen.index, total - 1));
  const key = loaded && total > 0 ? `${loadId}:${split}:${index}` : null;
  const { data, error } = useEngineData(key, () => useTrainingStore.getState().sampleImages(split, index, 1));
  const current = data && data.split === split && data.start === index ? data : null;
  return { split, index, total, sample: current, error };
}
