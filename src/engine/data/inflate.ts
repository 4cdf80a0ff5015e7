/**
 * gunzip in pure TypeScript (the engine runs in Node, a utility process and a Web Worker, so it
 * cannot lean on node:zlib or DecompressionStream): the gzip container (RFC 1952) around a raw
 * DEFLATE stream (RFC 1951) with stored, fixed-Huffman and dynamic-Huffman blocks. Huffman codes
 * are decoded through one lookup table per code (indexed by the next `bits` input bits, LSB
 * first, each entry = symbol << 4 | code length). The CRC-32 and length in the trailer are checked.
 */
import { DataError } from './types';

/** Length and distance bases and extra bits (RFC 1951 §3.2.5). */
const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** Order in which code-length code lengths are sent (§3.2.7). */
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

interface Table {
  entries: Int32Array;
  bits: number;
}

/** A canonical Huffman decoding table from code lengths (0 = symbol unused). */
function buildTable(lengths: ArrayLike<number>, fail: (why: string) => never): Table {
  let bits = 0;
  for (let i = 0; i < lengths.length; i++) bits = Math.max(bits, lengths[i]);
  const entries = new Int32Array(1 << Math.max(bits, 1)).fill(-1);
  const count = new Int32Array(16);
  for (let i = 0; i < lengths.length; i++) count[lengths[i]]++;
  count[0] = 0;
  const next = new Int32Array(16);
  for (let len = 1, code = 0; len <= 15; len++) {
    code = (code + count[len - 1]) << 1;
    next[len] = code;
    if (code + count[len] > 1 << len) fail('an over-subscribed Huffman code');
  }
  for (let sym = 0; sym < lengths.length; sym++) {
    const len = lengths[sym];
    if (len === 0) continue;
    let code = next[len]++;
    let rev = 0; // Huffman codes are sent most significant bit first; the table is indexed LSB first
    for (let i = 0; i < len; i++, code >>= 1) rev = (rev << 1) | (code & 1);
    for (let i = rev; i < entries.length; i += 1 << len) entries[i] = (sym << 4) | len;
  }
  return { entries, bits };
}

class Inflater {
  private pos: number;
  private bitBuf = 0;
  private bitCount = 0;
  out: Uint8Array;
  outLen = 0;

  constructor(
    private readonly src: Uint8Array,
    start: number,
    sizeHint: number,
    private readonly name: string,
  ) {
    this.pos = start;
    this.out = new Uint8Array(Math.max(1024, sizeHint));
  }

  fail(why: string): never {
    throw new DataError(`${this.name}: the gzip data is damaged (${why})`);
  }

  get bytePos(): number {
    return this.pos;
  }

  private need(n: number): void {
    while (this.bitCount < n) {
      if (this.pos >= this.src.length) this.fail('it ends in the middle of the compressed data: the file is truncated');
      this.bitBuf |= this.src[this.pos++] << this.bitCount;
      this.bitCount += 8;
    }
  }

  private bits(n: number): number {
    if (n === 0) return 0;
    this.need(n);
    const v = this.bitBuf & ((1 << n) - 1);
    this.bitBuf >>>= n;
    this.bitCount -= n;
    return v;
  }

  private decode(t: Table): number {
    // Near the end of the input fewer than t.bits bits may remain: pad with zeros, then check the length used.
    while (this.bitCount < t.bits && this.pos < this.src.length) {
      this.bitBuf |= this.src[this.pos++] << this.bitCount;
      this.bitCount += 8;
    }
    const e = t.entries[this.bitBuf & ((1 << t.bits) - 1)];
    if (e < 0) this.fail('an invalid Huffman code');
    const len = e & 15;
    if (len > this.bitCount) this.fail('it ends in the middle of the compressed data: the file is truncated');
    this.bitBuf >>>= len;
    this.bitCount -= len;
    return e >> 4;
  }

  private ensure(extra: number): void {
    if (this.outLen + extra <= this.out.length) return;
    const grown = new Uint8Array(Math.max(this.out.length * 2, this.outLen + extra));
    grown.set(this.out.subarray(0, this.outLen));
    this.out = grown;
  }

  run(): void {
    let last = 0;
    while (!last) {
      last = this.bits(1);
      const type = this.bits(2);
      if (type === 0) this.stored();
      else if (type === 1) this.codes(FIXED.lit, FIXED.dist);
      else if (type === 2) this.dynamic();
      else this.fail('an invalid block type');
    }
    this.alignToByte(); // the gzip trailer starts at the next byte boundary
  }

  /** Drops the bits left of the current byte and gives back whole bytes read ahead. */
  private alignToByte(): void {
    this.pos -= this.bitCount >>> 3;
    this.bitBuf = this.bitCount = 0;
  }

