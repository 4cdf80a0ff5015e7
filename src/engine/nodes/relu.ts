import { Act } from '../ops/activations';
import { elementwiseActivation } from './activation-factory';

export const relu = elementwiseActivation<'relu'>(Act.relu);
