/** Teacher mode: the lesson's title and instructions, what is locked, and its goals. Every change is one undo step. */
import { useEffect, useState } from 'react';
import { describeGoal } from '../../../shared/lesson-goals';
import { isParamLocked, isSettingLocked } from '../../../shared/lesson-locks';
import type { Lesson, LessonLocks } from '../../../shared/lesson-types';
import { getNodeSpec } from '../../../shared/nodes';
import { isParamVisible } from '../../../shared/nodes/params';
import { CommitField, Section } from '../settings/fields';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import { GoalForm } from './GoalForm';

/** The training settings offered as single locks (TRAINING_LOCK_FIELDS has them all). */
const TRAINING_CHOICES: { path: string; label: string }[] = [
  { path: 'optimizer.type', label: 'Optimiser type' },
  { path: 'optimizer.learningRate', label: 'Learning rate' },
  { path: 'schedule', label: 'Schedule' },
  { path: 'batchSize', label: 'Batch size' },
  { path: 'epochs', label: 'Epochs' },
  { path: 'seed', label: 'Seed' },
  { path: 'earlyStopping', label: 'Early stopping' },
];

/** Edits the lesson; a refusal (the project would be invalid) is shown as an error. */
export function updateLesson(change: (lesson: Lesson) => Lesson): void {
  const lesson = useProjectStore.getState().project.lesson;
  if (!lesson) return;
  const refused = useProjectStore.getState().setLesson(change(lesson));
  if (refused) useUiStore.getState().showError(refused);
}

/** Drops empty lock lists and false flags, so the file holds only what is locked. */
function tidyLocks(locks: LessonLocks): LessonLocks | undefined {
  const out: LessonLocks = {};
  if (locks.nodes?.length) out.nodes = locks.nodes;
  const params = Object.fromEntries(Object.entries(locks.params ?? {}).filter(([, names]) => names.length > 0));
  if (Object.keys(params).length) out.params = params;
  if (locks.graph) out.graph = true;
  if (locks.data === true || (Array.isArray(locks.data) && locks.data.length)) out.data = locks.data;
  if (locks.training === true || (Array.isArray(locks.training) && locks.training.length)) out.training = locks.training;
  return Object.keys(out).length ? out : undefined;
}

function setLocks(change: (locks: LessonLocks) => LessonLocks): void {
  updateLesson((lesson) => {
    const { locks: old, ...rest } = lesson;
    const locks = tidyLocks(change(old ?? {}));
    return locks ? { ...rest, locks } : rest;
  });
}

const toggled = (list: readonly string[] | undefined, item: string, on: boolean): string[] => (on ? [...new Set([...(list ?? []), item])] : (list ?? []).filter((x) => x !== item));

function Check({ label, checked, onChange, testId, small }: { label: string; checked: boolean; onChange(on: boolean): void; testId: string; small?: boolean }) {
  return (
    <label className={`lesson-check${small ? ' lesson-check--small' : ''}`}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      <span>{label}</span>
    </label>
  );
}

