/** Weight initialisers (Keras names). fanIn/fanOut follow the Keras/PyTorch convention. */
import type { WeightInit } from '../shared/nodes/types';
import type { Rng } from './random';

export type InitKind = WeightInit;

/**
 * Fills `out` in place. `uniform` is U(−0.05, 0.05) and `normal` N(0, 0.05²) as Keras's
 * RandomUniform/RandomNormal defaults; the normal variants use a plain (not truncated) normal.
 */
export function initialize(kind: InitKind, out: Float32Array, fanIn: number, fanOut: number, rng: Rng): void {
  switch (kind) {
    case 'zeros':
      out.fill(0);
      return;
    case 'ones':
      out.fill(1);
      return;
    case 'uniform':
      return fillUniform(out, 0.05, rng);
    case 'normal':
      return fillNormal(out, 0.05, rng);
    case 'glorotUniform':
      return fillUniform(out, Math.sqrt(6 / (fanIn + fanOut)), rng);
    case 'glorotNormal':
      return fillNormal(out, Math.sqrt(2 / (fanIn + fanOut)), rng);
    case 'heUniform':
      return fillUniform(out, Math.sqrt(6 / fanIn), rng);
    case 'heNormal':
      return fillNormal(out, Math.sqrt(2 / fanIn), rng);
    case 'lecunNormal':
      return fillNormal(out, Math.sqrt(1 / fanIn), rng);
  }
}

function fillUniform(out: Float32Array, limit: number, rng: Rng): void {
  for (let i = 0; i < out.length; i++) out[i] = rng.uniform(-limit, limit);
}

function fillNormal(out: Float32Array, std: number, rng: Rng): void {
  for (let i = 0; i < out.length; i++) out[i] = std * rng.normal();
}
