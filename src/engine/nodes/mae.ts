import { elementwiseLoss } from './loss-factory';

export const mae = elementwiseLoss('mae');
