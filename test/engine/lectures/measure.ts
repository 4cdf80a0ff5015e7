/**
 * Measures a lecture check on a Trainer, the engine-side counterpart of the lecture panel
 * (which asks the engine host the same things over the protocol): forward passes through
 * probeImage (the code path of the app's image views), parameter values, the training loss,
 * and counts over the steps taken.
 */
import { probeImage } from '../../../src/engine/host-images';
import type { PreparedData } from '../../../src/engine/data/types';
import type { Trainer } from '../../../src/engine/train';
import type { LectureMeasure } from '../../../src/shared/templates/lectures';

export interface RunLog {
  /** Batch loss of every step taken so far. */
  stepLosses: number[];
}

export function measure(m: LectureMeasure, trainer: Trainer, data: PreparedData, log: RunLog): number {
  switch (m.kind) {
    case 'output': {
      const probe = probeImage(trainer, data, [m.nodeId], { x: Float32Array.from(m.input), rows: 1 });
      const values = probe.nodes[0]!.values;
      return m.sum ? values.reduce((a, b) => a + b, 0) : values[m.index ?? 0]!;
    }
    case 'weight': {
      const param = trainer.model.params.find((p) => p.nodeId === m.nodeId && p.name === m.param);
      if (!param) throw new Error(`no parameter ${m.nodeId}.${m.param}`);
      return param.data[m.index]! * (m.scale ?? 1);
    }
    case 'loss':
      return trainer.evaluate(data.train).loss * (m.scale ?? 1);
    case 'params':
      return trainer.model.params.reduce((s, p) => s + p.data.length, 0);
    case 'updates':
      return log.stepLosses.filter((l) => l !== 0).length;
    case 'firstPerfectEpoch':
      return trainer.history.find((e) => e.loss === 0)?.epoch ?? 0;
    case 'perfectEpochs':
      return trainer.history.filter((e) => e.loss === 0).length;
  }
}
