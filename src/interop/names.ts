/** Names the exports give things: identifiers for ONNX values, Python variables and file names. */

/** A valid identifier made from `text` (letters, digits, underscores; never starting with a digit). */
export function identifier(text: string, fallback = 'x'): string {
  const id = text.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (!id) return fallback;
  return /^[0-9]/.test(id) ? `_${id}` : id;
}
