/** Answer goals' engine values: which request each quantity makes and how failures become reasons. */
import { describe, expect, it } from 'vitest';
import { answerReference } from '../../src/renderer/src/lesson/answer-reference';
import type { GradientCheckResult } from '../../src/shared/protocol-gradcheck';

function fakeEngine(over: Partial<Record<'gradientCheck' | 'evaluate' | 'predict', unknown>> = {}) {
  const calls: unknown[][] = [];
  const engine = {
    gradientCheck: async (...args: unknown[]) => {
      calls.push(['gradientCheck', ...args]);
      if (over.gradientCheck instanceof Error) throw over.gradientCheck;
      return (over.gradientCheck ?? {
        nodeId: 'o', param: 'kernel', shape: [4, 1], rows: 4, loss: 0.7, epsilon: 0.01, maxRelativeError: 0,
        entries: [0, 1, 2, 3].map((index) => ({ index, position: [index, 0], backprop: index / 10, numeric: index / 10, relativeError: 0 })),
      }) as GradientCheckResult;
    },
    evaluate: async (...args: unknown[]) => (calls.push(['evaluate', ...args]), { metrics: { loss: 0.25 } }) as never,
    predict: async (...args: unknown[]) => (calls.push(['predict', ...args]), { outputs: Float32Array.from([0.2, 0.8]), rows: 1, cols: 2 }) as never,
  };
  return { engine, calls };
}

describe('answerReference', () => {
  it('a gradient is backprop\'s value at the flat index, asking for every weight of a small tensor', async () => {
    const { engine, calls } = fakeEngine();
    expect(await answerReference(engine, { kind: 'gradient', node: 'o', param: 'kernel', index: 2 })).toEqual({ value: 0.2 });
    expect(calls).toEqual([['gradientCheck', 'o', 'kernel', 0.01, 32]]);
  });

  it('refuses an index past the tensor, or one the check did not cover', async () => {
    const { engine } = fakeEngine();
    expect(await answerReference(engine, { kind: 'gradient', node: 'o', param: 'kernel', index: 4 })).toEqual({ error: "kernel of 'o' has 4 values: there is no index 4" });
    const big = fakeEngine({ gradientCheck: { nodeId: 'h', param: 'kernel', shape: [64, 10], rows: 32, loss: 1, epsilon: 0.01, maxRelativeError: 0, entries: [{ index: 3, position: [0, 3], backprop: 1, numeric: 1, relativeError: 0 }] } });
    expect(await answerReference(big.engine, { kind: 'gradient', node: 'h', param: 'kernel', index: 5 })).toMatchObject({ error: expect.stringContaining('kernel[5] is not among them') });
  });

  it('a loss comes from an evaluation of the split; an output from a prediction of the raw input', async () => {
    const { engine, calls } = fakeEngine();
    expect(await answerReference(engine, { kind: 'loss', split: 'validation' })).toEqual({ value: 0.25 });
    expect(await answerReference(engine, { kind: 'output', input: [1, 0], index: 1 })).toEqual({ value: Math.fround(0.8) });
    expect(calls[0]).toEqual(['evaluate', 'validation', 0]);
    expect(calls[1]![0]).toBe('predict');
    expect(Array.from(calls[1]![1] as Float32Array)).toEqual([1, 0]);
    expect(await answerReference(engine, { kind: 'output', input: [1, 0], index: 2 })).toEqual({ error: 'the network has 2 outputs: there is no output 2' });
  });

  it('an engine error becomes the reason the goal cannot be checked', async () => {
    const { engine } = fakeEngine({ gradientCheck: new Error("node 'q' has no parameter 'bias'") });
    expect(await answerReference(engine, { kind: 'gradient', node: 'q', param: 'bias', index: 0 })).toEqual({ error: "node 'q' has no parameter 'bias'" });
  });
});
