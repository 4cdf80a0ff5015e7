/** "Open as network": the neuron or layer a graph is, as the equivalent network project in the network editor. */
import { describeAsNetwork, graphAsNetwork } from '../../../shared/compgraph/as-network';
import { confirmDiscard } from '../app/file-actions';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import { compGraphDirty } from './compgraph-files';
import { useCompGraphStore } from './compgraph-store';

/** "Open as network": the equivalent network project, unsaved, in the network editor. */
export async function openAsNetwork(): Promise<void> {
  const { project } = useCompGraphStore.getState();
  if (!project) return;
  const network = graphAsNetwork(project.graph, project.name);
  const what = describeAsNetwork(project.graph) ?? 'the graph';
  if (compGraphDirty() && !(await confirmDiscard('Open the network'))) return;
  useCompGraphStore.getState().close();
  useProjectStore.getState().newProject(network);
  useUiStore
    .getState()
    .showNotice(`Opened ${what} as a network: the Dense layer's kernel and bias are the graph's θ and b, on the built-in dataset that holds the sample. Save it to keep it.`);
  useUiStore.getState().requestFit();
}
