/**
 * The engine's value for an answer goal, at the model's current weights: a gradient from the
 * gradient check's backprop, a split's loss from an evaluation, or an output from a prediction.
 */
import { MAX_GRADIENT_CHECK_COUNT } from '../../../shared/protocol-gradcheck';
import type { LessonQuantity } from '../../../shared/lesson-types';
import type { AnswerReference } from '../../../shared/lesson-goals';
import type { TrainingActions } from '../engine-client';

type Engine = Pick<TrainingActions, 'gradientCheck' | 'evaluate' | 'predict'>;

/** ε only matters for the finite differences, not for backprop's value, which is what is compared. */
const EPSILON = 1e-2;

async function valueOf(engine: Engine, q: LessonQuantity): Promise<number> {
  switch (q.kind) {
    case 'gradient': {
      const result = await engine.gradientCheck(q.node, q.param, EPSILON, MAX_GRADIENT_CHECK_COUNT);
      const size = result.shape.reduce((a, b) => a * b, 1);
      if (q.index >= size) throw new Error(`${q.param} of '${q.node}' has ${size} values: there is no index ${q.index}`);
      const entry = result.entries.find((e) => e.index === q.index);
      if (!entry) throw new Error(`the engine checks ${MAX_GRADIENT_CHECK_COUNT} weights of a tensor and ${q.param}[${q.index}] is not among them: ask for a tensor of at most ${MAX_GRADIENT_CHECK_COUNT} values`);
      return entry.backprop;
    }
    case 'loss':
      return (await engine.evaluate(q.split, 0)).metrics.loss;
    case 'output': {
      const prediction = await engine.predict(Float32Array.from(q.input), 1);
      const index = q.index ?? 0;
      if (index >= prediction.cols) throw new Error(`the network has ${prediction.cols} outputs: there is no output ${index}`);
      return prediction.outputs[index]!;
    }
    case 'partial':
      throw new Error('∂g/∂θ belongs to computational-graph projects, not to a network');
  }
}

/** Never throws: a failure becomes the reason the goal cannot be checked. */
export async function answerReference(engine: Engine, quantity: LessonQuantity): Promise<AnswerReference> {
  try {
    const value = await valueOf(engine, quantity);
    return Number.isFinite(value) ? { value } : { error: `the engine's value is ${value}` };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
