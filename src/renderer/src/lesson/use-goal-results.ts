/**
 * The lesson's goals, evaluated live: against the current run's epochs and test metrics (a new
 * run or an edit that reloads the engine starts them over), the network's parameter count (on
 * every edit), and for answers the engine's value once training is not running.
 */
import { useEffect, useMemo, useState } from 'react';
import type { GraphAnalysis } from '../../../shared/graph';
import { evaluateGoal, type AnswerReference, type GoalResult } from '../../../shared/lesson-goals';
import type { Lesson } from '../../../shared/lesson-types';
import { useProjectAnalysis } from '../canvas/use-flow-elements';
import { useEpochHistory, useTrainingStore } from '../engine-client';
import { summarizeModel } from '../store/model-summary';
import { answerReference } from './answer-reference';

/** Trainable parameters of a network that can train; null while it is incomplete or has problems. */
export function networkParameters(analysis: GraphAnalysis): number | null {
  if (analysis.order.length === 0 || analysis.issues.length > 0) return null;
  const table = summarizeModel(analysis, new Map());
  return table.complete ? table.total : null;
}

/** index of an answer goal → the engine's value; recomputed when the model or the answers change. */
function useAnswerReferences(lesson: Lesson | undefined): Record<number, AnswerReference> {
  const summary = useTrainingStore((s) => s.summary);
  const status = useTrainingStore((s) => s.training?.status ?? null);
  const globalStep = useTrainingStore((s) => s.training?.globalStep ?? 0);
  const [references, setReferences] = useState<Record<number, AnswerReference>>({});
  const asked = (lesson?.goals ?? []).flatMap((g, i) => (g.kind === 'answer' && g.answer !== undefined ? [[i, g.quantity] as const] : []));
  const askedKey = JSON.stringify(asked);
  // While a run trains the weights move on every step: check again once it stops or pauses.
  const weightsKey = status === 'training' ? 'training' : `${globalStep}`;

  useEffect(() => {
    if (weightsKey === 'training') return;
    const wanted = JSON.parse(askedKey) as typeof asked;
    if (wanted.length === 0) return;
    let current = true;
    if (!summary) {
      const error = { error: 'the network cannot run yet: fix the problems shown on the canvas' };
      setReferences(Object.fromEntries(wanted.map(([i]) => [i, error])));
      return;
    }
    setReferences({});
    void (async () => {
      const engine = useTrainingStore.getState();
      const next: Record<number, AnswerReference> = {};
      for (const [i, quantity] of wanted) next[i] = await answerReference(engine, quantity);
      if (current) setReferences(next);
    })();
    return () => {
      current = false;
    };
  }, [askedKey, summary, weightsKey]);
  return references;
}

export function useGoalResults(lesson: Lesson | undefined): GoalResult[] {
  const { epochs, version } = useEpochHistory();
  const test = useTrainingStore((s) => s.testMetrics);
  const { analysis } = useProjectAnalysis();
  const parameters = useMemo(() => networkParameters(analysis), [analysis]);
  const references = useAnswerReferences(lesson);
  return useMemo(
    () => (lesson?.goals ?? []).map((goal, i) => evaluateGoal(goal, { epochs, test, parameters }, references[i] ?? null)),
    // `version` changes whenever the (in-place) epoch history does.
    [lesson, epochs, version, test, parameters, references],
  );
}
