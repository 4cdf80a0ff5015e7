/** An edge that shows the tensor shape it carries (`[batch, 16]`), and its problem if it has one. */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { labelFitsBetween } from './edge-label-fit';
import type { ShapeFlowEdge } from './flow-model';

export const ShapeEdge = memo(function ShapeEdge(props: EdgeProps<ShapeFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  // An edge that runs backwards (a chain wrapped into rows) goes round below its source instead of across the nodes.
  const backwards = targetX < sourceX - 24 && Math.abs(targetY - sourceY) > 48;
  const [path, labelX, labelY] = backwards
    ? getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition, borderRadius: 14, offset: 24 })
    : getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const issues = data?.issues ?? [];
  const bad = issues.length > 0;
  const text = bad ? issues.join('\n') : (data?.shape ?? 'shape ?');
  const classes = ['shape-edge', selected ? 'is-selected' : '', bad ? 'has-error' : ''].join(' ');
  const shown = bad ? `⚠ ${data?.shape ?? ''}`.trim() : text;
  // A problem is always shown; a plain shape only where it fits between the nodes (edge-label-fit.ts).
  const cramped = !bad && !labelFitsBetween(sourceX, targetX, shown, backwards);
  return (
    <g className={classes} data-testid={`edge-${id}`}>
      <title>{`${data?.route ?? id}: ${text}`}</title>
      <BaseEdge id={id} path={path} interactionWidth={24} />
      <EdgeLabelRenderer>
        <div
          className={`shape-edge__label nodrag nopan${bad ? ' has-error' : ''}${selected ? ' is-selected' : ''}${data?.shape ? '' : ' is-unknown'}${cramped ? ' is-cramped' : ''}`}
          style={{ transform: `translate(-50%, -100%) translate(${labelX}px, ${labelY - 5}px)` }}
          data-testid={`edge-label-${id}`}
          title={bad ? text : undefined}
        >
          {shown}
        </div>
      </EdgeLabelRenderer>
    </g>
  );
});
