import { describe, expect, it } from 'vitest';
import { WeightAverager } from '../../../src/engine/averaging';
import type { Param } from '../../../src/engine/tensor';

function param(name: string, values: number[]): Param {
  return { nodeId: 'd', name, shape: [values.length], data: Float32Array.from(values), grad: new Float32Array(values.length), trainable: true, decay: true };
}

/** Params taking the values k·[1, 2] and k·[−3] for k = 1..5, averaged after each. */
function averaged(steps = 5): { params: Param[]; avg: WeightAverager } {
  const params = [param('kernel', [0, 0]), param('bias', [0])];
  const avg = new WeightAverager(params);
  for (let k = 1; k <= steps; k++) {
    params[0].data.set([k, 2 * k]);
    params[1].data.set([-3 * k]);
    avg.update();
  }
  return { params, avg };
}

describe('WeightAverager', () => {
  it('keeps the running mean of the params', () => {
    const { params, avg } = averaged();
    avg.useAverage();
    expect([...params[0].data]).toEqual([3, 6]); // mean of 1..5 is 3
    expect([...params[1].data]).toEqual([-9]);
    expect(avg.samples).toBe(5);
  });
  it('swapping in and out restores the current values exactly', () => {
    const { params, avg } = averaged();
    params[0].data.set([0.1, Math.PI]);
    const before = [...params[0].data, ...params[1].data];
    avg.useAverage();
    avg.useAverage(); // idempotent
    avg.useCurrent();
    avg.useCurrent();
    expect([...params[0].data, ...params[1].data]).toEqual(before);
  });
  it('does not replace the param buffers', () => {
    const { params, avg } = averaged();
    const buffers = params.map((p) => p.data);
    avg.useAverage();
    avg.useCurrent();
    params.forEach((p, i) => expect(p.data).toBe(buffers[i]));
  });
  it('refuses to fold the average into itself', () => {
    const { avg } = averaged();
    avg.useAverage();
    expect(() => avg.update()).toThrow(/useCurrent/);
  });
  it('leaves the params alone before any update', () => {
    const params = [param('kernel', [4, 5])];
    const avg = new WeightAverager(params);
    avg.useAverage();
    expect([...params[0].data]).toEqual([4, 5]);
  });
  it('reset() forgets the mean and swaps the current values back', () => {
    const { params, avg } = averaged();
    avg.useAverage();
    avg.reset();
    expect([...params[0].data]).toEqual([5, 10]);
    expect(avg.samples).toBe(0);
    params[0].data.set([7, 8]);
    avg.update();
    avg.useAverage();
    expect([...params[0].data]).toEqual([7, 8]);
  });
});
