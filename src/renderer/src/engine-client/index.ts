/**
 * The app's engine: one EngineClient per window (desktop: over the MessagePort the preload
 * posts, replaced after an engine restart; web: a module Web Worker, replaced if it crashes)
 * and `useTrainingStore`, the zustand store the training panels read.
 */
import { testHook } from '../platform/test-hook';
import { EngineClient } from './client';
import { makeHistoryHooks } from './hooks';
import { createTrainingStore } from './training-store';
import { captureEnginePorts, createEngineWorker, desktopTransport, workerTransport, type EngineTransport } from './transports';

export { EngineClient } from './client';
export type { ClientEvent, ConnectionState, CsvInput, EngineCommand, Inspection, LoadResult, Prediction } from './client';
export { createTrainingStore, groupIssues } from './training-store';
export type { TrainingActions, TrainingData, TrainingStore, TrainingStoreHook } from './training-store';
export { StepLossSeries } from './step-losses';
export { makeHistoryHooks, type EpochHistory, type StepLossView } from './hooks';
export type { ClientPort, EngineTransport, TransportSink } from './transports';
export { desktopTransport, workerTransport, domClientPort } from './transports';

const hasWindow = typeof window !== 'undefined';
// The preload posts the engine's port once the page has loaded: listen from the start.
if (hasWindow && window.backprop) captureEnginePorts(window);

let override: (() => EngineClient) | null = null;

/** The transport for this environment; throws where there is no engine (e.g. jsdom). */
export function defaultTransport(): EngineTransport {
  if (hasWindow && window.backprop) return desktopTransport(window, window.backprop);
  if (typeof Worker !== 'undefined') return workerTransport(createEngineWorker);
  throw new Error('No engine is available here: neither the desktop preload nor Web Workers');
}

/** Tests (and storybook-like harnesses) can run the app's store on their own client; call before first use. */
export function setEngineClientFactory(factory: () => EngineClient): void {
  override = factory;
}

export const useTrainingStore = createTrainingStore(() => (override ? override() : new EngineClient(defaultTransport())));
export const { useEpochHistory, useStepLosses } = makeHistoryHooks(useTrainingStore);

const hook = hasWindow ? testHook() : null;
if (hook) hook.training = () => useTrainingStore.getState();

// Start the engine early where one exists (after this tick, so tests can install their own first).
if (hasWindow && (window.backprop || typeof Worker !== 'undefined')) {
  queueMicrotask(() => {
    if (!override) useTrainingStore.getState().connect();
  });
}
