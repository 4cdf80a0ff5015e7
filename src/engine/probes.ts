/**
 * Probes: what the training panel watches besides the loss. Decision-boundary grids for the
 * output and every small hidden layer, per-layer weight/gradient norms and the small network's
 * kernels. Probes run BETWEEN training steps, never inside one: they evaluate the model in eval
 * mode in chunks of maxBatch rows and then put back the last batch's activations and row count,
 * so 'inspect' still shows the training batch and training continues unchanged.
 */
import { ActivationGuard } from './activation-guard';
import type { BoundaryGrid, NeuronGrids, ProbeFrame, ProbeSubscription } from '../shared/protocol';
import type { WeightAverager } from './averaging';
import type { PreparedData } from './data/types';
import { clampResolution, GridInputs, MAIN_RESOLUTION, NEURON_RESOLUTION, planeUnavailable } from './probes-grid';
import { layerNorms, networkLayers, neuronLayers, type NeuronLayer } from './probes-layers';
import type { Trainer } from './train';

/** The trainer's Polyak averager, if averaging is on (evaluation uses the averaged weights, as Trainer.predict does). */
function averagerOf(trainer: Trainer): WeightAverager | null {
  return trainer.averager;
}

/**
 * Runs the model in eval mode over `rows` normalised feature rows, in chunks of maxBatch, and
 * calls `visit(start, n)` after each chunk's forward pass (the nodes' outputs hold that chunk).
 */
export function forwardChunks(trainer: Trainer, x: Float32Array, rows: number, visit: (start: number, n: number) => void): void {
  const model = trainer.model;
  const k = model.featureSize;
  const avg = averagerOf(trainer);
  avg?.useAverage();
  try {
    for (let start = 0; start < rows; start += model.maxBatch) {
      const n = Math.min(model.maxBatch, rows - start);
      model.forward(x.subarray(start * k, (start + n) * k), n, null, false);
      visit(start, n);
    }
  } finally {
    avg?.useCurrent();
  }
}


/** Probes of one trainer (the host makes a new runner when reset or a new run replaces the trainer). */
export class ProbeRunner {
  readonly guard: ActivationGuard;
  private readonly grid: GridInputs | null;
  private readonly unavailable: string | null;
  private readonly neuronLayers: NeuronLayer[];

  constructor(
    readonly trainer: Trainer,
    readonly data: PreparedData,
  ) {
    this.guard = new ActivationGuard(trainer.model);
    this.unavailable = planeUnavailable(data);
    this.grid = this.unavailable ? null : new GridInputs(data);
    this.neuronLayers = neuronLayers(trainer.model);
  }

  /** A frame with what `sub` asks for, and the buffers to transfer. */
  frame(sub: ProbeSubscription): { frame: ProbeFrame; transfer: ArrayBuffer[] } {
    const trainer = this.trainer;
    const frame: ProbeFrame = { globalStep: trainer.globalStep, epoch: trainer.epoch };
    const transfer: ArrayBuffer[] = [];
    if (sub.boundary) {
      if (this.grid) {
        const b = sub.boundary;
        this.guard.run(() => {
          frame.boundary = this.boundary(clampResolution(b.resolution, MAIN_RESOLUTION));
          if (b.neurons) frame.neurons = this.neurons(clampResolution(b.neuronResolution, NEURON_RESOLUTION));
        });
        transfer.push(frame.boundary!.values.buffer as ArrayBuffer, ...(frame.neurons ?? []).map((g) => g.values.buffer as ArrayBuffer));
      } else frame.boundaryUnavailable = this.unavailable!;
    }
    if (sub.norms) frame.norms = layerNorms(trainer.model);
    if (sub.network) {
      frame.network = networkLayers(trainer.model);
      for (const l of frame.network) transfer.push(l.kernel.buffer as ArrayBuffer, ...(l.bias ? [l.bias.buffer as ArrayBuffer] : []));
    }
    return { frame, transfer };
  }

  /** The model's prediction at each cell: resolution² × prediction size. */
  boundary(resolution: number): BoundaryGrid {
    const x = this.grid!.normalized(resolution);
    const cells = resolution * resolution;
    const pred = this.trainer.model.prediction;
    const channels = pred.size;
    const values = new Float32Array(cells * channels);
    forwardChunks(this.trainer, x, cells, (start, n) => values.set(pred.output.subarray(0, n * channels), start * channels));
    const { range } = this.grid!;
    return { resolution, xRange: [...range.x], yRange: [...range.y], channels, values };
  }

  /** Each small Dense layer's neurons over the plane (after their activation), unit-major. */
  neurons(resolution: number): NeuronGrids[] {
    const layers = this.neuronLayers;
    if (layers.length === 0) return [];
    const x = this.grid!.normalized(resolution);
    const cells = resolution * resolution;
    const out = layers.map((l) => new Float32Array(l.value.size * cells));
    forwardChunks(this.trainer, x, cells, (start, n) => {
      for (let li = 0; li < layers.length; li++) {
        const node = layers[li].value;
        const units = node.size;
        const src = node.output;
        const dst = out[li];
        for (let r = 0; r < n; r++) for (let u = 0; u < units; u++) dst[u * cells + start + r] = src[r * units + u];
      }
    });
    return layers.map((l, i) => ({ nodeId: l.dense.id, valueNodeId: l.value.id, units: l.value.size, resolution, values: out[i] }));
  }
}

export { ActivationGuard };
