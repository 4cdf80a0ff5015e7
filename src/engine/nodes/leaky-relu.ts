import { Act } from '../ops/activations';
import { elementwiseActivation } from './activation-factory';

export const leakyRelu = elementwiseActivation<'leakyRelu'>(Act.leakyRelu);
