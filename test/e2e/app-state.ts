/** What e2e tests read of the running app's engine state, and how they wait for it. */
import { findTemplate } from '../../src/shared/templates';
import type { App } from './harness';

export interface Snapshot {
  summary: { test: number; validation: number; layers: { id: string }[] } | null;
  training: { status: string; epoch: number; globalStep: number; stepInEpoch: number; learningRate: number } | null;
  testMetrics: { accuracy?: number; loss: number } | null;
  divergence: { message: string; nodeId: string | null } | null;
  lastError: string | null;
}
export type BpWindow = { __bpTest?: { queueOpenFile(name: string, text: string): void; training?: () => Snapshot } };

/** The training store's state in the page (only the serialisable parts tests look at). */
export const snapshot = (app: App): Promise<Snapshot> =>
  app.page.evaluate(() => {
    const s = (globalThis as unknown as BpWindow).__bpTest!.training!();
    return JSON.parse(JSON.stringify({ summary: s.summary, training: s.training, testMetrics: s.testMetrics, divergence: s.divergence, lastError: s.lastError })) as Snapshot;
  });

export async function until(app: App, what: string, pred: (s: Snapshot) => boolean, timeoutMs = 60_000): Promise<Snapshot> {
  const start = Date.now();
  for (;;) {
    const s = await snapshot(app);
    if (pred(s)) return s;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; last state ${JSON.stringify(s.training)} error ${s.lastError}`);
    await app.page.waitForTimeout(50);
  }
}

/** Runs are recorded into the project, so it has unsaved changes: accept discarding them. */
export async function discardIfAsked(app: App): Promise<void> {
  const ok = app.page.getByTestId('confirm-ok');
  await ok.waitFor({ timeout: 1500 }).then(
    () => ok.click(),
    () => undefined,
  );
}

/** New ▾ → a template, discarding unsaved changes, until the engine has loaded it. */
export async function newFromTemplate(app: App, id: string): Promise<void> {
  await app.page.getByTestId('new-project').click();
  await app.page.getByTestId(`template-${id}`).click();
  await discardIfAsked(app);
  // The engine may still answer for the previous project for a moment: wait for this one's layers.
  const nodeIds = new Set(findTemplate(id)?.build().graph.nodes.map((n) => n.id) ?? []);
  await until(app, `${id} to load`, (s) => s.summary !== null && s.training?.globalStep === 0 && (nodeIds.size === 0 || s.summary.layers.every((l) => nodeIds.has(l.id))));
}
