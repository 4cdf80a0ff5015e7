/**
 * Compile-time checks of the engine protocol's typing (protocol.ts), run by test/typecheck.test.ts
 * (tsconfig.node.json includes this file). Each `@ts-expect-error` line must fail to compile:
 * if the protocol's types stopped catching the mistake, tsc would report the directive as
 * unused and the typecheck test would fail. The lines without the directive are the controls:
 * the correct spelling of the same thing compiles.
 */
import { Reply, type CommandHandlers, type RequestHandler, type RequestHandlers } from '../../src/shared/protocol';
import type { SerializedWeights } from '../../src/shared/project-types';

declare const handlers: RequestHandlers;
declare const weights: SerializedWeights;
const { predict: _predict, ...withoutPredict } = handlers;
const { train: _train, ...withoutTrain } = {} as CommandHandlers;

// A handler table without the 'predict' handler is not a RequestHandlers.
// @ts-expect-error Property 'predict' is missing
export const missingHandler: RequestHandlers = withoutPredict;
export const completeHandlers: RequestHandlers = { ...withoutPredict, predict: _predict };

// The same for the one-way commands.
// @ts-expect-error Property 'train' is missing
export const missingCommand: CommandHandlers = withoutTrain;

// 'predict' is answered with 'prediction', not with another request's answer...
// @ts-expect-error Type '"weights"' is not assignable to type '"prediction"'
export const wrongAnswer: RequestHandler<'predict'> = () => ({ type: 'weights', weights });
export const rightAnswer: RequestHandler<'getWeights'> = () => ({ type: 'weights', weights });

// ...nor with a 'prediction' that lacks a field (cols)...
// @ts-expect-error Property 'cols' is missing
export const incompleteAnswer: RequestHandler<'predict'> = () => ({ type: 'prediction', outputs: new Float32Array(2), rows: 2 });
export const completeAnswer: RequestHandler<'predict'> = () => ({ type: 'prediction', outputs: new Float32Array(2), rows: 2, cols: 1 });

// ...also when the answer travels in a Reply with transferred buffers, or comes from an async handler.
// @ts-expect-error Reply<{ type: 'weights' }> is not a Reply of the prediction
export const wrongReply: RequestHandler<'predict'> = () => new Reply({ type: 'weights', weights }, []);
// @ts-expect-error Promise of the wrong answer
export const wrongAsync: RequestHandler<'predict'> = async () => ({ type: 'weights', weights });
export const rightReply: RequestHandler<'predict'> = async () => new Reply({ type: 'prediction', outputs: new Float32Array(1), rows: 1, cols: 1 }, []);

// A handler reads the fields its request carries, and no others.
export const wrongField: RequestHandler<'inspect'> = (msg) => {
  // @ts-expect-error 'inspect' carries a nodeId, not a split
  void msg.split;
  void msg.nodeId;
  return handlers.inspect(msg);
};
