/**
 * ∇g three ways beside each variable — reverse mode, forward mode, finite differences with a
 * chosen h and their error against autodiff — and the chain rule's per-path contributions.
 */
import { useMemo } from 'react';
import { finiteDifferences, pathContributions } from '../../../shared/compgraph/evaluate';
import { DEFAULT_FD_STEP } from '../../../shared/compgraph/types';
import { useCompGraphStore } from './compgraph-store';
import { formatValue } from './view-model';

const STEPS = [1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-8, 1e-10, 1e-12, 1e-14];

const errorText = (x: number): string => (x === 0 ? '0' : x.toExponential(1));

/** The error of both differences for one variable over every h: large at both ends, smallest in between. */
function StepSweep({ variable, exact }: { variable: string; exact: number }) {
  const graph = useCompGraphStore((s) => s.project!.graph);
  const rows = useMemo(
    () =>
      STEPS.map((h) => {
        const fd = finiteDifferences(graph, h);
        return { h, forward: Math.abs(fd.forward[variable]! - exact), central: Math.abs(fd.central[variable]! - exact) };
      }),
    [graph, variable, exact],
  );
  const best = (key: 'forward' | 'central') => rows.reduce((a, b) => (b[key] < a[key] ? b : a)).h;
  const [bestForward, bestCentral] = [best('forward'), best('central')];
  return (
    <table className="cg-table cg-sweep" data-testid="fd-sweep">
      <thead>
        <tr>
          <th>h</th>
          <th>error of fwd diff on ∂g/∂{variable}</th>
          <th>error of central</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.h}>
            <td>{r.h === 1 ? '1' : r.h.toExponential(0)}</td>
            <td className={r.h === bestForward ? 'is-best' : ''}>{errorText(r.forward)}</td>
            <td className={r.h === bestCentral ? 'is-best' : ''}>{errorText(r.central)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function GradientPanel() {
  const project = useCompGraphStore((s) => s.project)!;
  const run = useCompGraphStore((s) => s.run);
  const pathsOf = useCompGraphStore((s) => s.pathsOf);
  const selected = useCompGraphStore((s) => s.selected);
  const h = project.finiteDifferences?.h ?? DEFAULT_FD_STEP;
  const fd = useMemo(() => (run ? finiteDifferences(project.graph, h) : null), [run, project.graph, h]);
  if (!run || !fd) return <p className="cg-panel__muted">Run the forward pass to see g, and the backward pass for ∇g.</p>;
  const backwardDone = run.reverseSteps === run.rev.steps.length;
  const tangentsDone = run.tangentPasses ?? 0;
  // The variable selected on the canvas, else the row clicked in the table, else the first.
  const chosen = run.fwd.variables.find((v) => v.nodeId === selected) ?? run.fwd.variables.find((v) => v.nodeId === pathsOf) ?? run.fwd.variables[0];
  const paths = chosen ? pathContributions(project.graph, run.fwd, chosen.nodeId) : null;
  return (
    <div className="cg-gradient">
      <div className="cg-gradient__g" data-testid="g-value">
        g = <b>{formatValue(run.fwd.g)}</b> <span className="cg-panel__muted">(block {run.fwd.output})</span>
      </div>
      <table className="cg-table" data-testid="gradient-table">
        <thead>
          <tr>
            <th>θ</th>
            <th>value</th>
            <th title="reverse mode (backpropagation)">reverse</th>
            <th title="forward mode, one pass per variable">forward</th>
            <th title="(g(θ + h) − g(θ)) / h">fwd diff</th>
            <th title="(g(θ + h) − g(θ − h)) / 2h">central</th>
          </tr>
        </thead>
        <tbody>
          {run.fwd.variables.map((v, i) => {
            const ad = run.rev.gradient[v.name]!;
            return (
              <tr key={v.nodeId} className={chosen?.nodeId === v.nodeId ? 'is-chosen' : ''} onClick={() => useCompGraphStore.getState().showPathsOf(v.nodeId)}>
                <td>{v.name}</td>
                <td>{formatValue(v.value)}</td>
                <td data-testid={`grad-${v.name}-reverse`}>{backwardDone ? formatValue(ad) : '…'}</td>
                <td data-testid={`grad-${v.name}-forward`}>{i < tangentsDone ? formatValue(run.tan.gradient[v.name]!) : '…'}</td>
                <td data-testid={`grad-${v.name}-fd`} title={`error ${errorText(Math.abs(fd.forward[v.name]! - ad))}`}>
                  {formatValue(fd.forward[v.name]!)}
                  <span className="cg-table__err">±{errorText(Math.abs(fd.forward[v.name]! - ad))}</span>
                </td>
                <td data-testid={`grad-${v.name}-central`} title={`error ${errorText(Math.abs(fd.central[v.name]! - ad))}`}>
                  {formatValue(fd.central[v.name]!)}
                  <span className="cg-table__err">±{errorText(Math.abs(fd.central[v.name]! - ad))}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <label className="cg-field">
        <span className="cg-field__label">Finite-difference step h</span>
        <select className="input select cg-step" value={h} onChange={(e) => useCompGraphStore.getState().setStep(Number(e.target.value))} data-testid="fd-step">
          {STEPS.map((s) => (
            <option key={s} value={s}>
              {s === 1 ? '1' : s.toExponential(0)}
            </option>
          ))}
        </select>
      </label>
      <p className="cg-panel__note" data-testid="fd-note">
        ± is the difference from autodiff. Finite differences cost {fd.evaluations.forward} (forward) or {fd.evaluations.central} (central) evaluations of g here, and are
        only approximate: with a large h the curvature of g spoils them (the error of the forward difference shrinks like h, of the central one like h²); with a tiny h,
        g(θ + h) and g(θ) agree in almost every digit, so subtracting them leaves mostly rounding error, which grows like 10⁻¹⁶/h. The table below tries every h for the chosen variable: the error is smallest in between (in bold).
      </p>
      {chosen && <StepSweep variable={chosen.name} exact={run.rev.gradient[chosen.name]!} />}
      {paths && chosen && (
        <div className="cg-paths" data-testid="paths">
          <div className="cg-paths__title">
            Chain rule for ∂g/∂{chosen.name}: {paths.total} path{paths.total === 1 ? '' : 's'} to g (click a row or a variable to choose θ)
          </div>
          <ol>
            {paths.paths.map((p) => (
              <li key={p.edges.join(' ')}>
                {p.nodes.join(' → ')}: {p.factors.map(formatValue).join(' × ') || '1'} = <b>{formatValue(p.product)}</b>
              </li>
            ))}
          </ol>
          {paths.total > paths.paths.length && <div className="cg-panel__muted">… and {paths.total - paths.paths.length} more.</div>}
          <div>
            Sum = <b>{formatValue(paths.paths.reduce((s, p) => s + p.product, 0))}</b>
            {backwardDone ? ` = ∂g/∂${chosen.name}, as the backward pass found.` : ''}
          </div>
        </div>
      )}
    </div>
  );
}
