/** Teacher mode: a form that builds one goal of any kind; the store validates it with the project. */
import { useState } from 'react';
import type { LessonGoal, LessonGoalKind, LessonMetric, LessonQuantity, LessonSplit } from '../../../shared/lesson-types';
import { getNodeSpec } from '../../../shared/nodes';
import { parseNumber } from '../settings/fields';
import { useProjectStore } from '../store/project-store';

const KINDS: { value: LessonGoalKind; label: string }[] = [
  { value: 'metric', label: 'Metric threshold' },
  { value: 'parameters', label: 'Parameter budget' },
  { value: 'lossWithin', label: 'Loss below X within N epochs' },
  { value: 'answer', label: 'Answer checked by the engine' },
];
const METRICS: LessonMetric[] = ['accuracy', 'loss', 'mae', 'r2'];
const SPLITS: LessonSplit[] = ['train', 'validation', 'test'];

type Draft = Record<string, string>;

function num(draft: Draft, key: string, label: string, fallback?: number): number {
  if (fallback !== undefined && !draft[key]?.trim()) return fallback;
  const parsed = parseNumber(draft[key] ?? '', label);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.value;
}

function quantityOf(draft: Draft): LessonQuantity {
  switch (draft.quantity) {
    case 'loss':
      return { kind: 'loss', split: (draft.qsplit ?? 'train') as LessonSplit };
    case 'output': {
      const input = (draft.input ?? '').split(/[\s,]+/).filter(Boolean).map(Number);
      if (input.length === 0 || !input.every(Number.isFinite)) throw new Error('The input must be numbers separated by commas');
      return { kind: 'output', input, index: num(draft, 'outputIndex', 'The output index', 0) };
    }
    default:
      return { kind: 'gradient', node: draft.node ?? '', param: draft.param ?? '', index: num(draft, 'index', 'The index', 0) };
  }
}

/** The goal the draft describes; throws with what is missing. */
export function goalFromDraft(kind: LessonGoalKind, draft: Draft): LessonGoal {
  switch (kind) {
    case 'metric': {
      const value = num(draft, 'value', 'The threshold');
      const base = { kind, metric: (draft.metric ?? 'accuracy') as LessonMetric, split: (draft.split ?? 'test') as LessonSplit };
      return draft.direction === 'atMost' ? { ...base, atMost: value } : { ...base, atLeast: value };
    }
    case 'parameters':
      return { kind, atMost: num(draft, 'atMost', 'The budget') };
    case 'lossWithin':
      return { kind, below: num(draft, 'below', 'The loss bound'), epochs: num(draft, 'epochs', 'The epochs'), ...(draft.lossSplit === 'validation' ? { split: 'validation' as const } : {}) };
    case 'answer': {
      if (!draft.prompt?.trim()) throw new Error('The question needs some text');
      return { kind, prompt: draft.prompt.trim(), quantity: quantityOf(draft), tolerance: num(draft, 'tolerance', 'The tolerance'), ...(draft.relative === 'yes' ? { relative: true } : {}) };
    }
  }
}

function Input({ draft, set, name, label, placeholder }: { draft: Draft; set(d: Draft): void; name: string; label: string; placeholder?: string }) {
  return (
    <label className="goal-form__field">
      <span>{label}</span>
      <input className="input" value={draft[name] ?? ''} placeholder={placeholder} onChange={(e) => set({ ...draft, [name]: e.target.value })} data-testid={`goal-form-${name}`} />
    </label>
  );
}

