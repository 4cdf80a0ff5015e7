/** The engine host's 'trace' request (the step-through): answered from the live weights, the session untouched. */
import { afterEach, describe, expect, it } from 'vitest';
import type { BackwardStage } from '../../../src/shared/protocol-trace';
import { findTemplate } from '../../../src/shared/templates';
import { HostClient, startHostWith } from '../../helpers/host-client';
import { chainGraph, makeProject } from '../../helpers/projects';

let client: HostClient;
afterEach(async () => {
  await client?.close();
});

describe("engine host: 'trace'", () => {
  it("answers the lecture's step, leaves the session alone, and traces from the live weights after a step", async () => {
    ({ client } = await startHostWith(findTemplate('l000-221-network-l2-backprop')!.build()));
    client.send({ type: 'getWeights', requestId: 2 });
    const before = await client.waitFor('weights', (e) => e.requestId === 2);
    client.send({ type: 'trace', requestId: 3, sample: 0 });
    const { trace } = await client.waitFor('traced', (e) => e.requestId === 3);
    expect(trace.lossBefore).toBeCloseTo(0.126138, 6);
    expect(trace.lossAfter).toBeCloseTo(0.110457, 6);
    expect((trace.stages[4] as BackwardStage).delta[0]).toBeCloseTo(-0.021919, 6);
    client.send({ type: 'getWeights', requestId: 4 });
    expect((await client.waitFor('weights', (e) => e.requestId === 4)).weights).toEqual(before.weights);

    client.send({ type: 'step', unit: 'batch' });
    await client.waitFor('progress', (e) => e.state.globalStep === 1);
    client.send({ type: 'trace', requestId: 5, sample: 0 });
    const next = await client.waitFor('traced', (e) => e.requestId === 5);
    expect(next.trace.lossBefore).toBeCloseTo(0.110457, 6);
  });

  it('answers a network it cannot show with an error for that request', async () => {
    ({ client } = await startHostWith(makeProject(chainGraph([['x', 'input'], ['h', 'dense', { units: 3 }], ['d', 'dropout'], ['o', 'dense', { units: 1 }], ['p', 'sigmoid'], ['L', 'binaryCrossEntropy']]), { dataset: 'xor' })));
    client.send({ type: 'trace', requestId: 9, sample: 0 });
    const e = await client.waitFor('error', (m) => m.requestId === 9);
    expect(e.message).toBe("'d' is a Dropout: the step-through shows networks of Dense layers, activations and one loss");
  });
});
