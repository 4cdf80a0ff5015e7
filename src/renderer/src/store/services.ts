/**
 * The app's long-lived connections between stores (engine sync, run recorder, live charts, the
 * image views' model version): which are running, and how to stop each. Each connection is a
 * function `connect(): stop` with no state of its own outside its store; this store makes
 * "started once" explicit instead of a module-level flag per file, and lets tests stop them all.
 */
import { create } from 'zustand';

export type ServiceName = 'engineSync' | 'runRecorder' | 'live' | 'modelVersion' | 'chosenSample';

export interface Services {
  /** The stop function of each running service. */
  running: Partial<Record<ServiceName, () => void>>;
  /** Starts `name` with `connect` unless it runs already (idempotent: panels mount and unmount). */
  start(name: ServiceName, connect: () => () => void): void;
  stop(name: ServiceName): void;
  stopAll(): void;
}

export const useServices = create<Services>()((set, get) => ({
  running: {},
  start(name, connect) {
    if (get().running[name]) return;
    const stop = connect();
    set({ running: { ...get().running, [name]: stop } });
  },
  stop(name) {
    const { [name]: stop, ...rest } = get().running;
    stop?.();
    set({ running: rest });
  },
  stopAll() {
    for (const stop of Object.values(get().running)) stop?.();
    set({ running: {} });
  },
}));
