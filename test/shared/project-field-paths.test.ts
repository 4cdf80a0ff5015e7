/**
 * A malformed project names the field at fault: the paths and checks that the broader table in
 * project-errors.test.ts does not reach (each found as a surviving mutant of the project core,
 * docs/testing.md), the base64 and byte-order details of stored tensors, and the JSON scanner on
 * valid input it must not flag.
 */
import { describe, expect, it } from 'vitest';
import { Base64Error, decodeBase64 } from '../../src/shared/base64';
import { findJsonSyntaxError } from '../../src/shared/json-position';
import { float32ToLittleEndian, littleEndianToFloat32, parseProject, validateProject } from '../../src/shared/project';
import { errorOf, rawProject } from './project-fixtures';

function breakWith(change: (p: Record<string, any>) => void) {
  const raw = rawProject();
  change(raw);
  return errorOf(() => validateProject(raw));
}
function accepts(change: (p: Record<string, any>) => void): void {
  const raw = rawProject();
  change(raw);
  expect(() => validateProject(raw)).not.toThrow();
}

describe('graph fields', () => {
  it.each(['id', 'source', 'sourceHandle', 'target', 'targetHandle'])('an edge whose %s is not text names it', (key) => {
    const err = breakWith((p) => (p.graph.edges[2][key] = 5));
    expect(err.message).toBe(`graph.edges[2].${key}: must be text (got 5)`);
    expect(err.path).toBe(`graph.edges[2].${key}`);
  });

  it('edges that are not a list, a node type or position that is not of its kind', () => {
    expect(breakWith((p) => (p.graph.edges = 'e1')).message).toBe('graph.edges: must be a list (got "e1")');
    expect(breakWith((p) => (p.graph.nodes[3].type = 7)).message).toBe('graph.nodes[3].type: must be text (got 7)');
    expect(breakWith((p) => (p.graph.nodes[0].position = 5)).message).toBe('graph.nodes[0].position: must be an object (got 5)');
  });

  it('a node label must be text but may be empty', () => {
    expect(breakWith((p) => (p.graph.nodes[1].label = 4)).message).toBe('graph.nodes[1].label: must be text (got 4)');
    accepts((p) => (p.graph.nodes[1].label = ''));
  });

  it('param values: true/false, text, finite numbers and lists of finite numbers; nothing else', () => {
    accepts((p) => Object.assign(p.graph.nodes[1].params, { useBias: false, init: 'zeros', units: 3 }));
    accepts((p) => (p.graph.nodes[1].params.sizes = [1, 2.5, -3]));
    accepts((p) => (p.graph.nodes[1].params.sizes = []));
    const message = 'must be a number, true/false, text or a list of numbers';
    expect(breakWith((p) => (p.graph.nodes[1].params.units = Infinity)).message).toBe(`graph.nodes[1].params.units: ${message} (got Infinity)`);
    expect(breakWith((p) => (p.graph.nodes[1].params.units = null)).message).toBe(`graph.nodes[1].params.units: ${message} (got null)`);
    expect(breakWith((p) => (p.graph.nodes[1].params.sizes = [1, 'a'])).message).toBe(`graph.nodes[1].params.sizes: ${message} (got a list)`);
    expect(breakWith((p) => (p.graph.nodes[1].params.sizes = [1, NaN])).message).toBe(`graph.nodes[1].params.sizes: ${message} (got a list)`);
  });
});

describe('data fields', () => {
  const csv = { csv: 'digits.csv', features: ['p0', 'p1', 'p2', 'p3'], target: 'label', task: 'classification' };

  it('a dataset id, a CSV file name and a target must be text', () => {
    expect(breakWith((p) => (p.data.dataset = 3)).message).toBe('data.dataset: must be text (got 3)');
    expect(breakWith((p) => (p.data = { ...csv, csv: 3 })).message).toBe('data.csv: must be text (got 3)');
    expect(breakWith((p) => (p.data = { ...csv, target: 5 })).message).toBe('data.target: must be text (got 5)');
  });

  it('a checksum is exactly 64 hexadecimal digits, not more and not with anything before', () => {
    accepts((p) => (p.data = { ...csv, sha256: 'aB'.repeat(32) }));
    expect(breakWith((p) => (p.data = { ...csv, sha256: 'a'.repeat(65) })).message).toMatch(/^data\.sha256: must be 64 hexadecimal digits/);
    expect(breakWith((p) => (p.data = { ...csv, sha256: `x${'a'.repeat(64)}` })).message).toMatch(/^data\.sha256: must be 64 hexadecimal digits/);
  });

  it('an image shape is three whole numbers whose product is the number of features', () => {
    accepts((p) => (p.data = { ...csv, imageShape: [1, 2, 2] }));
    expect(breakWith((p) => (p.data = { ...csv, imageShape: [4] })).message).toBe('data.imageShape: must be [channels, height, width] (got 1 number)');
    expect(breakWith((p) => (p.data = { ...csv, imageShape: [2, 2] })).message).toBe('data.imageShape: must be [channels, height, width] (got 2 numbers)');
    expect(breakWith((p) => (p.data = { ...csv, imageShape: [1, 1.5, 2] })).message).toBe('data.imageShape[1]: must be an integer ≥ 1 (got 1.5)');
    expect(breakWith((p) => (p.data = { ...csv, imageShape: [1, 2, 3] })).message).toBe(
      'data.imageShape: [1, 2, 3] holds 6 values but features lists 4 columns\n  help: make channels × height × width equal the number of feature columns',
    );
  });
});

