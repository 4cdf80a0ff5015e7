/**
 * Protocol messages for the gradient check (finite differences against backprop, as in the
 * lectures): for some weights of one parameter tensor, the gradient backprop computes and the
 * central difference (L(w + ε) − L(w − ε)) / 2ε, on a fixed batch in evaluation mode. Part of
 * the renderer ↔ engine protocol (protocol.ts); computed by src/engine/gradient-check.ts.
 */

/** The step sizes offered: big ones show truncation error, small ones float32 rounding error. */
export const GRADIENT_CHECK_EPSILONS = [1e-1, 1e-2, 1e-3, 1e-4] as const;
/**
 * 1e-3: small enough that a ReLU input rarely crosses 0 between w − ε and w + ε (with 1e-2 a
 * trained Iris network's hidden layer had one weight out of 8 at such a kink), large enough that
 * float32 rounding of the loss stays below 1e-3 relative error.
 */
export const DEFAULT_GRADIENT_CHECK_EPSILON = 1e-3;
/** Weights checked per request, at most. */
export const MAX_GRADIENT_CHECK_COUNT = 32;
export const DEFAULT_GRADIENT_CHECK_COUNT = 8;
/** The batch: the first rows of the training split, at most this many. */
export const GRADIENT_CHECK_ROWS = 32;

export interface GradientCheckEntry {
  /** Flat index into the tensor, and the same as a position ([row, column] of a Dense kernel). */
  index: number;
  position: number[];
  backprop: number;
  numeric: number;
  /** |backprop − numeric| / max(|backprop|, |numeric|), 0 when both are 0. */
  relativeError: number;
  /**
   * Moving this weight from w − ε to w + ε moved an input of a ReLU, Leaky ReLU, Step or Sign
   * across 0 for some row of the batch: the loss has a kink there, no derivative, so the
   * difference quotient is not a test of backprop. Such entries are shown, not judged.
   */
  atKink: boolean;
}

export interface GradientCheckResult {
  nodeId: string;
  param: string;
  shape: number[];
  /** Rows of the batch, and its loss at the current weights. */
  rows: number;
  loss: number;
  epsilon: number;
  entries: GradientCheckEntry[];
  /** The largest relative error among the entries not at a kink (0 when every entry is). */
  maxRelativeError: number;
  /** How many entries are at a kink (`atKink`). */
  kinks: number;
}

/**
 * The gradient check's request (see EngineRequests in protocol.ts). `include`: a flat index to
 * check besides the spread ones (the step-through's "Check this gradient").
 */
export interface GradientCheckRequests {
  gradientCheck: {
    request: { nodeId: string; param: string; epsilon: number; count?: number; include?: number };
    response: { type: 'gradientChecked'; result: GradientCheckResult };
  };
}
