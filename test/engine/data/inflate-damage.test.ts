/**
 * gunzip on hand-made DEFLATE streams (RFC 1951): each kind of damage is refused with its own
 * reason and the file name, and the container's corners (method, header CRC, trailer) are read
 * right. The streams are written bit by bit, so each one hits exactly the check it is about.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, gunzip } from '../../../src/engine/data/inflate';
import { DataError } from '../../../src/engine/data/types';

/** Writes DEFLATE bits: header fields LSB first, Huffman codes most significant bit first. */
class BitWriter {
  private bytes: number[] = [];
  private bit = 0;

  bits(value: number, n: number): this {
    for (let i = 0; i < n; i++) this.push((value >> i) & 1);
    return this;
  }

  code(code: number, length: number): this {
    for (let i = length - 1; i >= 0; i--) this.push((code >> i) & 1);
    return this;
  }

  /** Pads to the next byte boundary (a stored block's header starts there). */
  align(): this {
    this.bit = 0;
    return this;
  }

  raw(...bytes: number[]): this {
    this.align();
    this.bytes.push(...bytes);
    return this;
  }

  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }

  private push(b: number): void {
    if (this.bit === 0) this.bytes.push(0);
    this.bytes[this.bytes.length - 1] |= b << this.bit;
    this.bit = (this.bit + 1) & 7;
  }
}

/** Fixed-Huffman literal/length codes (RFC 1951 §3.2.6). */
function fixedLit(w: BitWriter, sym: number): BitWriter {
  if (sym < 144) return w.code(0x30 + sym, 8);
  if (sym < 256) return w.code(0x190 + sym - 144, 9);
  if (sym < 280) return w.code(sym - 256, 7);
  return w.code(0xc0 + sym - 280, 8);
}

const header = (flags = 0, method = 8): number[] => [0x1f, 0x8b, method, flags, 0, 0, 0, 0, 0, 255];

/** A gzip member around a raw DEFLATE body, with the right CRC-32 and length of `content`. */
function member(body: Uint8Array, content: Uint8Array, head = header()): Uint8Array {
  const trailer = new Uint8Array(8);
  new DataView(trailer.buffer).setUint32(0, crc32(content), true);
  new DataView(trailer.buffer).setUint32(4, content.length, true);
  return Uint8Array.from([...head, ...body, ...trailer]);
}

function failure(bytes: Uint8Array, name = 'data.gz'): string {
  try {
    gunzip(bytes, name);
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return (e as Error).message;
  }
  throw new Error('expected a DataError');
}

const damaged = (why: string, name = 'data.gz') => `${name}: the gzip data is damaged (${why})`;
const text = (s: string) => new TextEncoder().encode(s);

