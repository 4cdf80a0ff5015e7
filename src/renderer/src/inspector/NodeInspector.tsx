/** The selected node: its label, what it does (with the formula), its shapes, parameter count, params and problems. */
import { categories, getNodeSpec } from '../../../shared/nodes';
import { isParamVisible } from '../../../shared/nodes/params';
import { formatShape } from '../../../shared/nodes/types';
import { issueText } from '../canvas/flow-model';
import { useProjectAnalysis } from '../canvas/use-flow-elements';
import { CommitField, Section } from '../settings/fields';
import { formatCount, parameterCount } from '../store/model-summary';
import { useProjectStore } from '../store/project-store';
import { NodeImageViews } from '../image-views';
import { Connections } from './Connections';
import { ParamField } from './ParamField';
import { LockedNodeNotice } from '../lesson/LockedSettingsNotice';

const CATEGORY_GLYPHS: Record<string, string> = { input: '→', layer: 'W', activation: 'ƒ', regularization: '~', merge: '+', loss: 'L' };

export function NodeInspector({ nodeId }: { nodeId: string }) {
  const node = useProjectStore((s) => s.project.graph.nodes.find((n) => n.id === nodeId));
  const { analysis } = useProjectAnalysis();
  if (!node) return null;
  const spec = getNodeSpec(node.type);
  const resolved = analysis.byId.get(nodeId);
  const issues = analysis.issues.filter((i) => i.nodeId === nodeId);
  const count = resolved ? parameterCount(resolved) : null;
  const inputs = resolved?.inputShapes.length ? resolved.inputShapes.map(formatShape).join(', ') : '—';

  return (
    <div className={`node-inspector cat-${spec?.category ?? 'unknown'}`} data-testid="node-inspector">
      <header className="node-inspector__header">
        <span className="node-inspector__swatch" aria-hidden>
          {CATEGORY_GLYPHS[spec?.category ?? 'unknown'] ?? '?'}
        </span>
        <div>
          <div className="node-inspector__type">{spec?.label ?? node.type}</div>
          <div className="node-inspector__id">
            {categories.find((c) => c.id === spec?.category)?.label ?? 'Unknown type'} · id {node.id}
          </div>
        </div>
      </header>
      <CommitField<string>
        label="Label"
        value={node.label ?? ''}
        format={(v) => v}
        parse={(text) => ({ value: text })}
        onCommit={(text) => (useProjectStore.getState().setLabel(nodeId, text), null)}
        placeholder={spec?.label ?? node.type}
        hint="Shown on the node instead of the type's name."
        testId="node-label"
      />
      <LockedNodeNotice nodeId={nodeId} />
      {issues.length > 0 && (
        <div className="issue-list" role="alert" data-testid="node-issues">
          {issues.map((issue) => (
            <div key={issueText(issue)} className="issue-list__item">
              {issueText(issue)}
            </div>
          ))}
        </div>
      )}
      {spec && (
        <>
          <p className="node-inspector__description">{spec.description}</p>
          {spec.formula && <code className="formula">{spec.formula}</code>}
        </>
      )}
      <dl className="facts">
        <dt>Input shape</dt>
        <dd data-testid="node-input-shape">{inputs}</dd>
        <dt>Output shape</dt>
        <dd data-testid="node-output-shape">{resolved?.shape ? formatShape(resolved.shape) : '—'}</dd>
        <dt>Parameters</dt>
        <dd data-testid="node-param-count">{count === null ? 'unknown until connected' : formatCount(count)}</dd>
      </dl>
      <Connections nodeId={nodeId} />
      {spec && Object.keys(spec.params).length > 0 && (
        <Section title="Parameters">
          {Object.entries(spec.params).filter(([, paramSpec]) => isParamVisible(paramSpec, node.params, spec.params)).map(([name, paramSpec]) => (
            <ParamField key={name} nodeId={nodeId} name={name} spec={paramSpec} value={node.params[name] ?? paramSpec.default} />
          ))}
        </Section>
      )}
      <NodeImageViews nodeId={nodeId} />
    </div>
  );
}
