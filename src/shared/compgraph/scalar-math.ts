/**
 * The scalar functions shared by the palette blocks and the expression language, with the
 * conventions at their kinks (as PyTorch): relu′(0) = 0, |x|′ at 0 = sign(0) = 0.
 */
export const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
export const relu = (x: number): number => (x > 0 ? x : 0);
/** Heaviside step with step(0) = 0, the derivative of relu. */
export const step = (x: number): number => (x > 0 ? 1 : 0);
export const sign = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : 0);
