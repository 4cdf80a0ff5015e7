/**
 * The lecture panel: shown over the canvas when the project came from a lecture template
 * (project.ui.lecture). It explains the worked example in a few sentences, offers its variants,
 * and lists the slide's numbers beside the app's, measured on the loaded model after every
 * step (see measure.ts). A check that holds after N training steps says so until the run is
 * there. The perceptron lectures add the per-sample table (PerceptronTable).
 */
import { useEffect, useState } from 'react';
import { findTemplate, lectureFamily } from '../../../shared/templates';
import type { LectureCheck } from '../../../shared/templates/lectures';
import { newProject } from '../app/file-actions';
import { useTrainingStore } from '../engine-client';
import { useProjectStore } from '../store';
import { formatValue } from '../training/format';
import { measureNow } from './measure';
import { PerceptronTable } from './PerceptronTable';
import { SurfacePlot } from './SurfacePlot';
import './lectures.css';

const ORIGIN_TEXT: Record<LectureCheck['origin'], string> = {
  slide: 'printed on the slide',
  computed: "computed from the slide's own data",
  illustrative: 'an illustrative instance: the slide has no numbers here',
};

/** The measured value of each check, refreshed when the engine loads the project or takes a step. */
function useMeasurements(checks: readonly LectureCheck[]): (number | string | null)[] {
  const summary = useTrainingStore((s) => s.summary);
  const step = useTrainingStore((s) => s.training?.globalStep ?? 0);
  const status = useTrainingStore((s) => s.training?.status);
  const [values, setValues] = useState<(number | string | null)[]>([]);
  useEffect(() => {
    if (!summary) return setValues(checks.map(() => null));
    let cancelled = false;
    // While training flat out, measure about 4 times a second; at a slow pace, after every step.
    const delay = status === 'training' ? 250 : 0;
    const timer = setTimeout(() => {
      void Promise.all(checks.map((c) => measureNow(c.measure).catch((e: unknown) => (e instanceof Error ? e.message : String(e))))).then((v) => {
        if (!cancelled) setValues(v);
      });
    }, delay);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [summary, step, status === 'training', checks]);
  return values;
}

export function LecturePanel() {
  const lectureId = useProjectStore((s) => s.project.ui?.lecture);
  const [collapsed, setCollapsed] = useState(false);
  const template = lectureId ? findTemplate(lectureId) : undefined;
  if (!template?.lecture) return null;
  const lecture = template.lecture;
  return (
    <aside className={`lecture-panel${collapsed ? ' lecture-panel--collapsed' : ''}`} data-testid="lecture-panel" aria-label="Lecture">
      <header className="lecture-panel__head">
        <div>
          <div className="lecture-panel__deck">
            {lecture.deck} · <code>{lecture.example}</code>
          </div>
          <h2 className="lecture-panel__title">{template.label}</h2>
        </div>
        <button type="button" className="lecture-panel__toggle" onClick={() => setCollapsed(!collapsed)} aria-expanded={!collapsed} data-testid="lecture-toggle">
          {collapsed ? 'Show' : 'Hide'}
        </button>
      </header>
      {!collapsed && <LectureBody templateId={template.id} />}
    </aside>
  );
}

function LectureBody({ templateId }: { templateId: string }) {
  const template = findTemplate(templateId)!;
  const lecture = template.lecture!;
  const family = lectureFamily(templateId);
  return (
    <div className="lecture-panel__body">
      {lecture.explanation.slice(0, 2).map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      {lecture.explanation.length > 2 && (
        <details className="lecture-panel__more">
          <summary>More</summary>
          {lecture.explanation.slice(2).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </details>
      )}
      {lecture.tryThis && <p className="lecture-panel__try">▶ {lecture.tryThis}</p>}
      {family.length > 1 && (
        <div className="lecture-panel__variants" role="group" aria-label="Variants">
          {family.map((t) => (
            <button key={t.id} type="button" className={t.id === templateId ? 'is-on' : undefined} aria-pressed={t.id === templateId} data-testid={`lecture-variant-${t.id}`} onClick={() => void newProject(t.id)} title={t.description}>
              {t.variantOf ? t.label : 'Main'}
            </button>
          ))}
        </div>
      )}
      {lecture.checks.length > 0 && <Checks checks={lecture.checks} checkNumbers={lecture.checkNumbers} />}
      {lecture.surface && <SurfacePlot spec={lecture.surface} />}
      {lecture.perceptronTable && <PerceptronTable {...lecture.perceptronTable} />}
    </div>
  );
}

function Checks({ checks, checkNumbers }: { checks: readonly LectureCheck[]; checkNumbers?: number[] }) {
  const values = useMeasurements(checks);
  const step = useTrainingStore((s) => s.training?.globalStep ?? 0);
  return (
    <table className="lecture-checks" data-testid="lecture-checks">
      <caption>
        The slide's numbers and the app's{checkNumbers?.length ? ` (worked-example checks ${checkNumbers.join(', ')})` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Quantity</th>
          <th scope="col">Slide</th>
          <th scope="col">Expected</th>
          <th scope="col">App</th>
          <th scope="col" aria-label="Agrees" />
        </tr>
      </thead>
      <tbody>
        {checks.map((c, i) => {
          const value = values[i];
          const at = c.afterSteps ?? 0;
          const timely = step === at;
          const ok = typeof value === 'number' && Math.abs(value - c.expected) <= c.tolerance;
          const state = typeof value === 'string' ? 'error' : value === null || value === undefined ? 'pending' : !timely ? 'waiting' : ok ? 'ok' : 'off';
          return (
            <tr key={i} data-testid={`lecture-check-${i}`} data-state={state} title={`${ORIGIN_TEXT[c.origin]}${c.note ? `. ${c.note}` : ''}`}>
              <th scope="row">
                {c.label}
                {at > 0 && <span className="lecture-checks__when"> after {at} step{at === 1 ? '' : 's'}</span>}
                {c.note && <div className="lecture-checks__note">{c.note}</div>}
              </th>
              <td className={c.slidePrints !== undefined ? 'lecture-checks__erratum' : undefined}>
                {c.slidePrints !== undefined ? `${c.slidePrints} (erratum)` : c.origin === 'slide' ? formatValue(c.expected) : <span className="lecture-checks__none">{c.origin === 'computed' ? 'computed' : 'not on slide'}</span>}
              </td>
              <td>{formatExact(c.expected)}</td>
              <td data-testid={`lecture-app-${i}`}>{typeof value === 'number' ? formatExact(value) : typeof value === 'string' ? value : '…'}</td>
              <td className="lecture-checks__mark">{state === 'ok' ? '✓' : state === 'off' ? '✗' : state === 'waiting' ? <span title={`now at step ${step}`}>step {step}/{at}</span> : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Up to 6 decimals, as the worked examples print them; integers as integers. */
function formatExact(v: number): string {
  if (!Number.isFinite(v)) return formatValue(v);
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toFixed(6)));
}
