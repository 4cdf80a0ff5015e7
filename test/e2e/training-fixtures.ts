/**
 * Fixtures of the training e2e test: the W2 benchmark workload (see /work/shared/bench
 * README: 10,000 random samples × 784 features, random labels 0–9, 784 → 128 ReLU → 10 softmax
 * cross-entropy, SGD 0.1, batch 32, no shuffling) as a CSV plus a project naming it, and the
 * in-page responsiveness probe (long tasks and animation frames).
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { mulberry32 } from '../../src/engine/random';

const ROWS = 10_000;
const FEATURES = 784;


/** U[0, 1) pixels with two decimals (the parse cost matters, not the precision), labels uniform 0–9. */
export function w2Csv(): { text: string; sha256: string } {
  const rng = mulberry32(1234);
  const lines = [[...Array.from({ length: FEATURES }, (_, i) => `p${i}`), 'label'].join(',')];
  const row = new Array<string>(FEATURES + 1);
  for (let r = 0; r < ROWS; r++) {
    for (let i = 0; i < FEATURES; i++) row[i] = String(Math.floor(rng() * 100) / 100);
    row[FEATURES] = String(Math.floor(rng() * 10));
    lines.push(row.join(','));
  }
  const text = `${lines.join('\n')}\n`;
  return { text, sha256: createHash('sha256').update(text).digest('hex') };
}

export function w2Project(sha256: string): string {
  const chain = ['x:input', 'h:dense', 'a:relu', 'o:dense', 'p:softmax', 'loss:crossEntropy'].map((s) => s.split(':'));
  const params: Record<string, Record<string, number>> = { h: { units: 128 }, o: { units: 10 } };
  return JSON.stringify({
    format: 'backprop-studio',
    version: 1,
    name: 'W2 mnist-mlp (random data)',
    graph: {
      nodes: chain.map(([id, type], i) => ({ id, type, position: { x: 220 * i, y: 80 }, params: params[id] ?? {} })),
      edges: chain.slice(1).map(([id], i) => ({ id: `e${i + 1}`, source: chain[i][0], sourceHandle: 'out', target: id, targetHandle: 'in' })),
    },
    data: {
      csv: 'w2.csv',
      sha256,
      features: Array.from({ length: FEATURES }, (_, i) => `p${i}`),
      target: 'label',
      task: 'classification',
      normalize: 'none',
      split: { validation: 0, test: 0 },
    },
    training: { optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 32, sampling: 'sequential', epochs: 100, seed: 42 },
  });
}

export interface Responsiveness {
  windowMs: number;
  /**
   * From a Chromium trace of the same window: the most CPU time the main thread spent in one task
   * (the trace's thread clock, `tdur`) with garbage collection taken out. On a shared box a task's
   * wall time also holds time the thread was not running; that is not work the page did.
   */
  longestTaskWorkMs?: number;
  /** Main-thread tasks over 50 ms (wall): CPU time, garbage-collection CPU time, and what ran in them. */
  tasksOver50?: TaskReport[];
  /** Main-thread tasks over 50 ms (PerformanceObserver 'longtask') in the window. */
  longTasks: number;
  longestTaskMs: number;
  /** requestAnimationFrame callbacks per second, and the longest gap between two. */
  fps: number;
  maxFrameGapMs: number;
}

/** Watches the page's main thread for `ms`: long tasks and animation frames. */
export function measureResponsiveness(page: Page, ms: number): Promise<Responsiveness> {
  return page.evaluate((windowMs) => {
    return new Promise<Responsiveness>((resolve) => {
      const tasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push(e.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      let frames = 0;
      let maxGap = 0;
      let last = performance.now();
      const start = last;
      const tick = (t: number) => {
        frames++;
        maxGap = Math.max(maxGap, t - last);
        last = t;
        if (t - start < windowMs) requestAnimationFrame(tick);
        else {
          observer.disconnect();
          const elapsed = t - start;
          resolve({
            windowMs: Math.round(elapsed),
            longTasks: tasks.length,
            longestTaskMs: Math.round(Math.max(0, ...tasks)),
            fps: Math.round((frames / elapsed) * 1000 * 10) / 10,
            maxFrameGapMs: Math.round(maxGap),
          });
        }
      };
      requestAnimationFrame(tick);
    });
  }, ms);
}

export interface TaskReport {
  ms: number;
  cpuMs: number;
  gcMs: number;
  workMs: number;
  parts: string;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, in µs. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; lineNumber?: number; type?: string } };
}

function functionOf(e: TraceEvent): string {
  const d = e.args?.data;
  if (d?.functionName) return `(${d.functionName} ${String(d.url ?? '').split('/').pop()}:${d.lineNumber ?? ''})`;
  return d?.type ? `(${d.type})` : '';
}

/** Top-level tasks of the renderer's main thread over 50 ms, with the V8 GC time nested in each. */
const GC_EVENT = /^(MajorGC|MinorGC|V8\.GC|Major concurrent marking)/;

/** Top-level tasks of the renderer's main thread over 50 ms: wall time, CPU time and the GC CPU time in each. */
export function longTasksFromTrace(events: TraceEvent[]): TaskReport[] {
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && (e.dur ?? 0) > 50_000);
  const gcs = onMain.filter((e) => GC_EVENT.test(e.name));
  const within = (e: TraceEvent, outer: TraceEvent) => e !== outer && e.ts >= outer.ts && e.ts + (e.dur ?? 0) <= outer.ts + (outer.dur ?? 0);
  return tasks.map((t) => {
    const inside = onMain.filter((e) => within(e, t));
    // Outermost GC events only: GC scopes nest inside each other.
    const gcInside = gcs.filter((g) => within(g, t));
    const outer = gcInside.filter((g) => !gcInside.some((h) => within(g, h)));
    const gc = outer.reduce((sum, g) => sum + (g.tdur ?? g.dur ?? 0), 0);
    const cpu = t.tdur ?? t.dur ?? 0;
    // What ran in the task (events over 3 ms of wall time), to tell the app's updates from the rest.
    const parts = inside
      .filter((e) => (e.dur ?? 0) > 3000 && !GC_EVENT.test(e.name))
      .map((e) => `${e.name}${functionOf(e)} ${Math.round((e.dur ?? 0) / 1000)}`)
      .join(', ');
    const ms = (us: number) => Math.round(us / 1000);
    return { ms: ms(t.dur ?? 0), cpuMs: ms(cpu), gcMs: ms(gc), workMs: ms(Math.max(0, cpu - gc)), parts };
  });
}

/** measureResponsiveness plus a Chromium trace of the window, to tell GC pauses from work the app did. */
export async function measureWithTrace(browser: Browser, page: Page, ms: number): Promise<Responsiveness> {
  const file = path.join(tmpdir(), `backprop-trace-${process.pid}-${Date.now()}.json`);
  await browser.startTracing(page, { path: file, categories: ['devtools.timeline', 'toplevel', 'v8'] });
  const measured = await measureResponsiveness(page, ms);
  await browser.stopTracing();
  const trace = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  rmSync(file, { force: true });
  const tasks = longTasksFromTrace(Array.isArray(trace) ? trace : trace.traceEvents);
  return { ...measured, tasksOver50: tasks, longestTaskWorkMs: Math.max(0, ...tasks.map((t) => t.workMs)) };
}
