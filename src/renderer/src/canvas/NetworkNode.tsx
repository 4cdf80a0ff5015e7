/** The one node view for every node type, drawn from the registry's data (see flow-model.ts). */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatCount } from '../store/model-summary';
import { ErrorBadge } from './ErrorBadge';
import { StageValue } from '../training/step-through/StageValue';
import type { NetworkFlowNode, PortView } from './flow-model';
import '../styles/node.css';

function portOffset(index: number, count: number): string {
  return `${((index + 1) / (count + 1)) * 100}%`;
}

function Ports({ nodeId, ports, kind }: { nodeId: string; ports: PortView[]; kind: 'target' | 'source' }) {
  return ports.map((port, i) => (
    <Handle
      key={port.id}
      id={port.id}
      type={kind}
      position={kind === 'target' ? Position.Left : Position.Right}
      className="net-handle"
      style={{ top: portOffset(i, ports.length) }}
      data-testid={`handle-${nodeId}-${port.id}`}
      title={port.label}
    />
  ));
}

function paramsText(params: number | null): string {
  if (params === null) return '? params';
  return `${formatCount(params)} ${params === 1 ? 'param' : 'params'}`;
}

export const NetworkNode = memo(function NetworkNode({ id, data, selected }: NodeProps<NetworkFlowNode>) {
  const classes = ['net-node', `cat-${data.category}`, selected ? 'is-selected' : '', data.issues.length ? 'has-error' : ''];
  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`}>
      <Ports nodeId={id} ports={data.inputs} kind="target" />
      <span className="net-node__id" title={`id: ${id}`}>
        {id}
      </span>
      <div className="net-node__header">
        <span className="net-node__title" title={data.title}>
          {data.title}
        </span>
        {data.locked && (
          <span className="net-node__lock" title="Locked by the lesson" data-testid={`node-locked-${id}`}>
            locked
          </span>
        )}
        {data.issues.length > 0 && <ErrorBadge nodeId={id} issues={data.issues} />}
      </div>
      <div className="net-node__subtitle" title={data.subtitle || undefined} data-testid={`node-subtitle-${id}`}>
        {data.subtitle || '\u00a0'}
      </div>
      <StageValue nodeId={id} />
      <div className="net-node__footer">
        <span className={`net-node__shape${data.shape ? '' : ' is-unknown'}`} data-testid={`node-shape-${id}`}>
          {data.shape ?? 'shape ?'}
        </span>
        {data.trainable && <span className="net-node__params">{paramsText(data.params)}</span>}
      </div>
      <Ports nodeId={id} ports={data.outputs} kind="source" />
    </div>
  );
});
