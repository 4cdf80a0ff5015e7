/**
 * How the image views ask the engine: `useModelVersion` changes whenever the loaded model may
 * look different (a load, a state change, training steps — at most every REFRESH_MS while
 * training —, or weights set by hand), and `useEngineData` fetches again for each new key while
 * keeping the last answer on screen, so views refresh without flicker and never pile up requests.
 */
import { useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import { useTrainingStore } from '../engine-client';
import { useServices } from '../store/services';

export const REFRESH_MS = 500;

interface ModelVersion {
  version: number;
  /** Changes only when a model is loaded (the data may differ): samples need fetching again then. */
  loadId: number;
  bump(): void;
}

export const useModelVersion = create<ModelVersion>()((set, get) => ({
  version: 0,
  loadId: 0,
  bump: () => set({ version: get().version + 1 }),
}));

/** Follows the training store; returns the function that stops following. */
export function connectModelVersion(): () => void {
  /** The throttle of bumps while training; one per connection. */
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = useTrainingStore.subscribe((s, prev) => {
    const bump = useModelVersion.getState().bump;
    if (s.summary !== prev.summary) useModelVersion.setState({ loadId: useModelVersion.getState().loadId + 1 });
    if (s.summary !== prev.summary || s.training?.status !== prev.training?.status) {
      if (timer) clearTimeout(timer);
      timer = null;
      return bump();
    }
    if ((s.training?.globalStep ?? 0) === (prev.training?.globalStep ?? 0)) return;
    if (s.training?.status !== 'training') return bump();
    timer ??= setTimeout(() => {
      timer = null;
      bump();
    }, REFRESH_MS);
  });
  return () => {
    stop();
    if (timer) clearTimeout(timer);
  };
}

/** Starts following once (idempotent: every image view asks). */
export function startModelVersion(): void {
  useServices.getState().start('modelVersion', connectModelVersion);
}

/** The model's version (see above), and whether the engine holds a compiled model. */
export function useModel(): { version: number; loadId: number; loaded: boolean; layerIds: ReadonlySet<string> } {
  useEffect(startModelVersion, []);
  const version = useModelVersion((s) => s.version);
  const loadId = useModelVersion((s) => s.loadId);
  const summary = useTrainingStore((s) => s.summary);
  const ids = useRef<{ summary: unknown; ids: ReadonlySet<string> }>({ summary: null, ids: new Set() });
  if (ids.current.summary !== summary) ids.current = { summary, ids: new Set(summary?.layers.map((l) => l.id) ?? []) };
  return { version, loadId, loaded: summary !== null, layerIds: ids.current.ids };
}

export interface EngineData<T> {
  data: T | null;
  error: string | null;
}

/**
 * Runs `fetch` whenever `key` changes (null: nothing to fetch, and the data is cleared). Answers
 * to older keys are dropped; while a new answer is on its way the previous data stays.
 */
export function useEngineData<T>(key: string | null, fetch: () => Promise<T>): EngineData<T> {
  const [state, setState] = useState<EngineData<T>>({ data: null, error: null });
  const latest = useRef(fetch);
  latest.current = fetch;
  useEffect(() => {
    if (key === null) {
      setState({ data: null, error: null });
      return;
    }
    let current = true;
    latest
      .current()
      .then((data) => current && setState({ data, error: null }))
      .catch((e: unknown) => current && setState((s) => ({ data: s.data, error: e instanceof Error ? e.message : String(e) })));
    return () => {
      current = false;
    };
  }, [key]);
  return state;
}
