/**
 * The image views for the whole network, for a tab of the training panel: a convolution or
 * pooling layer's filters and feature maps (the layer chosen here, or the one selected on the
 * canvas), and for an autoencoder its reconstructions and its 2-unit code.
 */
import { useState } from 'react';
import { getNodeSpec } from '../../../shared/nodes';
import { useTrainingStore } from '../engine-client';
import { useProjectStore } from '../store/project-store';
import { autoencoderOf, codeNodes } from './autoencoder';
import { CodeScatter } from './CodeScatter';
import { ConvWeights, NodeMaps } from './ConvView';
import { Reconstructions } from './Reconstructions';
import './image-views.css';

const MAPPED = new Set(['conv2d', 'maxPool2d', 'avgPool2d']);

/** Whether the network has something for this panel: a convolution or pooling layer, or an autoencoder's loss. */
export function useHasImageViews(): boolean {
  const mapped = useProjectStore((s) => s.project.graph.nodes.some((n) => MAPPED.has(n.type)));
  const ae = useProjectStore((s) => autoencoderOf(s.project.graph) !== null);
  return mapped || ae;
}

export function ImageViewsPanel() {
  const layers = useTrainingStore((s) => s.summary?.layers) ?? [];
  const graph = useProjectStore((s) => s.project.graph);
  const selected = useProjectStore((s) => s.selection.nodes[0] ?? null);
  const [picked, setPicked] = useState<string | null>(null);
  const mapped = layers.filter((l) => MAPPED.has(l.type));
  const ids = mapped.map((l) => l.id);
  const layerId = selected && ids.includes(selected) ? selected : picked && ids.includes(picked) ? picked : (ids[0] ?? null);
  const layer = mapped.find((l) => l.id === layerId);
  const ae = autoencoderOf(graph);
  const code = codeNodes(layers)[0];
  if (!layer && !ae) {
    return <div className="iv-hint iv-panel-empty">Image views show convolution and pooling layers (filters and feature maps) and autoencoders (reconstructions, codes). This network has neither{layers.length ? '' : ', or is not loaded yet'}.</div>;
  }
  return (
    <div className="iv-panel" data-testid="image-views-panel">
      {layer && (
        <div className="iv-panel__column">
          <label className="iv-panel__pick">
            Layer{' '}
            <select className="input input--small" value={layer.id} onChange={(e) => setPicked(e.target.value)} data-testid="image-views-layer">
              {mapped.map((l) => (
                <option key={l.id} value={l.id}>
                  {graph.nodes.find((n) => n.id === l.id)?.label ?? l.id} · {getNodeSpec(l.type)?.label ?? l.type} [{l.shape.join('×')}]
                </option>
              ))}
            </select>
          </label>
          <div className="iv-panel__row">
            {layer.type === 'conv2d' && <ConvWeights nodeId={layer.id} type={layer.type} />}
            <NodeMaps nodeId={layer.id} type={layer.type} />
          </div>
        </div>
      )}
      {ae && (
        <div className="iv-panel__column">
          <div className="form-section__title">Reconstructions</div>
          <Reconstructions info={ae} count={10} size={56} />
          {code && (
            <>
              <div className="form-section__title">The code of each sample ({graph.nodes.find((n) => n.id === code)?.label ?? code})</div>
              <CodeScatter nodeId={code} width={360} height={260} />
            </>
          )}
        </div>
      )}
    </div>
  );
}
