/** Human-readable progress for the terminal: a redrawn bar on a TTY, periodic lines otherwise. */
import type { EpochMetrics } from '../engine/train';

export function formatMetrics(m: Partial<EpochMetrics> & { loss: number }): string {
  const parts = [`loss ${fmt(m.loss)}`];
  if (m.accuracy !== undefined) parts.push(`acc ${pct(m.accuracy)}`);
  if (m.mae !== undefined) parts.push(`mae ${fmt(m.mae)}`);
  if (m.r2 !== undefined) parts.push(`R² ${m.r2.toFixed(3)}`);
  if (m.valLoss !== undefined) parts.push(`val loss ${fmt(m.valLoss)}`);
  if (m.valAccuracy !== undefined) parts.push(`val acc ${pct(m.valAccuracy)}`);
  if (m.valR2 !== undefined) parts.push(`val R² ${m.valR2.toFixed(3)}`);
  return parts.join('  ');
}

export class ProgressBar {
  private lastDraw = 0;
  private lastLine = 0;
  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  update(m: EpochMetrics): void {
    const now = Date.now();
    const last = m.epoch >= this.total;
    if (this.out.isTTY) {
      if (!last && now - this.lastDraw < 50) return;
      this.lastDraw = now;
      const width = 28;
      const filled = Math.round((width * m.epoch) / this.total);
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      this.out.write(`\r${bar} epoch ${m.epoch}/${this.total}  ${formatMetrics(m)}\x1b[K`);
      return;
    }
    // Not a terminal (CI logs, pipes): about ten lines per run.
    if (last || m.epoch === 1 || m.epoch - this.lastLine >= Math.ceil(this.total / 10)) {
      this.lastLine = m.epoch;
      this.out.write(`epoch ${m.epoch}/${this.total}  ${formatMetrics(m)}\n`);
    }
  }

  finish(): void {
    if (this.out.isTTY) this.out.write('\n');
  }
}

function fmt(x: number): string {
  return Math.abs(x) >= 1000 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : x.toFixed(4);
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
