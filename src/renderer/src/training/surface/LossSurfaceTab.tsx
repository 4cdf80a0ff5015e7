/**
 * The training panel's "Loss surface" tab: choose any two weights of the loaded network (node,
 * tensor, index) and draw the training loss over them around their current values, with the
 * paths full-batch, mini-batch and stochastic steps and other optimisers take from there, and
 * the live run's own path (the lecture's SurfacePlot, fed by these pickers).
 */
import { useEffect, useMemo, useState } from 'react';
import type { WeightRef } from '../../../../shared/protocol-surface';
import { useTrainingStore } from '../../engine-client';
import { SurfacePlot, type SurfaceSpec } from '../../lectures/SurfacePlot';
import '../../lectures/lectures.css';
import { useProjectStore } from '../../store';
import { defaultWeights, positionOf, surfacePaths, weightLabel, type WeightTensor } from './surface-paths';

/** The trainable tensors of the loaded model, read once per load. */
function useWeightTensors(): WeightTensor[] {
  const summary = useTrainingStore((s) => s.summary);
  const [tensors, setTensors] = useState<WeightTensor[]>([]);
  useEffect(() => {
    const nodes = (summary?.layers ?? []).filter((l) => l.params > 0);
    let cancelled = false;
    const engine = useTrainingStore.getState();
    void Promise.all(nodes.map((l) => engine.inspect(l.id)))
      .then((found) => {
        if (cancelled) return;
        setTensors(found.flatMap((ins) => ins.params.map((p) => ({ nodeId: ins.nodeId, param: p.name, shape: p.shape, size: p.data.length }))));
      })
      .catch(() => !cancelled && setTensors([]));
    return () => {
      cancelled = true;
    };
  }, [summary]);
  return tensors;
}

const tensorKey = (r: { nodeId: string; param: string }) => `${r.nodeId}.${r.param}`;

function WeightPicker({ which, value, tensors, onChange }: { which: 'a' | 'b'; value: WeightRef; tensors: WeightTensor[]; onChange: (w: WeightRef) => void }) {
  const tensor = tensors.find((t) => tensorKey(t) === tensorKey(value));
  const size = tensor?.size ?? 1;
  return (
    <label className="bp-surface-picker">
      Weight {which.toUpperCase()}{' '}
      <select
        value={tensorKey(value)}
        data-testid={`surface-weight-${which}`}
        onChange={(e) => {
          const t = tensors.find((w) => tensorKey(w) === e.target.value)!;
          onChange({ nodeId: t.nodeId, param: t.param, index: 0 });
        }}
      >
        {tensors.map((t) => (
          <option key={tensorKey(t)} value={tensorKey(t)}>
            {t.nodeId} · {t.param} [{t.shape.join('×')}]
          </option>
        ))}
      </select>{' '}
      index{' '}
      <input
        type="number"
        min={0}
        max={size - 1}
        step={1}
        value={value.index}
        data-testid={`surface-weight-${which}-index`}
        onChange={(e) => {
          const index = Math.round(Number(e.target.value));
          if (Number.isFinite(index) && index >= 0 && index < size) onChange({ ...value, index });
        }}
      />{' '}
      <span className="bp-hint">{tensor ? `[${positionOf(value.index, tensor.shape).join(', ')}] of ${size}` : ''}</span>
    </label>
  );
}

export function LossSurfaceTab() {
  const tensors = useWeightTensors();
  const [picked, setPicked] = useState<[WeightRef, WeightRef] | null>(null);
  const train = useTrainingStore((s) => s.summary?.train ?? 0);
  const liveRate = useTrainingStore((s) => s.training?.learningRate);
  const training = useProjectStore((s) => s.project.training);

  // Keep the choice while it names weights of the loaded model; otherwise start from the defaults.
  const valid = (w: WeightRef) => tensors.some((t) => tensorKey(t) === tensorKey(w) && w.index < t.size);
  const weights = picked && valid(picked[0]) && valid(picked[1]) ? picked : defaultWeights(tensors);
  const learningRate = liveRate ?? training.optimizer.learningRate;
  const key = weights ? weights.map((w) => `${tensorKey(w)}[${w.index}]`).join(' × ') : '';
  // One spec object per choice: the plot's live path re-reads the weights when it changes.
  const spec = useMemo<SurfaceSpec | null>(
    () =>
      weights && {
        weights,
        labels: [weightLabel(weights[0], tensors), weightLabel(weights[1], tensors)],
        paths: surfacePaths(train, training.batchSize, training.optimizer, learningRate),
      },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, tensors, train, training.batchSize, training.optimizer, learningRate],
  );

  if (!weights || !spec) return <div className="bp-hint" data-testid="loss-surface-none">{tensors.length === 0 ? 'Load a network with trainable weights to see its loss surface.' : 'This network has a single weight; a surface needs two.'}</div>;
  const set = (i: 0 | 1) => (w: WeightRef) => setPicked(i === 0 ? [w, weights[1]] : [weights[0], w]);
  return (
    <div className="bp-surface-tab">
      <div className="bp-row">
        <WeightPicker which="a" value={weights[0]} tensors={tensors} onChange={set(0)} />
        <WeightPicker which="b" value={weights[1]} tensors={tensors} onChange={set(1)} />
      </div>
      {tensorKey(weights[0]) === tensorKey(weights[1]) && weights[0].index === weights[1].index ? (
        <div className="bp-hint">Choose two different weights.</div>
      ) : (
        <SurfacePlot key={key} spec={spec} />
      )}
    </div>
  );
}
