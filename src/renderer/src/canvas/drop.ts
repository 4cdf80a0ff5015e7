/** The data type a palette item carries while dragged onto the canvas. */
export const NODE_TYPE_MIME = 'application/x-backprop-node-type';
