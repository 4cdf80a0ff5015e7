import { Act } from '../ops/activations';
import { elementwiseActivation } from './activation-factory';

export const step = elementwiseActivation<'step'>(Act.step);