describe('hand-written DEFLATE streams that are valid', () => {
  it('a fixed-Huffman block with literals and a back-reference to the very first byte', () => {
    // "ab", then <length 4, distance 2> copies "abab" (overlapping), then end of block.
    const w = new BitWriter().bits(1, 1).bits(1, 2);
    fixedLit(w, 97);
    fixedLit(w, 98);
    fixedLit(w, 258); // length 4
    w.code(1, 5); // distance code 1: distance 2 = everything written so far
    fixedLit(w, 256);
    const out = text('ababab');
    expect(gunzip(member(w.done(), out), 'x.gz')).toEqual(out);
  });

  it('the longest lengths (258 with its own code, 227 + 31 with five extra bits) and extra distance bits', () => {
    const w = new BitWriter().bits(1, 1).bits(1, 2);
    fixedLit(w, 120);
    fixedLit(w, 285); // length 258, no extra bits
    w.code(0, 5); // distance 1
    fixedLit(w, 284).bits(30, 5); // 227 + 30 = 257
    w.code(0, 5);
    fixedLit(w, 121);
    fixedLit(w, 266).bits(1, 1); // 13 + 1 = 14
    w.code(4, 5).bits(1, 1); // distance code 4: 5 + 1 = 6
    fixedLit(w, 256);
    const xs = 'x'.repeat(1 + 258 + 257);
    const out = text(`${xs}y${(xs.slice(-5) + 'y').repeat(3).slice(0, 14)}`);
    expect(gunzip(member(w.done(), out), 'x.gz')).toEqual(out);
  });

  it('a stored block followed by a fixed block in the same member', () => {
    const w = new BitWriter().bits(0, 1).bits(0, 2).raw(3, 0, 0xfc, 0xff, 65, 66, 67);
    w.bits(1, 1).bits(1, 2);
    fixedLit(w, 68);
    fixedLit(w, 256);
    const out = text('ABCD');
    expect(gunzip(member(w.done(), out), 'x.gz')).toEqual(out);
  });

  it('output far beyond the size hint grows the buffer and keeps every byte (1 MB of runs from a small file)', () => {
    const data = new Uint8Array(1 << 20);
    for (let i = 0; i < data.length; i += 4096) data[i] = (i >> 12) & 0xff;
    const gz = new Uint8Array(gzipSync(data, { level: 9 }));
    expect(gz.length * 16 + 65536).toBeLessThan(data.length); // so the first buffer is too small
    expect(Buffer.from(gunzip(gz, 'big.gz')).equals(data)).toBe(true);
  });

  it('skips a header CRC (FHCRC) and a name, and reads a member whose body starts after them', () => {
    const body = new BitWriter().bits(1, 1).bits(0, 2).raw(2, 0, 0xfd, 0xff, 7, 9).done();
    const named = [...header(8 | 2), ...text('f.idx'), 0, 0xaa, 0xbb];
    expect(Array.from(gunzip(member(body, Uint8Array.of(7, 9), named), 'x.gz'))).toEqual([7, 9]);
    expect(Array.from(gunzip(member(body, Uint8Array.of(7, 9), [...header(2), 0x12, 0x34]), 'x.gz'))).toEqual([7, 9]);
  });
});

