/** Keeps the last training batch's activations visible across evaluation passes. */
import type { Model } from './model';

/** Keeps a copy of the last batch's activations so probes can borrow the model's buffers. */
export class ActivationGuard {
  private readonly saved: Float32Array[];

  constructor(private readonly model: Model) {
    this.saved = model.nodes.map((n) => new Float32Array(n.output.length));
  }

  /** Runs `fn`, then restores every node's output rows and `model.rows` as they were before. */
  run<T>(fn: () => T): T {
    const model = this.model;
    const rows = model.rows;
    const nodes = model.nodes;
    for (let i = 0; i < nodes.length; i++) this.saved[i].set(nodes[i].output.subarray(0, rows * nodes[i].size));
    try {
      return fn();
    } finally {
      for (let i = 0; i < nodes.length; i++) nodes[i].output.set(this.saved[i].subarray(0, rows * nodes[i].size));
      model.rows = rows;
    }
  }
}
