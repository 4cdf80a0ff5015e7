/**
 * Optimiser hyper-parameter defaults (PyTorch 1.13's, except RMSprop's `rho`, PyTorch's `alpha`).
 * They live with the project format, which documents and fills them; the engine reads the same table.
 */
export { OPTIMIZER_DEFAULTS } from '../../shared/project-defaults';
