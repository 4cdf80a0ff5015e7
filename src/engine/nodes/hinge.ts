import { elementwiseLoss } from './loss-factory';

export const hinge = elementwiseLoss('hinge');
