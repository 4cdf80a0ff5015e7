/**
 * Compile-time checks of EngineClient.ask (run by test/typecheck.test.ts through
 * tsconfig.web.json): the answer's type follows from the request's type, never from the caller.
 * Each `@ts-expect-error` line must fail to compile; the other lines are the controls.
 */
import type { EngineClient } from '../../src/renderer/src/engine-client/client';

declare const client: EngineClient;

export async function answersFollowTheRequest(): Promise<void> {
  const prediction = await client.ask({ type: 'predict', x: new Float32Array(4), rows: 1 });
  void prediction.cols;
  // @ts-expect-error a 'predict' is answered with a prediction, which has no weights
  void prediction.weights;
  // @ts-expect-error the caller cannot choose the answer's type
  await client.ask<'getWeights'>({ type: 'predict', x: new Float32Array(4), rows: 1 });
  // @ts-expect-error 'predict' needs its rows
  await client.ask({ type: 'predict', x: new Float32Array(4) });
  // @ts-expect-error 'load' goes through client.load (it is resent after an engine restart)
  await client.ask({ type: 'load', project: {} as never });
  // @ts-expect-error not a request of the protocol
  await client.ask({ type: 'predictAll' });
}
