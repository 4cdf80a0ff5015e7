/** A scalar block on the canvas: its operation, value, and ∂g/∂block (its adjoint) or the tangent being carried. */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatValue, type BlockView } from './view-model';

export type ScalarFlowNode = Node<{ view: BlockView; tangentOf: string | null }, 'scalar'>;

const offset = (i: number, n: number): string => `${((i + 1) / (n + 1)) * 100}%`;

export const ScalarBlock = memo(function ScalarBlock({ id, data, selected }: NodeProps<ScalarFlowNode>) {
  const v = data.view;
  const classes = ['cg-block', `cg-${v.variable !== undefined ? 'variable' : v.ports.length === 0 ? 'constant' : 'op'}`, selected ? 'is-selected' : '', v.issues.length ? 'has-error' : '', v.active ? 'is-active' : '', v.isOutput ? 'is-output' : '', v.ports.length > 1 ? 'has-ports' : ''];
  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`} title={v.issues.join('\n') || undefined}>
      {v.ports.map((p, i) => (
        <Handle key={p.id} id={p.id} type="target" position={Position.Left} className="cg-handle" style={{ top: offset(i, v.ports.length) }} data-testid={`handle-${id}-${p.id}`} title={`input ${p.label}`}>
          {v.ports.length > 1 && <span className="cg-handle__label">{p.label}</span>}
        </Handle>
      ))}
      <Handle id="out" type="source" position={Position.Right} className="cg-handle" data-testid={`handle-${id}-out`} title="output" />
      <div className="cg-block__header">
        <span className="cg-block__title">{v.title}</span>
        {v.isOutput && <span className="cg-block__g" data-testid={`output-mark-${id}`} title="The output g">g</span>}
        {v.issues.length > 0 && <span className="cg-block__error" data-testid={`node-error-${id}`}>!</span>}
      </div>
      <div className="cg-block__symbol" title={v.typeLabel}>{v.symbol}</div>
      <div className="cg-block__numbers">
        <span className="cg-block__value" data-testid={`value-${id}`}>{v.value !== undefined ? `= ${formatValue(v.value)}` : '\u00a0'}</span>
        {v.adjoint !== undefined && (
          <span className={`cg-block__adjoint${v.adjointFinal ? '' : ' is-partial'}`} title={v.adjointFinal ? '∂g/∂ this block (its adjoint)' : 'the sum of the messages received so far'}>
            ∂g/∂· <b data-testid={`adjoint-${id}`}>{formatValue(v.adjoint)}</b>
          </span>
        )}
        {v.tangent !== undefined && data.tangentOf && (
          <span className="cg-block__tangent" title={`∂ this block/∂${data.tangentOf} (forward mode)`}>
            ∂·/∂{data.tangentOf} <b data-testid={`tangent-${id}`}>{formatValue(v.tangent)}</b>
          </span>
        )}
      </div>
    </div>
  );
});