function NodeLocks({ locks }: { locks: LessonLocks }) {
  const nodes = useProjectStore((s) => s.project.graph.nodes);
  return (
    <div className="lesson-locks__nodes">
      {nodes.map((node) => {
        const spec = getNodeSpec(node.type);
        const whole = locks.nodes?.includes(node.id) ?? false;
        // The params the inspector shows for the node now (an activity penalty's weight only when one is chosen).
        const params = Object.entries(spec?.params ?? {}).filter(([, p]) => isParamVisible(p, node.params, spec!.params)).map(([name]) => name);
        return (
          <div key={node.id} className="lesson-locks__node">
            <Check
              label={`${node.label || spec?.label || node.type} (${node.id})`}
              checked={whole}
              onChange={(on) => setLocks((l) => ({ ...l, nodes: toggled(l.nodes, node.id, on) }))}
              testId={`lesson-lock-node-${node.id}`}
            />
            {!whole && params.length > 0 && (
              <div className="lesson-locks__params">
                {params.map((param) => (
                  <Check
                    key={param}
                    small
                    label={spec!.params[param]!.label}
                    checked={isParamLocked(locks, node.id, param)}
                    onChange={(on) => setLocks((l) => ({ ...l, params: { ...l.params, [node.id]: toggled(l.params?.[node.id], param, on) } }))}
                    testId={`lesson-lock-param-${node.id}-${param}`}
                  />
                ))}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

function SettingLocks({ locks }: { locks: LessonLocks }) {
  const allTraining = locks.training === true;
  return (
    <>
      <Check label="Network structure (no node or connection added or removed)" checked={Boolean(locks.graph)} onChange={(on) => setLocks((l) => ({ ...l, graph: on }))} testId="lesson-lock-graph" />
      <Check label="Data (dataset, options, split, normalisation)" checked={locks.data === true} onChange={(on) => setLocks((l) => ({ ...l, data: on }))} testId="lesson-lock-data" />
      <Check label="All training settings" checked={allTraining} onChange={(on) => setLocks((l) => ({ ...l, training: on }))} testId="lesson-lock-training" />
      {!allTraining && (
        <div className="lesson-locks__params">
          {TRAINING_CHOICES.map(({ path, label }) => (
            <Check
              key={path}
              small
              label={label}
              checked={isSettingLocked(locks, 'training', path)}
              onChange={(on) => setLocks((l) => ({ ...l, training: toggled(Array.isArray(l.training) ? l.training : [], path, on) }))}
              testId={`lesson-lock-training-${path}`}
            />
          ))}
        </div>
      )}
    </>
  );
}

function InstructionsEditor({ text }: { text: string }) {
  const [draft, setDraft] = useState(text);
  useEffect(() => setDraft(text), [text]);
  return (
    <div className="field">
      <label className="field__label" htmlFor="lesson-instructions-input">
        Instructions (Markdown; $…$ for math)
      </label>
      <textarea
        id="lesson-instructions-input"
        className="input lesson-editor__text"
        value={draft}
        rows={10}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft !== text && updateLesson((l) => ({ ...l, instructions: draft }))}
        data-testid="lesson-edit-instructions"
      />
    </div>
  );
}

export function LessonEditor({ lesson }: { lesson: Lesson }) {
  const locks = lesson.locks ?? {};
  const remove = async () => {
    const ok = await useUiStore.getState().ask({ title: 'Remove the lesson?', message: 'The instructions, locks and goals are removed from the project (Undo brings them back).', confirmLabel: 'Remove lesson' });
    if (ok) useProjectStore.getState().setLesson(undefined);
  };
  return (
    <div className="lesson-editor" data-testid="lesson-editor">
      <Section title="Lesson text">
        <CommitField<string>
          label="Title"
          value={lesson.title}
          format={(v) => v}
          parse={(text) => (text.trim() ? { value: text.trim() } : { error: 'A lesson needs a title' })}
          onCommit={(title) => (updateLesson((l) => ({ ...l, title })), null)}
          testId="lesson-edit-title"
        />
        <InstructionsEditor text={lesson.instructions} />
      </Section>
      <Section title="Locked for the student">
        <SettingLocks locks={locks} />
        <div className="field__label lesson-editor__sub">Nodes (moving them stays allowed)</div>
        <NodeLocks locks={locks} />
      </Section>
      <Section title="Goals">
        <ol className="lesson-editor__goals">
          {lesson.goals.map((goal, i) => (
            <li key={i}>
              <span>{describeGoal(goal)}</span>
              <button
                type="button"
                className="button button--small button--quiet"
                aria-label={`Remove goal ${i + 1}`}
                onClick={() => updateLesson((l) => ({ ...l, goals: l.goals.filter((_, k) => k !== i) }))}
                data-testid={`lesson-remove-goal-${i}`}
              >
                ✕
              </button>
            </li>
          ))}
        </ol>
        <GoalForm onAdd={(goal) => updateLesson((l) => ({ ...l, goals: [...l.goals, goal] }))} />
      </Section>
      <button type="button" className="button button--small button--quiet lesson-editor__remove" onClick={() => void remove()} data-testid="lesson-remove">
        Remove the lesson
      </button>
      <div className="lesson-editor__preview-label">Preview, as the student sees it:</div>
    </div>
  );
}
