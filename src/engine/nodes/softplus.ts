import { Act } from '../ops/activations';
import { elementwiseActivation } from './activation-factory';

export const softplus = elementwiseActivation<'softplus'>(Act.softplus);
