/**
 * Protocol messages for the step-through (docs/step-through.md): the stages of ONE training step
 * on one chosen sample (or a mini-batch of consecutive training rows) of a network of Dense
 * layers, activations and one loss, as the engine's own forward, backward and optimiser compute
 * them (src/engine/trace.ts). Part of the renderer ↔ engine protocol (protocol.ts); the CLI's
 * `bprop trace --json` prints the same stage objects, one per line.
 *
 * Values are plain numbers (float32 values widened to float64). Per-neuron values are row-major,
 * `rows` × units; with one sample they are simply one value per neuron. Dense kernels are
 * [inputs][units], as the project stores them: kernel[i][j] is the weight from input i to neuron j.
 */

/**
 * Feature maps: maps[row][channel][y][x] (rows = the batch rows traced; one with one sample).
 * Conv2D and pooling layers give their values this way too, besides the flat arrays.
 */
export type TraceMaps = number[][][][];

/**
 * Weights of one layer. Dense: kernel[i][j] from input i to neuron j, and the bias per neuron.
 * Conv2D: kernel[f] is filter f flattened (channel, row, column order), `filters[f][c][ky][kx]`
 * the same weights as small 2-D arrays, and the bias per filter.
 */
export interface TraceWeights {
  kernel: number[][];
  filters?: TraceMaps;
  bias?: number[];
}

/** A layer: a Dense or Conv2D node and the activation right after it (if any), or a pooling node. */
export interface TraceLayer {
  /** The Dense, Conv2D or pooling node. */
  node: string;
  /** 'pool' layers (max/average pooling) have no weights: no ∂L/∂w (grads null) and no update stage. */
  kind: 'dense' | 'conv2d' | 'pool';
  /** Conv2D and pooling: the input's and the output's map shape [channels, height, width]. */
  inputShape?: [number, number, number];
  mapShape?: [number, number, number];
  /** The activation node after it, and its type (e.g. 'sigmoid'); null for a linear layer. */
  activationNode: string | null;
  activation: string | null;
  /** The node feeding the layer (the Input, a view of it, or the previous layer's activation). */
  inputNode: string;
  inputs: number;
  units: number;
  /**
   * The activation is computed together with the loss (softmax → cross-entropy, sigmoid →
   * binary cross-entropy): Δ = ŷ − y straight from the loss, no separate g′.
   */
  fusedWithLoss: boolean;
}

export interface ForwardStage {
  stage: 'forward';
  node: string;
  /** The values entering the layer (rows × inputs): the sample's features, or the previous layer's a. */
  x: number[];
  /** The weighted sums (pre-activations) in = b + Σᵢ wᵢⱼ xᵢ (rows × units). */
  in: number[];
  /** The activations a = g(in) (rows × units); equal to `in` without an activation. */
  a: number[];
  /** Conv2D and pooling: x, in and a again as maps (x in the layer's inputShape, in and a in its mapShape). */
  maps?: { x: TraceMaps; in: TraceMaps; a: TraceMaps };
}

export interface LossStage {
  stage: 'loss';
  node: string;
  /** The loss node's type and, in words, the form it computes (e.g. "½ Σ (ŷ − y)²"). */
  lossType: string;
  form: string;
  /** MSE's reduction and scale (the panel writes its sum out with the numbers); absent for other losses. */
  squaredError?: { reduction: 'mean' | 'sum'; scale: number };
  /** The value minimised, penalties included (what training reports for this batch). */
  value: number;
  /** Kernel and activity penalties included in `value` (0 without any). */
  penalty: number;
  /** The prediction ŷ (rows × outputs: probabilities after a fused softmax/sigmoid). */
  prediction: number[];
  /** The targets as the loss reads them: rows × outputs values, or one class index per row. */
  target: number[];
  targetKind: 'values' | 'classIndex';
  /** ∂L/∂ŷ per output (rows × outputs); null for a fused loss, which goes straight to Δ. */
  dPrediction: number[] | null;
}

export interface BackwardStage {
  stage: 'backward';
  node: string;
  /** Δ = ∂L/∂in per neuron (rows × units): the modified error of the lectures. */
  delta: number[];
  /** ∂L/∂a per neuron (rows × units): the error arriving at the activation (Σₖ wⱼₖ Δₖ for a hidden layer). Null when fused. */
  dA: number[] | null;
  /** g′(in) per neuron (rows × units), from the activation's own backward; null without an elementwise activation. */
  gPrime: number[] | null;
  /** ∂L/∂w for every weight of the layer (summed over the batch rows), penalties included; null for pooling. */
  grads: TraceWeights | null;
  /** Conv2D and pooling: Δ (∂L/∂ each output value before the activation) and ∂L/∂a as maps. */
  maps?: { delta: TraceMaps; dA: TraceMaps | null };
  /** The layer has a kernel penalty (L1/L2), whose gradient is part of `grads`. */
  penalized: boolean;
}

export interface UpdateStage {
  stage: 'update';
  node: string;
  /** The optimiser's rule in words and symbols, e.g. "w ← w − α·∂L/∂w" (SGD). */
  rule: string;
  /** True when the rule is plain w ← w − α·∂L/∂w (SGD without momentum, decay or L1). */
  plainGradientStep: boolean;
  learningRate: number;
  before: TraceWeights;
  after: TraceWeights;
}

export type TraceStage = ForwardStage | LossStage | BackwardStage | UpdateStage;

export interface StepTrace {
  /** The first training row of the batch (0-based) and the number of rows. */
  sample: number;
  rows: number;
  /** The layers in forward order. */
  layers: TraceLayer[];
  /** In order: forward per layer, the loss, backward per layer (last layer first), update per layer with weights. */
  stages: TraceStage[];
  optimizer: string;
  lossBefore: number;
  /** The loss on the same rows after the update (evaluation mode). */
  lossAfter: number;
}

/** The step-through's request (see EngineRequests in protocol.ts): one training step traced from the current weights; the session is not changed. */
export interface TraceRequests {
  trace: {
    request: { sample: number; rows?: number };
    response: { type: 'traced'; trace: StepTrace };
  };
}
