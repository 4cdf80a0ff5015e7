import { Act } from '../ops/activations';
import { elementwiseActivation } from './activation-factory';

export const tanh = elementwiseActivation<'tanh'>(Act.tanh);
