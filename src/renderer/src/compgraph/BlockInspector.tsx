/** The selected block's params (expressions checked as typed, errors with their column), its output mark and its removal. */
import { paramIssues } from '../../../shared/compgraph/analyze';
import { isScalarOp, paramsWithDefaults, scalarOps } from '../../../shared/compgraph/ops';
import { useCompGraphStore } from './compgraph-store';
import { CommitField, parseNumber } from '../settings/fields';

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
        const parse = (text: string): { value: number | string } | { error: string } => {
          const parsed = isNumber ? parseNumber(text, p.label) : { value: text };
          if ('error' in parsed) return parsed;
          const refused = problem(name, parsed.value);
          return refused ? { error: refused } : parsed;
        };
        return (
          <CommitField<number | string>
            key={`${node.id}-${name}`}
            label={p.label}
            value={params[name]!}
            format={String}
            parse={parse}
            onCommit={(value) => (store.setParam(node.id, name, value), null)}
            testId={`param-${name}`}
            inputMode={isNumber ? 'decimal' : 'text'}
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