function Choice({ draft, set, name, label, options }: { draft: Draft; set(d: Draft): void; name: string; label: string; options: readonly (string | { value: string; label: string })[] }) {
  const items = options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
  return (
    <label className="goal-form__field">
      <span>{label}</span>
      <select className="input select" value={draft[name] ?? items[0]!.value} onChange={(e) => set({ ...draft, [name]: e.target.value })} data-testid={`goal-form-${name}`}>
        {items.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function GradientFields({ draft, set }: { draft: Draft; set(d: Draft): void }) {
  const nodes = useProjectStore((s) => s.project.graph.nodes).filter((n) => getNodeSpec(n.type)?.weights?.some((w) => w.trainable));
  if (nodes.length === 0) return <p className="field__hint">No node has trainable weights yet.</p>;
  const node = nodes.find((n) => n.id === draft.node) ?? nodes[0]!;
  const params = (getNodeSpec(node.type)?.weights ?? []).filter((w) => w.trainable).map((w) => w.name);
  const withDefaults = { ...draft, node: node.id, param: params.includes(draft.param ?? '') ? draft.param! : params[0]! };
  return (
    <div className="goal-form__row">
      <Choice draft={withDefaults} set={set} name="node" label="Node" options={nodes.map((n) => ({ value: n.id, label: n.label || n.id }))} />
      <Choice draft={withDefaults} set={set} name="param" label="Weights" options={params} />
      <Input draft={draft} set={set} name="index" label="Index" placeholder="0" />
    </div>
  );
}

export function GoalForm({ onAdd }: { onAdd(goal: LessonGoal): void }) {
  const [kind, setKind] = useState<LessonGoalKind>('metric');
  const [draft, setDraft] = useState<Draft>({});
  const [error, setError] = useState<string | null>(null);
  const set = (d: Draft) => (setDraft(d), setError(null));
  const add = () => {
    try {
      const nodes = useProjectStore.getState().project.graph.nodes;
      // The gradient's node and weights default to what the selects show.
      const first = nodes.find((n) => getNodeSpec(n.type)?.weights?.some((w) => w.trainable));
      const node = nodes.find((n) => n.id === draft.node) ?? first;
      const params = (getNodeSpec(node?.type ?? '')?.weights ?? []).filter((w) => w.trainable).map((w) => w.name);
      const filled = { ...draft, node: node?.id ?? '', param: params.includes(draft.param ?? '') ? draft.param! : (params[0] ?? '') };
      onAdd(goalFromDraft(kind, filled));
      setDraft({});
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="goal-form" data-testid="goal-form">
      <Choice draft={{ kind }} set={(d) => (setKind(d.kind as LessonGoalKind), setDraft({}), setError(null))} name="kind" label="New goal" options={KINDS} />
      {kind === 'metric' && (
        <div className="goal-form__row">
          <Choice draft={draft} set={set} name="split" label="Split" options={['test', 'validation', 'train']} />
          <Choice draft={draft} set={set} name="metric" label="Metric" options={METRICS} />
          <Choice draft={draft} set={set} name="direction" label="Must be" options={[{ value: 'atLeast', label: '≥' }, { value: 'atMost', label: '≤' }]} />
          <Input draft={draft} set={set} name="value" label="Value" placeholder="0.9" />
        </div>
      )}
      {kind === 'parameters' && <Input draft={draft} set={set} name="atMost" label="At most (trainable parameters)" placeholder="20" />}
      {kind === 'lossWithin' && (
        <div className="goal-form__row">
          <Input draft={draft} set={set} name="below" label="Loss below" placeholder="0.05" />
          <Input draft={draft} set={set} name="epochs" label="Within epochs" placeholder="200" />
          <Choice draft={draft} set={set} name="lossSplit" label="Loss" options={[{ value: 'train', label: 'training' }, { value: 'validation', label: 'validation' }]} />
        </div>
      )}
      {kind === 'answer' && (
        <>
          <Input draft={draft} set={set} name="prompt" label="Question (Markdown)" placeholder="What is $\partial L / \partial b$?" />
          <Choice draft={draft} set={set} name="quantity" label="Checked against" options={[{ value: 'gradient', label: 'a gradient ∂L/∂w' }, { value: 'loss', label: 'the loss on a split' }, { value: 'output', label: 'the output for an input' }]} />
          {(draft.quantity ?? 'gradient') === 'gradient' && <GradientFields draft={draft} set={set} />}
          {draft.quantity === 'loss' && <Choice draft={draft} set={set} name="qsplit" label="Split" options={SPLITS} />}
          {draft.quantity === 'output' && (
            <div className="goal-form__row">
              <Input draft={draft} set={set} name="input" label="Input" placeholder="1, 0" />
              <Input draft={draft} set={set} name="outputIndex" label="Output #" placeholder="0" />
            </div>
          )}
          <div className="goal-form__row">
            <Input draft={draft} set={set} name="tolerance" label="Tolerance" placeholder="0.001" />
            <Choice draft={draft} set={set} name="relative" label="Tolerance is" options={[{ value: 'no', label: 'absolute' }, { value: 'yes', label: 'relative' }]} />
          </div>
        </>
      )}
      {error && <div className="field__error">{error}</div>}
      <button type="button" className="button button--small" onClick={add} data-testid="lesson-add-goal">
        Add goal
      </button>
    </div>
  );
}
