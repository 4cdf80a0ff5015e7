// @vitest-environment jsdom
/** Pure helpers of the training panel: status text, smoothing, CSV, colours, histograms, series, scheduling. */
import { describe, expect, it } from 'vitest';
import type { TrainingState } from '../../src/shared/protocol';
import { etaMs, formatCompact, formatDuration, formatRate, formatValue, progressFraction, statusLine } from '../../src/renderer/src/training/format';
import { Ema, ema } from '../../src/renderer/src/training/smoothing';
import { fileStem, seriesToCsv } from '../../src/renderer/src/training/csv-export';
import { classColor, diverging, maxAbs, MIDDLE, NAN_COLOR, NEGATIVE, paintClasses, paintDiverging, POSITIVE } from '../../src/renderer/src/training/colormap';
import { histogram } from '../../src/renderer/src/training/histogram';
import { PointSeries } from '../../src/renderer/src/training/series';
import { whyNoNetworkDrawing } from '../../src/renderer/src/training/boundary/network-layout';
import { createFrameScheduler } from '../../src/renderer/src/training/charts/frame-scheduler';

const state = (over: Partial<TrainingState> = {}): TrainingState => ({
  status: 'training',
  epoch: 12,
  totalEpochs: 60,
  stepInEpoch: 10,
  stepsPerEpoch: 40,
  globalStep: 490,
  learningRate: 0.03,
  samplesPerSecond: 8400,
  elapsedMs: 7000,
  ...over,
});

describe('status formatting', () => {
  it('formats durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0.0 s');
    expect(formatDuration(7_400)).toBe('7.4 s');
    expect(formatDuration(12_400)).toBe('0:12');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(NaN)).toBe('—');
  });

  it('formats samples per second compactly', () => {
    expect(formatRate(950)).toBe('950 samples/s');
    expect(formatRate(8400)).toBe('8.4k samples/s');
    expect(formatRate(12_345)).toBe('12.3k samples/s');
    expect(formatRate(1_234_567)).toBe('1.23M samples/s');
    expect(formatRate(0)).toBe('— samples/s');
    expect(formatCompact(42.123)).toBe('42.1');
  });

  it('estimates the time left from the pace so far', () => {
    // 490 of 2400 steps in 7 s: 1910 steps left at 7/490 s each.
    expect(etaMs(state())).toBeCloseTo((7000 / 490) * 1910, 6);
    expect(etaMs(state({ globalStep: 0 }))).toBeNull();
    expect(etaMs(state({ globalStep: 2400 }))).toBe(0);
    expect(progressFraction(state())).toBeCloseTo(490 / 2400, 10);
    expect(progressFraction(state({ globalStep: 9999 }))).toBe(1);
  });

  it('writes the status line with epoch, step, rate, elapsed and ETA', () => {
    // 12 epochs done, 10 steps into the 13th: the last step taken is epoch 13, step 10 (1-based).
    expect(statusLine(state())).toBe('Training · epoch 13/60 · step 10/40 · 8.4k samples/s · 7.0 s elapsed · ETA 0:27');
    expect(statusLine(state({ status: 'finished', epoch: 60, stepInEpoch: 0, globalStep: 2400 }))).toBe('Finished · epoch 60/60 · 7.0 s elapsed');
    expect(statusLine(state({ status: 'paused' }))).toMatch(/^Paused · epoch 13\/60 · step 10\/40 · 7.0 s elapsed · ETA 0:27$/);
  });

  it('formats metric values', () => {
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(2.302585)).toBe('2.303');
    expect(formatValue(0.0000123)).toBe('1.23e-5');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(Infinity)).toBe('∞');
    expect(formatValue(undefined)).toBe('—');
  });
});

describe('smoothing', () => {
  it('weight 0 is the raw series; the EMA is debiased so it starts at the first value', () => {
    expect(Array.from(ema([3, 1, 2], 0))).toEqual([3, 1, 2]);
    const s = ema([2, 2, 2, 2], 0.9);
    for (const v of s) expect(v).toBeCloseTo(2, 12); // a constant stays constant (no pull towards 0)
  });

  it('matches the TensorBoard formula', () => {
    const w = 0.6;
    const xs = [1, 0, 4, 2];
    let acc = 0;
    const expected = xs.map((x, i) => {
      acc = w * acc + (1 - w) * x;
      return acc / (1 - w ** (i + 1));
    });
    const got = ema(xs, w);
    expected.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 12));
  });

  it('lets NaN through without poisoning later values', () => {
    const e = new Ema(0.5);
    e.next(1);
    expect(e.next(NaN)).toBeNaN();
    expect(e.next(1)).toBeCloseTo(1, 12);
  });
});

describe('CSV export', () => {
  it('joins series on x, leaves missing cells empty and writes non-finite values', () => {
    const csv = seriesToCsv('epoch', [
      { name: 'train loss', points: [{ x: 1, y: 0.5 }, { x: 2, y: 0.25 }, { x: 3, y: NaN }] },
      { name: 'validation, loss', points: [{ x: 2, y: 0.3 }, { x: 3, y: Infinity }] },
    ]);
    expect(csv).toBe('epoch,train loss,"validation, loss"\n1,0.5,\n2,0.25,0.3\n3,NaN,Infinity\n');
  });

  it('makes file names from titles', () => {
    expect(fileStem('Loss per epoch')).toBe('loss-per-epoch');
    expect(fileStem('Gradient norm (‖∂L/∂W‖)')).toBe('gradient-norm-l-w');
    expect(fileStem('‖ ‖')).toBe('chart');
  });
});

