import { Act } from '../ops/activations';
import { elementwiseActivation } from './activation-factory';

export const elu = elementwiseActivation<'elu'>(Act.elu);
