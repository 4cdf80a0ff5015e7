import { describe, expect, it } from 'vitest';
import { Base64Error, decodeBase64, decodedLength, encodeBase64 } from '../../src/shared/base64';
import { decodeTensor, encodeTensor, ProjectError } from '../../src/shared/project';

function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe('base64', () => {
  it('matches the RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of vectors) {
      const bytes = Uint8Array.from(plain, (c) => c.charCodeAt(0));
      expect(encodeBase64(bytes)).toBe(encoded);
      expect(decodeBase64(encoded)).toEqual(bytes);
    }
  });

  it('round-trips every length from 0 to 7 bytes and agrees with Buffer', () => {
    for (let n = 0; n <= 7; n++) {
      for (let seed = 1; seed <= 20; seed++) {
        const bytes = randomBytes(n, seed * 31 + n);
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(decodedLength(text)).toBe(n);
        expect(decodeBase64(text)).toEqual(bytes);
      }
    }
  });

  it('round-trips all byte values and megabytes quickly', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(decodeBase64(encodeBase64(all))).toEqual(all);
    const big = randomBytes(4 * 1024 * 1024 + 1, 7);
    const start = performance.now();
    const text = encodeBase64(big);
    const back = decodeBase64(text);
    // The time bound is a property of the real code: under mutation testing (instrumented, see
    // stryker.config.mjs) only the round trip is checked.
    if (process.env.BPROP_MUTATION_RUN !== '1') expect(performance.now() - start).toBeLessThan(2000);
    // Buffer comparisons: a deep-equal of 4 MB element by element would take seconds.
    expect(text === Buffer.from(big).toString('base64')).toBe(true);
    expect(Buffer.compare(Buffer.from(back), Buffer.from(big))).toBe(0);
  });

  it('refuses malformed text with the position', () => {
    expect(() => decodeBase64('Zm9')).toThrow(new Base64Error('base64 text must have a length that is a multiple of 4 (got 3)'));
    expect(() => decodeBase64('Zm9v!A==')).toThrow("invalid base64 character '!' at position 4");
    expect(() => decodeBase64('Zg==Zg==')).toThrow("invalid base64 character '=' at position 2");
    expect(() => decodeBase64('A===')).toThrow("invalid base64 character '=' at position 1");
    expect(() => decodeBase64('Zh==')).toThrow('base64 text has stray bits in its last group (at character 1)');
    expect(() => decodeBase64('Zm9é')).toThrow("invalid base64 character 'é' at position 3");
  });
});

describe('tensor encoding', () => {
  const special = [0, -0, 1, -1.5, Infinity, -Infinity, 1e-45, -1e-45, 1.17549421e-38, 3.4028235e38, Math.PI, 2 ** -126];

  it('round-trips float32 values bit for bit, including -0, infinities and subnormals', () => {
    const random = new Float32Array(new Uint32Array(randomBytes(4 * 997, 3).buffer).map((u) => u & 0x7f7fffff)).map((v, i) => (i % 2 ? -v : v));
    for (const values of [special, Array.from(random)]) {
      const data = Float32Array.from(values);
      const shape = [data.length];
      const t = encodeTensor(shape, data);
      const back = decodeTensor(t, 'weights.h.kernel');
      expect(back.shape).toEqual(shape);
      expect(new Uint32Array(back.data.buffer)).toEqual(new Uint32Array(data.buffer));
    }
    expect(Object.is(decodeTensor(encodeTensor([1], Float32Array.of(-0)), 'w').data[0], -0)).toBe(true);
  });

  it('stores float32 little-endian', () => {
    const t = encodeTensor([2], Float32Array.from([1, -2]));
    expect(Array.from(Buffer.from(t.data, 'base64'))).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]);
    expect(t).toEqual({ shape: [2], data: 'AACAPwAAAMA=' });
  });

  it('encodes a view into a larger buffer correctly', () => {
    const whole = Float32Array.from([9, 1, 2, 3, 9]);
    expect(decodeTensor(encodeTensor([3], whole.subarray(1, 4)), 'w').data).toEqual(Float32Array.from([1, 2, 3]));
  });

  it('checks the length against the shape, naming the path', () => {
    expect(() => encodeTensor([2, 2], new Float32Array(3))).toThrow('encodeTensor: shape [2, 2] needs 4 values, got 3');
    const t = encodeTensor([3], new Float32Array(3));
    const err = catchError(() => decodeTensor({ shape: [2, 2], data: t.data }, 'weights.h.kernel'));
    expect(err).toBeInstanceOf(ProjectError);
    expect(err.message).toBe('weights.h.kernel.data: holds 3 values but the shape [2, 2] needs 4');
    expect(err.path).toBe('weights.h.kernel.data');
    expect(() => decodeTensor({ shape: [1], data: 'AAA' }, 'w')).toThrow('w.data: is not valid base64');
    expect(() => decodeTensor({ shape: [1], data: 'AA*A' }, 'w')).toThrow('w.data: is not valid base64');
    expect(() => decodeTensor({ shape: [0], data: '' }, 'w')).toThrow('w.shape[0]: must be an integer ≥ 1 (got 0)');
  });
});

function catchError(fn: () => unknown): ProjectError {
  try {
    fn();
  } catch (e) {
    return e as ProjectError;
  }
  throw new Error('expected an error');
}
