/**
 * The selected node's connections, editable without a mouse: for each input port, a list of
 * the outputs it can take (only those the graph checker accepts) with the current one chosen;
 * for each output port, its edges with a Disconnect button and a list of inputs to connect it to.
 */
import { checkConnection, type ConnectionAttempt } from '../../../shared/graph-connection';
import type { Graph, GraphEdge, GraphNode } from '../../../shared/graph-types';
import { getNodeSpec } from '../../../shared/nodes';
import { analyzeProjectGraph } from '../store/analysis';
import { disconnectCommand, reconnectCommand } from '../store/edge-commands';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import { Section } from '../settings/fields';
import '../styles/connections.css';

export interface PortRef {
  node: string;
  port: string;
}

export interface Candidate extends PortRef {
  label: string;
}

const key = (ref: PortRef) => `${ref.node}\u0000${ref.port}`;
const unkey = (value: string): PortRef => {
  const [node, port] = value.split('\u0000') as [string, string];
  return { node, port };
};

function nodeName(node: GraphNode): string {
  return `${node.label ?? getNodeSpec(node.type)?.label ?? node.type} (${node.id})`;
}

function portName(node: GraphNode, port: string, side: 'inputs' | 'outputs'): string {
  const ports = getNodeSpec(node.type)?.[side] ?? [];
  return ports.length > 1 ? ` · ${ports.find((p) => p.id === port)?.label ?? port}` : '';
}

/** Outputs that may feed input `port` of `nodeId` (replacing edge `replacing`, if any), in graph order. */
export function sourceCandidates(graph: Graph, nodeId: string, port: string, accept: (attempt: ConnectionAttempt) => boolean, replacing?: string): Candidate[] {
  return graph.nodes.flatMap((n) =>
    n.id === nodeId
      ? []
      : (getNodeSpec(n.type)?.outputs ?? [])
          .filter((o) => accept({ source: n.id, sourceHandle: o.id, target: nodeId, targetHandle: port, ...(replacing ? { id: replacing } : {}) }))
          .map((o) => ({ node: n.id, port: o.id, label: nodeName(n) + portName(n, o.id, 'outputs') })),
  );
}

/** Inputs that output `port` of `nodeId` may be connected to, in graph order. */
export function targetCandidates(graph: Graph, nodeId: string, port: string, accept: (attempt: ConnectionAttempt) => boolean): Candidate[] {
  return graph.nodes.flatMap((n) =>
    n.id === nodeId
      ? []
      : (getNodeSpec(n.type)?.inputs ?? [])
          .filter((i) => accept({ source: nodeId, sourceHandle: port, target: n.id, targetHandle: i.id }))
          .map((i) => ({ node: n.id, port: i.id, label: nodeName(n) + portName(n, i.id, 'inputs') })),
  );
}

interface CandidateSelectProps {
  value: string;
  /** The first entry, for "no connection" (value ''). */
  none: string;
  options: Candidate[];
  label: string;
  testId: string;
  onChoose(value: string): void;
}

/** A list of ports to connect to; empty lists are disabled. */
function CandidateSelect({ value, none, options, label, testId, onChoose }: CandidateSelectProps) {
  return (
    <select className="input" value={value} onChange={(e) => onChoose(e.target.value)} aria-label={label} data-testid={testId} disabled={options.length === 0 && value === ''}>
      <option value="">{none}</option>
      {options.map((c) => (
        <option key={key(c)} value={key(c)}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

function report(reason: string | null): void {
  if (reason) useUiStore.getState().showError(reason);
}

export function Connections({ nodeId }: { nodeId: string }) {
  const project = useProjectStore((s) => s.project);
  const csv = useProjectStore((s) => s.csv);
  const node = project.graph.nodes.find((n) => n.id === nodeId);
  const spec = node && getNodeSpec(node.type);
  if (!node || !spec) return null;
  const { graph } = project;
  const { ctx } = analyzeProjectGraph(graph, project.data, csv);
  const accept = (attempt: ConnectionAttempt) => checkConnection(graph, attempt, ctx) === null;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = (port: string) => graph.edges.find((e) => e.target === nodeId && e.targetHandle === port);
  const outgoing = (port: string) => graph.edges.filter((e) => e.source === nodeId && e.sourceHandle === port);
  const store = useProjectStore.getState;

  const chooseSource = (port: string, edge: GraphEdge | undefined, value: string) => {
    if (!value) return edge && store().run(disconnectCommand(edge.id));
    const from = unkey(value);
    const wanted = { source: from.node, sourceHandle: from.port, target: nodeId, targetHandle: port };
    if (!edge) return report(store().connect(wanted));
    const reason = checkConnection(graph, { ...wanted, id: edge.id }, ctx);
    if (reason) return report(reason);
    store().run(reconnectCommand(edge.id, wanted));
  };

  return (
    <Section title="Connections">
      <div className="connections" data-testid="node-connections">
        {spec.inputs.map((p) => {
          const edge = incoming(p.id);
          const options = sourceCandidates(graph, nodeId, p.id, accept, edge?.id);
          const current = edge ? key({ node: edge.source, port: edge.sourceHandle }) : '';
          const inputName = spec.inputs.length > 1 ? `Input ${p.label}` : 'Input';
          return (
            <label key={`in-${p.id}`} className="connections__row">
              <span className="connections__label">{inputName} from</span>
              <CandidateSelect
                value={current}
                none="— not connected —"
                options={options}
                onChoose={(value) => chooseSource(p.id, edge, value)}
                label={`${inputName} of ${nodeId} comes from`}
                testId={`connect-in-${p.id}`}
              />
            </label>
          );
        })}
        {spec.outputs.map((p) => {
          const edges = outgoing(p.id);
          const options = targetCandidates(graph, nodeId, p.id, accept);
          const outputName = spec.outputs.length > 1 ? `Output ${p.label}` : 'Output';
          return (
            <div key={`out-${p.id}`} className="connections__row">
              <span className="connections__label">{outputName} to</span>
              {edges.map((e) => {
                const target = byId.get(e.target);
                const name = target ? nodeName(target) + portName(target, e.targetHandle, 'inputs') : e.target;
                return (
                  <div key={e.id} className="connections__edge" data-testid={`connection-${e.id}`}>
                    <span>{name}</span>
                    <button type="button" className="link-button" onClick={() => store().run(disconnectCommand(e.id))} aria-label={`Disconnect ${nodeId} from ${name}`}>
                      Disconnect
                    </button>
                  </div>
                );
              })}
              <CandidateSelect
                value=""
                none={options.length === 0 ? 'No input can take it' : 'Connect to…'}
                options={options}
                onChoose={(value) => value && report(store().connect({ source: nodeId, sourceHandle: p.id, ...toTarget(unkey(value)) }))}
                label={`Connect ${outputName.toLowerCase()} of ${nodeId} to`}
                testId={`connect-out-${p.id}`}
              />
            </div>
          );
        })}
      </div>
    </Section>
  );
}

const toTarget = (ref: PortRef) => ({ target: ref.node, targetHandle: ref.port });
