/**
 * A node's live parameters (kernel, bias) as the engine holds them, refreshed with the model,
 * and writing one weight by hand: into the live engine ('setParam') and into the project's
 * `weights` — the engine's whole current set, so reopening the project reproduces the network.
 */
import { decodeTensor } from '../../../shared/project';
import { useTrainingStore } from '../engine-client';
import { useProjectStore } from '../store/project-store';
import { noteEngineWeights } from '../training/engine-sync';
import { useEngineData, useModel, useModelVersion, type EngineData } from './use-engine';

export interface Tensor {
  shape: number[];
  data: Float32Array;
}

export type NodeParams = Record<string, Tensor>;

export function useNodeParams(nodeId: string): EngineData<NodeParams> & { loaded: boolean; inModel: boolean } {
  const { version, loaded, layerIds } = useModel();
  const inModel = layerIds.has(nodeId);
  const key = loaded && inModel ? `${version}:${nodeId}` : null;
  const result = useEngineData(key, async () => {
    const weights = await useTrainingStore.getState().getWeights();
    const out: NodeParams = {};
    for (const [name, t] of Object.entries(weights[nodeId] ?? {})) {
      const { shape, data } = decodeTensor(t, `weights.${nodeId}.${name}`);
      out[name] = { shape, data: new Float32Array(data) };
    }
    return out;
  });
  return { ...result, loaded, inModel };
}

/**
 * Sets `values[index]` of a node's parameter to `value`: in the engine first, then the project
 * keeps the engine's weights as an undo step (undo puts the engine's earlier weights back).
 * Returns the error text, or null.
 */
export async function setWeight(nodeId: string, name: string, values: Float32Array, index: number, value: number): Promise<string | null> {
  if (!Number.isFinite(value)) return `a weight must be a number (got ${value})`;
  const data = values.slice();
  data[index] = value;
  const engine = useTrainingStore.getState();
  try {
    const before = await engine.getWeights();
    await engine.setParam(nodeId, name, data);
    const after = await engine.getWeights();
    noteEngineWeights(after);
    useProjectStore.getState().editWeights(before, after);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    useModelVersion.getState().bump();
  }
}
