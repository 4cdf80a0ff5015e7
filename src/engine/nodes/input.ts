/** Input: the data enters here; the model copies each batch into the node's output. */
import { Layer, type EngineNode } from './layer';

export class InputLayer extends Layer {
  forward(): void {}
  backward(): void {}
}

export const input: EngineNode<'input'> = {
  build: (node) => new InputLayer(node),
  dataEntry: true,
};
