import { Act } from '../ops/activations';
import { elementwiseActivation } from './activation-factory';

export const identity = elementwiseActivation<'identity'>(Act.identity);
