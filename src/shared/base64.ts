/**
 * Standard base64 (RFC 4648, with '=' padding) in pure TypeScript: no Buffer (Node only), no
 * atob/btoa (they work on "binary strings" and are slow for megabytes of weights).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 0x3d; // '='
const ENCODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const INVALID = 255;
const DECODE = (() => {
  const table = new Uint8Array(256).fill(INVALID);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

export class Base64Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Base64Error';
  }
}

export function encodeBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENCODE[v >>> 18]!;
    out[o++] = ENCODE[(v >>> 12) & 63]!;
    out[o++] = ENCODE[(v >>> 6) & 63]!;
    out[o++] = ENCODE[v & 63]!;
  }
  const rest = n - i;
  if (rest > 0) {
    const v = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out[o++] = ENCODE[v >>> 18]!;
    out[o++] = ENCODE[(v >>> 12) & 63]!;
    out[o++] = rest === 2 ? ENCODE[(v >>> 6) & 63]! : PAD;
    out[o++] = PAD;
  }
  return asciiToString(out);
}

/** Bytes → string in chunks: String.fromCharCode with too many arguments overflows the stack. */
function asciiToString(codes: Uint8Array): string {
  const CHUNK = 0x2000;
  const parts: string[] = [];
  for (let i = 0; i < codes.length; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, codes.subarray(i, i + CHUNK) as unknown as number[]));
  }
  return parts.join('');
}

/** How many bytes `text` decodes to, or an error text (cheap: looks at the length and padding only). */
export function decodedLength(text: string): number | string {
  if (text.length % 4 !== 0) return `base64 text must have a length that is a multiple of 4 (got ${text.length})`;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** Decodes standard padded base64; throws Base64Error naming the first bad character's position. */
export function decodeBase64(text: string): Uint8Array {
  const length = decodedLength(text);
  if (typeof length === 'string') throw new Base64Error(length);
  const out = new Uint8Array(length);
  const full = Math.floor(length / 3) * 4; // characters forming complete 3-byte groups
  let o = 0;
  for (let i = 0; i < full; i += 4) {
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const c = sextet(text, i + 2);
    const d = sextet(text, i + 3);
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >>> 16;
    out[o++] = (v >>> 8) & 255;
    out[o++] = v & 255;
  }
  const rest = length - o; // 0, 1 or 2 bytes in a final padded group
  if (rest > 0) {
    const a = sextet(text, full);
    const b = sextet(text, full + 1);
    const c = rest === 2 ? sextet(text, full + 2) : 0;
    const v = (a << 18) | (b << 12) | (c << 6);
    // Canonical encoders leave the unused low bits zero; anything else is a corrupted text.
    if ((rest === 1 ? v & 0xffff : v & 0xff) !== 0) throw new Base64Error(`base64 text has stray bits in its last group (at character ${full + rest})`);
    out[o++] = v >>> 16;
    if (rest === 2) out[o++] = (v >>> 8) & 255;
  }
  return out;
}

function sextet(text: string, i: number): number {
  const code = text.charCodeAt(i);
  const value = code < 256 ? DECODE[code]! : INVALID;
  if (value === INVALID) throw new Base64Error(`invalid base64 character '${text[i]}' at position ${i}`);
  return value;
}