  private stored(): void {
    this.alignToByte();
    if (this.pos + 4 > this.src.length) this.fail('the file is truncated');
    const len = this.src[this.pos] | (this.src[this.pos + 1] << 8);
    const nlen = this.src[this.pos + 2] | (this.src[this.pos + 3] << 8);
    if ((len ^ 0xffff) !== nlen) this.fail('a stored block with a bad length');
    this.pos += 4;
    if (this.pos + len > this.src.length) this.fail('the file is truncated');
    this.ensure(len);
    this.out.set(this.src.subarray(this.pos, this.pos + len), this.outLen);
    this.outLen += len;
    this.pos += len;
  }

  private dynamic(): void {
    const nlit = this.bits(5) + 257;
    const ndist = this.bits(5) + 1;
    const nclen = this.bits(4) + 4;
    const clLengths = new Uint8Array(19);
    for (let i = 0; i < nclen; i++) clLengths[CL_ORDER[i]] = this.bits(3);
    const clTable = buildTable(clLengths, (w) => this.fail(w));
    const lengths = new Uint8Array(nlit + ndist);
    for (let i = 0; i < lengths.length; ) {
      const sym = this.decode(clTable);
      if (sym < 16) {
        lengths[i++] = sym;
        continue;
      }
      let repeat: number;
      let value = 0;
      if (sym === 16) {
        if (i === 0) this.fail('a repeat with nothing to repeat');
        value = lengths[i - 1];
        repeat = 3 + this.bits(2);
      } else repeat = sym === 17 ? 3 + this.bits(3) : 11 + this.bits(7);
      if (i + repeat > lengths.length) this.fail('too many code lengths');
      lengths.fill(value, i, i + repeat);
      i += repeat;
    }
    const fail = (w: string): never => this.fail(w);
    this.codes(buildTable(lengths.subarray(0, nlit), fail), buildTable(lengths.subarray(nlit), fail));
  }

  private codes(lit: Table, dist: Table): void {
    for (;;) {
      const sym = this.decode(lit);
      if (sym < 256) {
        this.ensure(1);
        this.out[this.outLen++] = sym;
        continue;
      }
      if (sym === 256) return;
      const li = sym - 257;
      if (li >= 29) this.fail('an invalid length code');
      const len = LEN_BASE[li] + this.bits(LEN_EXTRA[li]);
      const di = this.decode(dist);
      if (di >= 30) this.fail('an invalid distance code');
      const d = DIST_BASE[di] + this.bits(DIST_EXTRA[di]);
      if (d > this.outLen) this.fail('a distance before the start of the data');
      this.ensure(len);
      const out = this.out;
      for (let k = 0, from = this.outLen - d; k < len; k++) out[this.outLen++] = out[from + k];
    }
  }
}

const FIXED = (() => {
  const lit = new Uint8Array(288);
  lit.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
  const fail = (w: string): never => {
    throw new Error(w);
  };
  return { lit: buildTable(lit, fail), dist: buildTable(new Uint8Array(30).fill(5), fail) };
})();

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32(bytes: Uint8Array, len = bytes.length): number {
  let c = -1;
  for (let i = 0; i < len; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Decompresses a .gz file (one member). `name` appears in every error. */
export function gunzip(bytes: Uint8Array, name: string): Uint8Array {
  const fail = (why: string): never => {
    throw new DataError(`${name}: ${why}`);
  };
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) fail('not a gzip file (it does not start with the gzip signature 1f 8b)');
  if (bytes[2] !== 8) fail(`gzip compression method ${bytes[2]} is not supported (only deflate)`);
  const flags = bytes[3];
  let pos = 10;
  if (flags & 4) pos += 2 + (bytes[pos] | (bytes[pos + 1] << 8)); // FEXTRA
  if (flags & 8) while (pos < bytes.length && bytes[pos++] !== 0); // FNAME
  if (flags & 16) while (pos < bytes.length && bytes[pos++] !== 0); // FCOMMENT
  if (flags & 2) pos += 2; // FHCRC
  const u32 = (at: number): number => (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
  // The trailer's length is only a hint (a damaged file could claim 4 GB); the output grows as needed.
  const inflater = new Inflater(bytes, pos, Math.min(u32(bytes.length - 4), 16 * bytes.length + 65536), name);
  inflater.run();
  const end = inflater.bytePos;
  if (end + 8 > bytes.length) fail('the gzip data is damaged (the file is truncated)');
  const out = inflater.out.subarray(0, inflater.outLen);
  if (u32(end + 4) !== (out.length >>> 0)) fail('the gzip data is damaged (wrong uncompressed length)');
  if (u32(end) !== crc32(out)) fail('the gzip data is damaged (CRC-32 mismatch)');
  return out;
}
