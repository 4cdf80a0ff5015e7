/** "Open as network": the neuron a graph is, as the equivalent network project in the network editor. */
import { neuronAsNetwork } from '../../../shared/compgraph/as-network';
import { confirmDiscard } from '../app/file-actions';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import { compGraphDirty } from './compgraph-files';
import { useCompGraphStore } from './compgraph-store';

/** "Open as network": the equivalent network project, unsaved, in the network editor. */
export async function openAsNetwork(): Promise<void> {
  const { project } = useCompGraphStore.getState();
  if (!project) return;
  const network = neuronAsNetwork(project.graph, project.name);
  if (compGraphDirty() && !(await confirmDiscard('Open the network'))) return;
  useCompGraphStore.getState().close();
  useProjectStore.getState().newProject(network);
  useUiStore.getState().showNotice('Opened the neuron as a network: its kernel is (θ₁, θ₂) and its bias b, on the gate dataset that holds the sample. Save it to keep it.');
  useUiStore.getState().requestFit();
}
