/** Environment variable naming the built-in datasets folder for the engine process (set for packaged apps). */
export const DATASETS_DIR_ENV = 'BACKPROP_DATASETS_DIR';
