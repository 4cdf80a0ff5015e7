/**
 * Measures a lecture check on the loaded model through the engine (protocol requests only):
 * forward passes of one input (probeImage), parameter values (inspect), the training loss
 * (evaluate), and counts over the run's recorded steps and epochs.
 */
import type { LectureMeasure } from '../../../shared/templates/lectures';
import { useTrainingStore } from '../engine-client';

export async function measureNow(m: LectureMeasure): Promise<number> {
  const s = useTrainingStore.getState();
  switch (m.kind) {
    case 'output': {
      const probe = await s.probeImage([m.nodeId], { x: Float32Array.from(m.input), rows: 1 });
      const values = probe.nodes[0]!.values;
      return m.sum ? values.reduce((a, b) => a + b, 0) : values[m.index ?? 0]!;
    }
    case 'weight': {
      const inspection = await s.inspect(m.nodeId);
      const param = inspection.params.find((p) => p.name === m.param);
      if (!param) throw new Error(`node '${m.nodeId}' has no parameter '${m.param}'`);
      return param.data[m.index]! * (m.scale ?? 1);
    }
    case 'loss':
      return (await s.evaluate('train', 0)).metrics.loss * (m.scale ?? 1);
    case 'params':
      return s.summary?.totalParams ?? NaN;
    case 'updates': {
      const { losses } = s.stepLosses.view();
      let n = 0;
      for (let i = 0; i < s.stepLosses.length; i++) if (losses[i] !== 0) n++;
      return n;
    }
    case 'firstPerfectEpoch':
      return s.epochs.find((e) => e.loss === 0)?.epoch ?? 0;
    case 'perfectEpochs':
      return s.epochs.filter((e) => e.loss === 0).length;
  }
}
