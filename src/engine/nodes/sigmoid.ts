import { Act } from '../ops/activations';
import { elementwiseActivation } from './activation-factory';

export const sigmoid = elementwiseActivation<'sigmoid'>(Act.sigmoid);
