/**
 * What the inspector's Node tab shows below a node's params, when it applies: a convolution's
 * filters (or its small kernel to set by hand) and feature maps, a pooling node's maps, a small
 * Dense kernel to set by hand, an autoencoder's reconstructions (at its loss or the node feeding
 * it) and a 2-unit code's scatter plot.
 */
import { useTrainingStore } from '../engine-client';
import { Section } from '../settings/fields';
import { useProjectStore } from '../store/project-store';
import { autoencoderOf, codeNodes } from './autoencoder';
import { CodeScatter } from './CodeScatter';
import { ConvWeights, NodeMaps } from './ConvView';
import { Reconstructions } from './Reconstructions';
import './image-views.css';

const MAPPED = new Set(['conv2d', 'maxPool2d', 'avgPool2d']);

export function NodeImageViews({ nodeId }: { nodeId: string }) {
  const type = useProjectStore((s) => s.project.graph.nodes.find((n) => n.id === nodeId)?.type);
  const graph = useProjectStore((s) => s.project.graph);
  const layers = useTrainingStore((s) => s.summary?.layers);
  if (!type) return null;
  const ae = autoencoderOf(graph);
  const isCode = ae !== null && layers !== undefined && codeNodes(layers).includes(nodeId);
  const isReconstruction = ae !== null && (nodeId === ae.lossId || nodeId === ae.predictionId);
  return (
    <div className="iv-node-views" data-testid="node-image-views">
      {(type === 'conv2d' || type === 'dense') && <ConvWeights nodeId={nodeId} type={type} />}
      {MAPPED.has(type) && <NodeMaps nodeId={nodeId} type={type} />}
      {isReconstruction && (
        <Section title="Reconstructions">
          <Reconstructions info={ae} />
        </Section>
      )}
      {isCode && (
        <Section title="The code of each sample">
          <CodeScatter nodeId={nodeId} />
        </Section>
      )}
    </div>
  );
}
