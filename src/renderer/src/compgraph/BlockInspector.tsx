/** The selected block's params (expressions checked as typed, errors with their column), its output mark and its removal. */
import { paramIssues } from '../../../shared/compgraph/analyze';
import { isScalarOp, paramsWithDefaults, scalarOps } from '../../../shared/compgraph/ops';
import { useCompGraphStore } from './compgraph-store';
import { numberProblem, ParamField } from './ParamField';

export function BlockInspector() {
  const project = useCompGraphStore((s) => s.project)!;
  const selected = useCompGraphStore((s) => s.selected);
  const node = project.graph.nodes.find((n) => n.id === selected);
  if (!node || !isScalarOp(node.type)) return <p className="cg-panel__muted">Select a block to edit it.</p>;
  const type = node.type;
  const spec = scalarOps[type];
  const params = paramsWithDefaults(type, node.params);
  const store = useCompGraphStore.getState();
  const problem = (name: string, value: number | string): string | null => {
    const issue = paramIssues(type, { ...params, [name]: value }, node.id).find((i) => i.param === name);
    return issue ? issue.message : null;
  };
  return (
    <div className="cg-inspector" data-testid="block-inspector">
      <div className="cg-inspector__title">
        <b>{spec.label}</b> <span className="cg-panel__muted">{node.id}</span>
      </div>
      <p className="cg-panel__muted">{spec.description}</p>
      {Object.entries(spec.params).map(([name, p]) => {
        const isNumber = p.kind === 'number' || p.kind === 'int';
        return (
          <ParamField
            key={`${node.id}-${name}`}
            label={p.label}
            value={String(params[name])}
            testId={`param-${name}`}
            wide={p.kind === 'expression'}
            check={(text) => (isNumber ? (numberProblem(text) ?? problem(name, Number(text))) : problem(name, text))}
            onCommit={(text) => store.setParam(node.id, name, isNumber ? Number(text) : text)}
          />
        );
      })}
      {type === 'expression' && (
        <p className="cg-panel__muted">
          Inputs x1 … x{String(params.inputs)}; + − × ÷ ^, parentheses, numbers, pi, e, and square, exp, log, sin, cos, sigmoid, tanh, relu, abs (e.g. <code>(x1 + 2*x2)^2</code>).
        </p>
      )}
      <div className="cg-inspector__actions">
        <button type="button" className="button" disabled={project.graph.output === node.id} onClick={() => store.setOutput(node.id)} data-testid="mark-output">
          {project.graph.output === node.id ? 'This block is g' : 'Mark as output g'}
        </button>
        <button type="button" className="button" onClick={() => store.deleteSelected()} data-testid="delete-block">
          Delete block
        </button>
      </div>
    </div>
  );
}
