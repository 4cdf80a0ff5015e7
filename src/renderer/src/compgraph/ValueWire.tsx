/** A wire that shows the value it carries, the target's local derivative along it, and the message sent back. */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatValue, type WireView } from './view-model';

export type ValueFlowEdge = Edge<{ view: WireView }, 'value'>;

export const ValueWire = memo(function ValueWire(props: EdgeProps<ValueFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const v = data?.view;
  const bad = (v?.issues.length ?? 0) > 0;
  return (
    <g className={`cg-wire${selected ? ' is-selected' : ''}${v?.message !== undefined ? ' has-message' : ''}${bad ? ' has-error' : ''}`} data-testid={`edge-${id}`}>
      <title>{bad ? v!.issues.join('\n') : `local derivative ${v?.localText ?? ''}`}</title>
      <BaseEdge id={id} path={path} interactionWidth={20} />
      <EdgeLabelRenderer>
        <div className="cg-wire__label nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }} data-testid={`edge-label-${id}`}>
          {v?.value !== undefined && <span className="cg-wire__value" data-testid={`edge-value-${id}`}>{formatValue(v.value)}</span>}
          <span className="cg-wire__local" title="the local derivative of the block it feeds, along this wire" data-testid={`edge-local-${id}`}>
            ∂ {v?.local !== undefined ? formatValue(v.local) : (v?.localText ?? '?')}
          </span>
          {v?.message !== undefined && <span className="cg-wire__message" title="message sent back: adjoint × local derivative" data-testid={`edge-message-${id}`}>← {formatValue(v.message)}</span>}
        </div>
      </EdgeLabelRenderer>
    </g>
  );
});