describe('damaged DEFLATE streams', () => {
  it('block type 3 does not exist', () => {
    expect(failure(member(new BitWriter().bits(1, 1).bits(3, 2).bits(0, 5).done(), new Uint8Array(0)))).toBe(damaged('an invalid block type'));
  });

  it("a stored block whose length and its complement disagree, or whose bytes are not all there", () => {
    const badLength = new BitWriter().bits(1, 1).bits(0, 2).raw(5, 0, 0xfa, 0xfe, 1, 2, 3, 4, 5).done();
    expect(failure(member(badLength, new Uint8Array(5)))).toBe(damaged('a stored block with a bad length'));
    // LEN = 40 but only 5 bytes follow (the trailer's 8 bytes make the file long enough to pass the length check of the container).
    const short = new BitWriter().bits(1, 1).bits(0, 2).raw(40, 0, 0xd7, 0xff, 1, 2, 3, 4, 5).done();
    expect(failure(member(short, new Uint8Array(0)))).toBe(damaged('the file is truncated'));
  });

  it('a stored block whose 4-byte header is cut off', () => {
    // 10-byte header + a 7-byte name + the block's first byte: 18 bytes, the smallest file read at all.
    const cut = Uint8Array.from([...header(8), ...text('abcdef'), 0, ...new BitWriter().bits(1, 1).bits(0, 2).done()]);
    expect(cut.length).toBe(18);
    expect(failure(cut)).toBe(damaged('the file is truncated'));
  });

  it('length symbols 286 and 287 are invalid', () => {
    for (const sym of [286, 287]) {
      const w = new BitWriter().bits(1, 1).bits(1, 2);
      fixedLit(w, 97);
      fixedLit(w, sym).code(0, 5);
      fixedLit(w, 256);
      expect(failure(member(w.done(), text('a')))).toBe(damaged('an invalid length code'));
    }
  });

  it('a complete literal code down to 15-bit codes, the longest DEFLATE allows', () => {
    // Code-length alphabet: 0..15, 16 and 18, all with 5-bit codes given in symbol order (0 -> 0, …, 16 -> 16, 18 -> 17).
    const w = new BitWriter().bits(1, 1).bits(2, 2).bits(0, 5).bits(0, 5).bits(15, 4);
    for (const sym of [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]) w.bits(sym === 17 ? 0 : 5, 3);
    const put = (sym: number) => w.code(sym === 18 ? 17 : sym, 5);
    put(18).bits(97 - 11, 7); // 0..96 unused
    for (let len = 2; len <= 15; len++) put(len); // 97..110: lengths 2..15
    put(15); // 111: a second 15-bit code completes the code
    put(18).bits(138 - 11, 7); // 112..249 unused
    put(16).bits(3, 2); // 250..255: the previous length (0) six more times
    put(1); // 256: end of block
    put(0); // the distance code is unused
    // Canonical codes: 256 -> 0; length k (2..14) -> k−1 ones then a zero; 110 -> 2^15 − 2, 111 -> 2^15 − 1.
    w.code(2 ** 15 - 2, 15).code(2 ** 15 - 1, 15).code(0b10, 2).code(2 ** 14 - 2, 14).code(0, 1);
    const out = text('noam');
    expect(gunzip(member(w.done(), out), 'x.gz')).toEqual(out);
  });

  it('distance symbols 30 and 31 (only a dynamic block can give them codes) are invalid', () => {
    for (const dist of [30, 31]) {
      // HLIT 1 (258 literal/length codes, so 257 exists), HDIST 31 (32 distance codes), HCLEN 15 (19 lengths).
      const w = new BitWriter().bits(1, 1).bits(2, 2).bits(1, 5).bits(31, 5).bits(15, 4);
      // Code-length alphabet: 0, 1, 2 and 18 with 2-bit codes 00, 01, 10, 11 (order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1 15).
      for (const l of [0, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0]) w.bits(l, 3);
      const put = (sym: 0 | 1 | 2 | 18) => w.code({ 0: 0, 1: 1, 2: 2, 18: 3 }[sym], 2);
      put(18).bits(97 - 11, 7); // 0..96 unused
      put(2); // 'a'
      put(18).bits(127, 7); // 98..235
      put(18).bits(20 - 11, 7); // 236..255
      put(2); // 256
      put(1); // 257 (length 3)
      put(18).bits(30 - 11, 7); // distance codes 0..29 unused
      put(1); // 30
      put(1); // 31
      // Literal codes: 257 -> 0, 'a' -> 10, 256 -> 11. Distance codes: 30 -> 0, 31 -> 1.
      w.code(0b10, 2).code(0, 1).code(dist - 30, 1).code(0b11, 2).bits(0, 16);
      expect(failure(member(w.done(), text('aaaa')))).toBe(damaged('an invalid distance code'));
    }
  });

  it('a back-reference before the first byte', () => {
    const w = new BitWriter().bits(1, 1).bits(1, 2);
    fixedLit(w, 97);
    fixedLit(w, 257).code(1, 5); // distance 2, but only 1 byte written
    fixedLit(w, 256);
    expect(failure(member(w.done(), text('aaaa')))).toBe(damaged('a distance before the start of the data'));
  });

  /** A dynamic block's header: HLIT = 257, HDIST = 1, HCLEN = 4 code-length codes for symbols 16, 17, 18, 0. */
  const dynamic = (lengths16_17_18_0: number[]): BitWriter => {
    const w = new BitWriter().bits(1, 1).bits(2, 2).bits(0, 5).bits(0, 5).bits(0, 4);
    for (const l of lengths16_17_18_0) w.bits(l, 3);
    return w;
  };

  it('dynamic blocks: an over-subscribed code, a code with holes, a repeat of nothing, too many lengths', () => {
    // Four symbols with 1-bit codes: only two 1-bit codes exist.
    expect(failure(member(dynamic([1, 1, 1, 1]).bits(0, 16).done(), new Uint8Array(0)))).toBe(damaged('an over-subscribed Huffman code'));
    // Only symbol 0 has a code (00): the input 11 matches no code.
    expect(failure(member(dynamic([0, 0, 0, 2]).code(3, 2).bits(0, 16).done(), new Uint8Array(0)))).toBe(damaged('an invalid Huffman code'));
    // Symbols 0 (code 0) and 16 (code 1): a 16 first has no earlier length to repeat.
    expect(failure(member(dynamic([1, 0, 0, 1]).code(1, 1).bits(0, 16).done(), new Uint8Array(0)))).toBe(damaged('a repeat with nothing to repeat'));
    // Symbols 0 (code 0) and 18 (code 1): two runs of 138 zeros overflow the 258 lengths.
    expect(failure(member(dynamic([0, 0, 1, 1]).code(1, 1).bits(127, 7).code(1, 1).bits(127, 7).bits(0, 16).done(), new Uint8Array(0)))).toBe(
      damaged('too many code lengths'),
    );
  });

  it('a dynamic block whose code lengths use all three repeat codes decodes', () => {
    // Code-length alphabet: 0, 1, 3, 16, 17, 18, each with a 3-bit code (000 … 101 in symbol order).
    // HCLEN 14 sends 18 lengths in the order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1.
    const w = new BitWriter().bits(1, 1).bits(2, 2).bits(0, 5).bits(0, 5).bits(14, 4);
    for (const l of [3, 3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 3]) w.bits(l, 3);
    const cl = { 0: 0, 1: 1, 3: 2, 16: 3, 17: 4, 18: 5 } as const;
    const put = (sym: keyof typeof cl) => w.code(cl[sym], 3);
    // Literal/length code lengths: 97..100 ('a'..'d') 3 bits, 256 (end of block) 1 bit, the rest 0.
    put(18).bits(97 - 11, 7); // 0..96: 97 zeros
    put(3);
    put(16).bits(0, 2); // 98..100: the previous length 3, three more times
    put(18).bits(127, 7); // 101..238: 138 zeros
    put(17).bits(7, 3); // 239..248: 10 zeros
    put(17).bits(4, 3); // 249..255: 7 zeros
    put(1); // 256
    put(0); // the one distance code is unused
    // Canonical codes: 256 -> 0; 'a' 100, 'b' 101, 'c' 110, 'd' 111.
    for (const c of 'abcddcba') w.code(0b100 + c.charCodeAt(0) - 97, 3);
    w.code(0, 1);
    const out = text('abcddcba');
    expect(gunzip(member(w.done(), out), 'x.gz')).toEqual(out);
  });
});

