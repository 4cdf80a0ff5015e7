import { elementwiseLoss } from './loss-factory';

export const mse = elementwiseLoss('mse');
