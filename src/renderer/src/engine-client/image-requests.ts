/** The image views' requests (src/shared/protocol-images.ts) on an EngineClient, typed. */
import type { EvalSplit, ImageProbe, ImageSamples, ImageSource } from '../../../shared/protocol';
import type { EngineClient } from './client';

export function imageRequests(client: EngineClient) {
  return {
    /** Rows [start, start + count) of a split in data units, with labels and the normaliser. */
    sampleImages: async (split: EvalSplit, start: number, count: number): Promise<ImageSamples> =>
      (await client.ask({ type: 'sampleImages', split, start, count })).samples,
    /** The outputs of some nodes for some rows: feature maps, reconstructions, bottleneck codes. */
    probeImage: async (nodeIds: string[], source: ImageSource): Promise<ImageProbe> =>
      (await client.ask({ type: 'probeImage', nodeIds, source })).probe,
    /** Overwrites one parameter tensor of the live model (hand-set weights). */
    setParam: async (nodeId: string, name: string, data: Float32Array): Promise<void> => {
      await client.ask({ type: 'setParam', nodeId, name, data });
    },
  };
}
