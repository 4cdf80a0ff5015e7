import { Act } from '../ops/activations';
import { elementwiseActivation } from './activation-factory';

export const sign = elementwiseActivation<'sign'>(Act.sign);
