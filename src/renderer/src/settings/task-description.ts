/**
 * What the project's network learns from its data, in one line for the Data tab. It follows the
 * graph's losses, not only the dataset: a loss whose target is the input trains reconstruction
 * (an autoencoder), and then the dataset's class labels are not a training target.
 */
import { getNodeSpec } from '../../../shared/nodes';
import type { Graph } from '../../../shared/graph-types';

export interface DataTask {
  task: 'classification' | 'regression';
  numClasses?: number | undefined;
  /** Per-sample feature shape, e.g. [1, 8, 8]. */
  shape: readonly number[];
}

/** Which targets the graph's losses train on. */
export function lossTargets(graph: Graph): { labels: boolean; input: boolean } {
  let labels = false;
  let input = false;
  for (const node of graph.nodes) {
    if (getNodeSpec(node.type)?.category !== 'loss') continue;
    if (node.params.target === 'input') input = true;
    else labels = true;
  }
  return { labels, input };
}

export function describeTask(data: DataTask, graph: Graph): string {
  const shape = `features [${data.shape.join(', ')}]`;
  const labelled = data.task === 'regression' ? 'Regression' : `Classification · ${data.numClasses} classes`;
  const targets = lossTargets(graph);
  if (!targets.input) return `${labelled} · ${shape}`;
  const labels = data.task === 'regression' ? 'its target values' : `its labels (${data.numClasses} classes)`;
  if (targets.labels) return `Reconstruction and ${labelled.toLowerCase()} · ${shape}: one loss rebuilds the input, another learns ${labels}`;
  const use = data.task === 'regression' ? 'they are only shown beside the samples' : 'they only colour the samples and the codes, e.g. in the code scatter';
  return `Reconstruction · ${shape}: the network learns to rebuild its input. The dataset's ${labels.replace('its ', '')} are not a training target; ${use}`;
}
