// What the optimisers refuse, and the names of their state buffers (saved in .bprop files as
// PyTorch's state_dict names them: a wrong name makes a saved run unreadable).
import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../../../src/engine/optim';
import type { Param, StateBuffer } from '../../../src/engine/tensor';
import type { OptimizerConfig } from '../../../src/shared/project-types';

function param(name = 'kernel', values = [1, -2, 0]): Param {
  return { nodeId: 'd', name, shape: [values.length], data: Float32Array.from(values), grad: new Float32Array(values.length), trainable: true, decay: true };
}

describe('optimiser state buffers are named as PyTorch names them', () => {
  const cases: [OptimizerConfig, string[]][] = [
    [{ type: 'sgd', learningRate: 0.1 }, []],
    [{ type: 'sgd', learningRate: 0.1, momentum: 0.9 }, ['momentumBuffer']],
    [{ type: 'adam', learningRate: 0.1 }, ['expAvg', 'expAvgSq']],
    [{ type: 'rmsprop', learningRate: 0.1 }, ['squareAvg']],
    [{ type: 'rmsprop', learningRate: 0.1, momentum: 0 }, ['squareAvg']],
    [{ type: 'rmsprop', learningRate: 0.1, momentum: 0.5 }, ['squareAvg', 'momentumBuffer']],
    [{ type: 'adagrad', learningRate: 0.1 }, ['sum']],
  ];
  it.each(cases)('%o keeps %o, one value per weight each', (cfg, names) => {
    const opt = createOptimizer(cfg, [param(), param('bias', [0.5])]);
    expect(opt.slotNames).toEqual(names);
    const state = opt.getState();
    expect(state.slots.map((s) => s.length)).toEqual(names.map(() => 4));
  });
});

describe('optimiser guards', () => {
  it('refuses a buffer (running statistics) in its list of params, naming it', () => {
    const buffer: StateBuffer = { nodeId: 'bn', name: 'runningMean', shape: [2], data: new Float32Array(2), trainable: false };
    expect(() => createOptimizer({ type: 'sgd', learningRate: 0.1 }, [param(), buffer as unknown as Param])).toThrow(
      'optimizer: bn.runningMean is a buffer, not a trainable param',
    );
  });

  it('refuses a param whose gradient has another length, naming it', () => {
    const p = { ...param(), grad: new Float32Array(2) };
    expect(() => createOptimizer({ type: 'adam', learningRate: 0.1 }, [p])).toThrow('optimizer: param d.kernel has 3 values but 2 gradients');
  });

  const adam = () => createOptimizer({ type: 'adam', learningRate: 0.1 }, [param()]);
  const good = () => ({ step: 2, slots: [Float32Array.of(1, 2, 3), Float32Array.of(4, 5, 6)] });

  it('setState takes a state of the right form: the step count and every slot, copied in', () => {
    const opt = adam();
    opt.setState(good());
    const back = opt.getState();
    expect(back.step).toBe(2);
    expect(back.slots.map((s) => [...s])).toEqual([[1, 2, 3], [4, 5, 6]]);
    opt.setState({ ...good(), step: 0 }); // a saved state before any step is valid
    expect(opt.getState().step).toBe(0);
  });

  it('setState refuses a wrong number of slots, a slot of the wrong length, a step that is not a whole number ≥ 0, and changes nothing', () => {
    const opt = adam();
    opt.setState(good());
    expect(() => opt.setState({ step: 2, slots: [Float32Array.of(1, 2, 3)] })).toThrow('optimizer: the state has 1 slots, adam here keeps 2');
    expect(() => opt.setState({ step: 2, slots: [Float32Array.of(1, 2, 3), Float32Array.of(4, 5)] })).toThrow(
      'optimizer: slot expAvgSq holds 2 values, the params need 3',
    );
    expect(() => opt.setState({ ...good(), step: -1 })).toThrow('optimizer: step must be a whole number ≥ 0 (got -1)');
    expect(() => opt.setState({ ...good(), step: 1.5 })).toThrow('optimizer: step must be a whole number ≥ 0 (got 1.5)');
    const kept = opt.getState();
    expect(kept.step).toBe(2);
    expect(kept.slots.map((s) => [...s])).toEqual([[1, 2, 3], [4, 5, 6]]);
  });
});