describe('the gzip container', () => {
  const good = new Uint8Array(gzipSync(text('hello hello hello')));

  it('refuses another compression method, naming it', () => {
    const other = good.slice();
    other[2] = 7;
    expect(failure(other, 'm.gz')).toBe('m.gz: gzip compression method 7 is not supported (only deflate)');
  });

  it('checks the uncompressed length in the trailer and a trailer that is cut short', () => {
    const wrongLength = good.slice();
    wrongLength[wrongLength.length - 4] ^= 1;
    expect(failure(wrongLength, 'l.gz')).toBe(damaged('wrong uncompressed length', 'l.gz'));
    // The stored block is complete but only 4 of the 8 trailer bytes follow it.
    const body = new BitWriter().bits(1, 1).bits(0, 2).raw(4, 0, 0xfb, 0xff, 1, 2, 3, 4).done();
    const cut = Uint8Array.from([...header(), ...body, 0, 0, 0, 0]);
    expect(failure(cut, 't.gz')).toBe(damaged('the file is truncated', 't.gz'));
  });

  it('a trailer that understates the length: the output still grows to hold a large stored block, then the length is refused', () => {
    const data = Uint8Array.from({ length: 3000 }, (_, i) => i % 256);
    const body = new BitWriter().bits(1, 1).bits(0, 2).raw(3000 & 0xff, 3000 >> 8, ~3000 & 0xff, (~3000 >> 8) & 0xff, ...data).done();
    const gz = member(body, data);
    new DataView(gz.buffer).setUint32(gz.length - 4, 10, true);
    expect(failure(gz, 'u.gz')).toBe(damaged('wrong uncompressed length', 'u.gz'));
  });

  it('a file name or comment that is never terminated runs into the end of the file', () => {
    for (const flag of [8, 16]) {
      const bytes = Uint8Array.from([...header(flag), ...text('name-without-end')]);
      expect(failure(bytes, 'n.gz')).toBe(damaged('it ends in the middle of the compressed data: the file is truncated', 'n.gz'));
    }
  });

  it('needs at least 18 bytes and the signature', () => {
    expect(failure(good.subarray(0, 17), 's.gz')).toBe('s.gz: not a gzip file (it does not start with the gzip signature 1f 8b)');
    const sig = good.slice();
    sig[1] = 0x8c;
    expect(failure(sig, 's.gz')).toBe('s.gz: not a gzip file (it does not start with the gzip signature 1f 8b)');
  });
});
