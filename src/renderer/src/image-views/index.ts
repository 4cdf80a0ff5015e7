/**
 * Image views: convolution filters and feature maps, autoencoder reconstructions and codes,
 * dataset previews and weights set by hand. Mounted in the inspector (Node and Data tabs);
 * `ImageViewsPanel` is the training panel's tab for the same views over the whole network.
 */
export { NodeImageViews } from './NodeImageViews';
export { DataPreview } from './ImageGrid';
export { ImageViewsPanel, useHasImageViews } from './ImageViewsPanel';
