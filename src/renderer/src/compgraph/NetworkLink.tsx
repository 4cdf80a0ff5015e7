/**
 * "Open as network" in the side panel: shown for a graph that is a neuron or a layer with a
 * squared loss (src/shared/compgraph/as-network.ts). A neuron or layer whose sample is in no
 * built-in dataset gets the reason instead of the button; any other graph gets nothing.
 */
import { describeAsNetwork, recognizeLayer, whyNotANetwork } from '../../../shared/compgraph/as-network';
import { useCompGraphStore } from './compgraph-store';
import { openAsNetwork } from './open-as-network';

export function NetworkLink() {
  const graph = useCompGraphStore((s) => s.project!.graph);
  const layer = recognizeLayer(graph);
  if (!layer) return null;
  const reason = whyNotANetwork(graph);
  const what = describeAsNetwork(graph)!;
  const k = layer.neurons.length;
  const network = `Input → Dense(${k}) → ${layer.activation} → MSE${k > 1 || layer.scale !== 1 ? ` (sum${layer.scale !== 1 ? ` × ${layer.scale}` : ''})` : ''}`;
  return (
    <div className="cg-network" data-testid="network-link">
      <p className="cg-panel__muted">
        This graph is {what} with a squared loss: the same model as the network {network}, on its sample.
      </p>
      {reason ? (
        <p className="cg-panel__muted" data-testid="network-link-why">
          {reason}
        </p>
      ) : (
        <button type="button" className="button" onClick={() => void openAsNetwork()} data-testid="open-as-network">
          Open as network
        </button>
      )}
    </div>
  );
}