describe('colour map', () => {
  it('is orange at −1, grey at 0 and blue at +1, clamped outside', () => {
    expect(diverging(-1)).toEqual(NEGATIVE);
    expect(diverging(1)).toEqual(POSITIVE);
    expect(diverging(5)).toEqual(POSITIVE);
    expect(diverging(-5)).toEqual(NEGATIVE);
    expect(diverging(NaN)).toEqual(NAN_COLOR);
    const mid = diverging(0);
    for (let k = 0; k < 3; k++) expect(Math.abs(mid[k] - MIDDLE[k])).toBeLessThanOrEqual(2);
  });

  it('paints RGBA bytes around a centre and range', () => {
    const out = new Uint8ClampedArray(3 * 4);
    paintDiverging([0, 0.5, 1], 0, 3, 0.5, 0.5, out);
    expect(Array.from(out.subarray(0, 4))).toEqual([...NEGATIVE, 255]);
    expect(Array.from(out.subarray(8, 12))).toEqual([...POSITIVE, 255]);
  });

  it('paints several classes with the winner colour, paler when unsure', () => {
    const out = new Uint8ClampedArray(2 * 4);
    paintClasses([0.05, 0.05, 0.9, 0.34, 0.33, 0.33], 2, 3, out);
    const sure = Array.from(out.subarray(0, 3));
    const unsure = Array.from(out.subarray(4, 7));
    const dist = (a: number[], b: readonly number[]) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0);
    expect(dist(sure, classColor(2))).toBeLessThan(dist(unsure, classColor(0)));
    expect(dist(unsure, MIDDLE)).toBeLessThan(dist(sure, MIDDLE));
    expect(maxAbs([1, -3, 2, NaN], 0, 4)).toBe(3);
  });
});

describe('histogram', () => {
  it('bins values into equal-width bins, the maximum in the last one', () => {
    const h = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5);
    expect(h.edges).toEqual([0, 2, 4, 6, 8, 10]);
    expect(h.counts).toEqual([2, 2, 2, 2, 3]);
    expect(h.total).toBe(11);
    expect(h.mean).toBe(5);
    expect(h.min).toBe(0);
    expect(h.max).toBe(10);
  });

  it('counts NaN/Inf apart, reports zeros, and gives a constant input one visible bin', () => {
    const h = histogram(new Float32Array([0, 0, 0, NaN, Infinity, 0]), 4);
    expect(h.nonFinite).toBe(2);
    expect(h.total).toBe(4);
    expect(h.zeros).toBe(1);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(4);
    expect(h.edges[0]).toBe(-0.5);
    expect(histogram([NaN], 3).counts).toEqual([]);
  });
});

describe('point series and redraw scheduling', () => {
  it('keeps the same array, caps its length by thinning evenly', () => {
    const s = new PointSeries(100);
    const ref = s.points;
    for (let i = 0; i < 1000; i++) s.push(i, i * 2);
    expect(s.points).toBe(ref);
    expect(s.length).toBeLessThanOrEqual(100);
    expect(s.length).toBeGreaterThan(25);
    const xs = s.points.map((p) => p.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    s.clear();
    expect(s.points).toBe(ref);
    expect(s.length).toBe(0);
  });

  it('coalesces redraw requests: one draw per frame, no more often than the interval', () => {
    const frames: ((t: number) => void)[] = [];
    const sched = createFrameScheduler(100, (cb) => frames.push(cb), 8, () => 0);
    let draws = 0;
    const draw = () => draws++;
    for (let i = 0; i < 1000; i++) sched.request(draw); // a burst of engine messages
    expect(frames).toHaveLength(1);
    frames.shift()!(1000);
    expect(draws).toBe(1);
    sched.request(draw);
    frames.shift()!(1050); // too soon: waits for a later frame
    expect(draws).toBe(1);
    frames.shift()!(1101);
    expect(draws).toBe(2);
    expect(frames).toHaveLength(0);
  });

  it('spreads several dirty charts over frames when one frame budget is spent', () => {
    const frames: ((t: number) => void)[] = [];
    let clock = 0;
    const sched = createFrameScheduler(100, (cb) => frames.push(cb), 8, () => clock);
    const ran: string[] = [];
    const slow = (name: string) => () => {
      ran.push(name);
      clock += 6; // each chart update takes 6 ms
    };
    const [a, b, c] = [slow('a'), slow('b'), slow('c')];
    sched.request(a);
    sched.request(b);
    sched.request(c);
    frames.shift()!(0);
    expect(ran).toEqual(['a', 'b']); // 12 ms > 8 ms budget after b: c waits
    frames.shift()!(16);
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('redraws a slow chart less often: 8× its own drawing time', () => {
    const frames: ((t: number) => void)[] = [];
    let clock = 0;
    const sched = createFrameScheduler(100, (cb) => frames.push(cb), 8, () => clock);
    let runs = 0;
    const slow = () => {
      runs++;
      clock += 40; // 40 ms per draw: at most every 320 ms
    };
    sched.request(slow);
    frames.shift()!(0);
    sched.request(slow);
    for (const t of [150, 300]) frames.shift()!(t);
    expect(runs).toBe(1);
    frames.shift()!(330);
    expect(runs).toBe(2);
  });
});

describe('the network view without a drawing', () => {
  const layers = (...types: string[]) => types.map((type) => ({ type }));
  it('names the reason: convolutions, no Dense layer, or too wide', () => {
    expect(whyNoNetworkDrawing(layers('input', 'conv2d', 'maxPool2d', 'flatten', 'dense'), 64)).toMatch(/has convolutions or pooling, so its filters and feature maps are under Images/);
    expect(whyNoNetworkDrawing(layers('input', 'sigmoid', 'mse'), 64)).toBe('This network has no Dense layer to draw neuron by neuron.');
    expect(whyNoNetworkDrawing(layers('input', 'dense', 'relu', 'dense'), 64)).toMatch(/too wide .* up to 64 units and inputs/);
  });
});
