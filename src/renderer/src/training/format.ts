/** Text for the status line: durations, rates, ETA, numbers. Pure, so tests can pin the wording. */
import type { TrainingState, TrainingStatus } from '../../../shared/protocol';
import { lastStepPosition } from '../../../shared/run-position';

/** Runs that reached their end: no step of an epoch under way to show. */
const ENDED = new Set<TrainingStatus>(['finished', 'stoppedEarly']);

/** 0.4 s, 7.2 s, 1:05, 1:02:03; "—" for unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 9950) return `${(ms / 1000).toFixed(1)} s`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** 950 samples/s, 12.3k samples/s, 1.2M samples/s. */
export function formatRate(samplesPerSecond: number): string {
  if (!Number.isFinite(samplesPerSecond) || samplesPerSecond <= 0) return '— samples/s';
  return `${formatCompact(samplesPerSecond)} samples/s`;
}

/** 950, 12.3k, 1.2M (three significant digits at most). */
export function formatCompact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e3) return `${trim(v / 1e3)}k`;
  return a >= 100 ? String(Math.round(v)) : trim(v);
}

function trim(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/** A metric value: 4 significant digits, exponent form for very small/large values. */
export function formatValue(v: number | undefined | null): string {
  if (v === undefined || v === null) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** Fraction of the configured run done, in [0, 1]. */
export function progressFraction(s: TrainingState): number {
  if (s.untilStopped) return 0;
  const total = s.totalEpochs * s.stepsPerEpoch;
  if (total <= 0) return 0;
  return Math.min(1, s.globalStep / total);
}

/** Time left at the current pace (elapsed per step so far), or null before there is a pace. */
export function etaMs(s: TrainingState): number | null {
  if (s.untilStopped) return null;
  const total = s.totalEpochs * s.stepsPerEpoch;
  if (s.globalStep <= 0 || s.elapsedMs <= 0 || total <= 0) return null;
  const left = Math.max(0, total - s.globalStep);
  return (s.elapsedMs / s.globalStep) * left;
}

const STATUS_WORDS: Record<TrainingStatus, string> = {
  idle: 'Ready',
  training: 'Training',
  paused: 'Paused',
  finished: 'Finished',
  stoppedEarly: 'Stopped early',
  stopped: 'Stopped',
  diverged: 'Diverged',
};

export function statusWord(status: TrainingStatus): string {
  return STATUS_WORDS[status];
}

/**
 * "Training · epoch 12/60 · step 10/40 · 8.4k samples/s · 0:07 elapsed · ETA 0:31". Epoch and
 * step count 1-based and name the last step taken (`lastStepPosition`), as the divergence
 * message does; a run that ended (finished, stopped early) shows its epochs without steps;
 * before any step, "epoch 0/60".
 */
export function statusLine(s: TrainingState): string {
  const parts = [statusWord(s.status)];
  const at = lastStepPosition(s.epoch, s.stepInEpoch, s.stepsPerEpoch);
  const epochOf = (n: number) => (s.untilStopped ? `epoch ${n} (until stopped)` : `epoch ${n}/${s.totalEpochs}`);
  if (!at) parts.push(epochOf(0));
  else if (ENDED.has(s.status)) parts.push(epochOf(at.epoch));
  else parts.push(epochOf(at.epoch), `step ${at.step}/${s.stepsPerEpoch}`);
  if (s.status === 'training') parts.push(formatRate(s.samplesPerSecond));
  if (at) parts.push(`${formatDuration(s.elapsedMs)} elapsed`); // nothing has run before the first step
  if ((s.status === 'training' || s.status === 'paused') && !s.untilStopped) parts.push(`ETA ${formatDuration(etaMs(s))}`);
  return parts.join(' · ');
}