describe('training fields', () => {
  it('an optimizer or schedule that is not an object, and a restoreBest that is not true/false', () => {
    expect(breakWith((p) => (p.training.optimizer = 3)).message).toBe('training.optimizer: must be an object (got 3)');
    expect(breakWith((p) => (p.training.schedule = 5)).message).toBe('training.schedule: must be an object (got 5)');
    expect(breakWith((p) => (p.training.earlyStopping.restoreBest = 'yes')).message).toBe('training.earlyStopping.restoreBest: must be true or false (got "yes")');
    accepts((p) => (p.training.earlyStopping.restoreBest = false));
  });

  it('SGD dampening lies in [0, 1]; a cosine period is a whole number ≥ 1', () => {
    accepts((p) => Object.assign(p.training.optimizer, { nesterov: false, dampening: 1 }));
    expect(breakWith((p) => Object.assign(p.training.optimizer, { nesterov: false, dampening: 1.5 })).message).toBe(
      'training.optimizer.dampening: must be a number in [0, 1] (got 1.5)',
    );
    expect(breakWith((p) => (p.training.schedule.period = 2.5)).message).toBe('training.schedule.period: must be an integer ≥ 1 (got 2.5)');
    expect(breakWith((p) => (p.training.schedule.period = 0)).message).toBe('training.schedule.period: must be an integer ≥ 1 (got 0)');
    expect(breakWith((p) => (p.training.schedule.minLearningRate = -0.1)).message).toBe('training.schedule.minLearningRate: must be a number ≥ 0 (got -0.1)');
  });
});

describe('project header and name', () => {
  it('a file of another format is refused at the format field', () => {
    expect(errorOf(() => parseProject('{"format": "xyz", "version": 1}')).path).toBe('format');
  });

  it('the name may be empty text', () => {
    accepts((p) => (p.name = ''));
  });
});

describe('stored tensors', () => {
  it('a shape needs at least one dimension; data must be text', () => {
    expect(breakWith((p) => (p.weights.h.bias.shape = [])).message).toBe('weights.h.bias.shape: must list at least one dimension');
    expect(breakWith((p) => (p.weights.h.bias.data = 5)).message).toBe('weights.h.bias.data: must be text (got 5)');
    expect(breakWith((p) => (p.weights.h.bias.data = '')).message).toBe('weights.h.bias.data: holds 0 values but the shape [4] needs 4');
  });

  it('base64 refuses characters beyond the first 256 code points, naming the position', () => {
    expect(() => decodeBase64('AĀ==')).toThrow(Base64Error);
    expect(() => decodeBase64('AĀ==')).toThrow("invalid base64 character 'Ā' at position 1");
    expect(() => decodeBase64('AAAĀ')).toThrow("invalid base64 character 'Ā' at position 3");
  });

  it('float32 ↔ little-endian bytes: the same bytes whichever byte order the host has', () => {
    const values = Float32Array.from([1, -0, 0.1, -2.5e-40, Infinity, 3.4e38, -7]);
    const little = float32ToLittleEndian(values, true);
    const portable = float32ToLittleEndian(values, false);
    expect([...portable]).toEqual([...little]);
    expect([...portable.subarray(0, 4)]).toEqual([0, 0, 0x80, 0x3f]); // 1.0f, least significant byte first
    expect(portable.buffer).not.toBe(values.buffer); // converted into a copy
    // A view into a bigger buffer: only its own values.
    const inner = values.subarray(2, 4);
    expect([...float32ToLittleEndian(inner, false)]).toEqual([...little.subarray(8, 16)]);
    for (const host of [true, false]) {
      const back = littleEndianToFloat32(Uint8Array.from(little), host);
      expect(back.length).toBe(values.length);
      expect([...new Uint32Array(back.buffer, back.byteOffset, back.length)]).toEqual([...new Uint32Array(values.buffer)]);
    }
    // Decoding from a view at a (4-aligned) offset reads only that view.
    const shifted = new Uint8Array(8 + little.length);
    shifted.set(little, 8);
    expect([...littleEndianToFloat32(shifted.subarray(8), false)]).toEqual([...values]);
  });
});

describe('the JSON scanner on valid text', () => {
  it('accepts numbers with several fraction and exponent digits, and spaces inside strings', () => {
    for (const text of ['{"a": 1.25e+10, "b": 1e25, "c": -2.125E-17, "d": 0.5}', '{"a b": "c d"}', '["\\u00e9\\u20AC"]']) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonSyntaxError(text)).toBeNull();
    }
  });

  it('refuses a trailing comma in a list, and a short or non-hex \\u escape', () => {
    expect(findJsonSyntaxError('[1, ]')).toEqual({ line: 1, column: 5, reason: "expected a value, found ']'" });
    expect(findJsonSyntaxError('["\\u12"]')?.reason).toBe('an invalid escape sequence in a string');
    expect(findJsonSyntaxError('["\\uZZZZ"]')?.reason).toBe('an invalid escape sequence in a string');
  });
});
