import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../src/shared/json-position';
import { parseProject, ProjectError, validateProject } from '../../src/shared/project';
import { errorOf, rawProject } from './project-fixtures';

/** Breaks a fresh copy of the valid fixture and returns the error validating it. */
function breakWith(change: (p: Record<string, any>) => void): ProjectError {
  const raw = rawProject();
  change(raw);
  return errorOf(() => validateProject(raw));
}

describe('bad JSON', () => {
  it('names the file and the line:column', () => {
    const text = '{\n  "format": "backprop-studio",\n  "version": 1,\n  "name": "x"\n  "graph": {}\n}';
    expect(errorOf(() => parseProject(text, 'xor.bprop')).message).toBe("xor.bprop:5:3: invalid JSON: expected ',' or '}', found '\"'");
  });

  it.each([
    ['', 1, 1, 'the file ends too early'],
    ['{"a": 1,}', 1, 9, "expected a field name in double quotes, found '}'"],
    ['[1, 2', 1, 6, 'the file ends too early'],
    ['{"a": tru}', 1, 7, "expected a value, found 't'"],
    ['{"a": 01}', 1, 8, "expected ',' or '}', found '1'"],
    ['{"a" 1}', 1, 6, "expected ':' after the field name, found '1'"],
    ['{"a": "x\ny"}', 1, 9, 'a line break or control character inside a string (use \\n)'],
    ['{"a": "\\q"}', 1, 8, 'an invalid escape sequence in a string'],
    ['{"a": "open', 1, 7, 'a string that is never closed'],
    ['{} {}', 1, 4, "unexpected '{' after the end of the data"],
    ["{'a': 1}", 1, 2, "expected a field name in double quotes, found '''"],
    ['\n\n  [1, 2]]', 3, 9, "unexpected ']' after the end of the data"],
  ])('%j → %i:%i %s', (text, line, column, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonSyntaxError(text)).toEqual({ line, column, reason });
    expect(errorOf(() => parseProject(text)).message).toBe(`project:${line}:${column}: invalid JSON: ${reason}`);
  });

  it('finds no error in valid JSON, deeply nested included (no recursion)', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e+3, true, false, null, "\\u00e9\\n"], "b": {}} ', '0', '"s"']) {
      expect(findJsonSyntaxError(text)).toBeNull();
    }
    expect(findJsonSyntaxError('['.repeat(100_000) + ']'.repeat(100_000))).toBeNull();
  });
});

describe('header', () => {
  it('refuses a file that is not a project', () => {
    expect(errorOf(() => parseProject('{"format": "xyz"}', 'a.json')).message).toBe("a.json: not a Backprop Studio project (format is 'xyz')");
    expect(errorOf(() => parseProject('{"name": "x"}')).message).toBe("not a Backprop Studio project (there is no 'format' field)");
    expect(errorOf(() => parseProject('[1]')).message).toBe('not a Backprop Studio project (the file holds a list, not an object)');
  });

  it('refuses a newer version with a help line', () => {
    const err = errorOf(() => parseProject(JSON.stringify({ ...rawProject(), version: 2 }), 'new.bprop'));
    expect(err.message).toBe(
      'new.bprop: This project was saved by a newer Backprop Studio (format version 2); this version reads version 1 at most\n  help: update Backprop Studio',
    );
    expect(err.help).toBe('update Backprop Studio');
    expect(err.path).toBe('version');
  });

  it('refuses a version that is not a whole number', () => {
    expect(breakWith((p) => (p.version = '1')).message).toBe('version: must be a whole number (got "1")');
    expect(breakWith((p) => (p.version = 1.5)).message).toBe('version: must be a whole number (got 1.5)');
  });
});

describe('structure, with field paths', () => {
  const cases: [string, (p: Record<string, any>) => void, string, string][] = [
    // missing and unknown fields
    ['missing training', (p) => delete p.training, 'training', 'training: required field is missing'],
    ['unknown root field', (p) => (p.wieghts = {}), 'wieghts', "wieghts: unknown field (did you mean 'weights'?)"],
    ['unknown training field', (p) => (p.training.batchsize = 4), 'training.batchsize', "training.batchsize: unknown field (did you mean 'batchSize'?)"],
    ['missing batch size', (p) => delete p.training.batchSize, 'training.batchSize', 'training.batchSize: required field is missing'],
    ['unknown node field', (p) => (p.graph.nodes[1].colour = 'red'), 'graph.nodes[1].colour', 'graph.nodes[1].colour: unknown field'],
    ['missing node params', (p) => delete p.graph.nodes[2].params, 'graph.nodes[2].params', 'graph.nodes[2].params: required field is missing'],
    ['missing edge handle', (p) => delete p.graph.edges[0].targetHandle, 'graph.edges[0].targetHandle', 'graph.edges[0].targetHandle: required field is missing'],
    // types
    ['name not text', (p) => (p.name = 3), 'name', 'name: must be text (got 3)'],
    ['nodes not a list', (p) => (p.graph.nodes = {}), 'graph.nodes', 'graph.nodes: must be a list (got an object)'],
    ['empty node id', (p) => (p.graph.nodes[0].id = ''), 'graph.nodes[0].id', 'graph.nodes[0].id: must not be empty'],
    ['position not numbers', (p) => (p.graph.nodes[0].position.y = '80'), 'graph.nodes[0].position.y', 'graph.nodes[0].position.y: must be a number (got "80")'],
    ['param value an object', (p) => (p.graph.nodes[1].params.units = { n: 4 }), 'graph.nodes[1].params.units', 'graph.nodes[1].params.units: must be a number, true/false, text or a list of numbers (got an object)'],
    ['params null', (p) => (p.graph.nodes[1].params = null), 'graph.nodes[1].params', 'graph.nodes[1].params: must be an object (got null)'],
    // data
    ['no dataset or csv', (p) => (p.data = { normalize: 'none' }), 'data', "data: needs 'dataset' (a built-in dataset id) or 'csv' (a CSV file beside the project)"],
    ['dataset and csv', (p) => (p.data.csv = 'a.csv'), 'data', "data: give either 'dataset' or 'csv', not both"],
    ['csv field on a dataset', (p) => (p.data.features = ['a']), 'data.features', 'data.features: unknown field for a built-in dataset\n  help: a built-in dataset takes dataset, options, normalize, split'],
    ['bad normalize', (p) => (p.data.normalize = 'zscore'), 'data.normalize', 'data.normalize: must be one of \'standard\', \'minmax\', \'none\' (got "zscore")'],
    ['option not a number', (p) => (p.data.options.noise = 'low'), 'data.options.noise', 'data.options.noise: must be a number (got "low")'],
    ['split fraction 1', (p) => (p.data.split.validation = 1), 'data.split.validation', 'data.split.validation: must be a number in [0, 1) (got 1)'],
    ['split sum', (p) => (p.data.split = { validation: 0.5, test: 0.5 }), 'data.split', 'data.split: validation + test must leave data for training (got 0.5 + 0.5 ≥ 1)\n  help: lower the validation or test fraction'],
    ['split sum with default', (p) => (p.data.split = { test: 0.8 }), 'data.split', 'data.split: validation + test must leave data for training (got 0.2 + 0.8 ≥ 1)\n  help: lower the validation or test fraction'],
    // training
    ['batch size 0', (p) => (p.training.batchSize = 0), 'training.batchSize', 'training.batchSize: must be an integer ≥ 1 (got 0)'],
    ['batch size fraction', (p) => (p.training.batchSize = 2.5), 'training.batchSize', 'training.batchSize: must be an integer ≥ 1 (got 2.5)'],
    ['epochs too many', (p) => (p.training.epochs = 2e6), 'training.epochs', 'training.epochs: must be an integer from 1 to 1000000 (got 2000000)'],
    ['seed negative', (p) => (p.training.seed = -1), 'training.seed', 'training.seed: must be an integer from 0 to 4294967295 (got -1)'],
    ['seed 2^32', (p) => (p.training.seed = 2 ** 32), 'training.seed', 'training.seed: must be an integer from 0 to 4294967295 (got 4294967296)'],
    ['seed infinite', (p) => (p.training.seed = Infinity), 'training.seed', 'training.seed: must be an integer from 0 to 4294967295 (got Infinity)'],
    ['bad sampling', (p) => (p.training.sampling = 'random'), 'training.sampling', 'training.sampling: must be one of \'shuffle\', \'sequential\', \'replacement\' (got "random")'],
    ['l1 negative', (p) => (p.training.l1 = -0.1), 'training.l1', 'training.l1: must be a number ≥ 0 (got -0.1)'],
    ['averaging not bool', (p) => (p.training.averaging = 1), 'training.averaging', 'training.averaging: must be true or false (got 1)'],
    ['patience 0', (p) => (p.training.earlyStopping.patience = 0), 'training.earlyStopping.patience', 'training.earlyStopping.patience: must be an integer ≥ 1 (got 0)'],
    ['min delta negative', (p) => (p.training.earlyStopping.minDelta = -1), 'training.earlyStopping.minDelta', 'training.earlyStopping.minDelta: must be a number ≥ 0 (got -1)'],
    // optimiser
    ['optimizer type', (p) => (p.training.optimizer = { type: 'adamw', learningRate: 0.1 }), 'training.optimizer.type', 'training.optimizer.type: must be one of \'sgd\', \'adam\', \'rmsprop\', \'adagrad\' (got "adamw")'],
    ['optimizer without type', (p) => delete p.training.optimizer.type, 'training.optimizer.type', 'training.optimizer.type: required field is missing'],
    ['learning rate 0', (p) => (p.training.optimizer.learningRate = 0), 'training.optimizer.learningRate', 'training.optimizer.learningRate: must be a number > 0 (got 0)'],
    ['learning rate missing', (p) => delete p.training.optimizer.learningRate, 'training.optimizer.learningRate', 'training.optimizer.learningRate: required field is missing'],
    ['momentum 1', (p) => (p.training.optimizer.momentum = 1), 'training.optimizer.momentum', 'training.optimizer.momentum: must be a number in [0, 1) (got 1)'],
    ['beta2 1', (p) => (p.training.optimizer = { type: 'adam', learningRate: 0.1, beta2: 1 }), 'training.optimizer.beta2', 'training.optimizer.beta2: must be a number in [0, 1) (got 1)'],
    ['epsilon 0', (p) => (p.training.optimizer = { type: 'rmsprop', learningRate: 0.1, epsilon: 0 }), 'training.optimizer.epsilon', 'training.optimizer.epsilon: must be a number > 0 (got 0)'],
    ['weight decay negative', (p) => (p.training.optimizer = { type: 'adagrad', learningRate: 0.1, weightDecay: -1 }), 'training.optimizer.weightDecay', 'training.optimizer.weightDecay: must be a number ≥ 0 (got -1)'],
    ['nesterov not bool', (p) => (p.training.optimizer.nesterov = 'yes'), 'training.optimizer.nesterov', 'training.optimizer.nesterov: must be true or false (got "yes")'],
    ['nesterov without momentum', (p) => delete p.training.optimizer.momentum, 'training.optimizer.nesterov', 'training.optimizer.nesterov: Nesterov momentum needs a momentum > 0\n  help: set momentum (e.g. 0.9) or turn nesterov off'],
    ['nesterov with dampening', (p) => (p.training.optimizer.dampening = 0.1), 'training.optimizer.nesterov', 'training.optimizer.nesterov: Nesterov momentum needs dampening 0\n  help: remove dampening or turn nesterov off'],
    ['setting of another optimiser', (p) => (p.training.optimizer = { type: 'adam', learningRate: 0.1, momentum: 0.9 }), 'training.optimizer.momentum', 'training.optimizer.momentum: unknown field for adam\n  help: adam takes type, learningRate, beta1, beta2, epsilon, weightDecay'],
    // schedules
    ['schedule type', (p) => (p.training.schedule = { type: 'linear' }), 'training.schedule.type', 'training.schedule.type: must be one of \'constant\', \'step\', \'exponential\', \'inverseTime\', \'cosine\' (got "linear")'],
    ['step without gamma', (p) => (p.training.schedule = { type: 'step', stepSize: 10 }), 'training.schedule.gamma', 'training.schedule.gamma: required field is missing'],
    ['step size 0', (p) => (p.training.schedule = { type: 'step', stepSize: 0, gamma: 0.5 }), 'training.schedule.stepSize', 'training.schedule.stepSize: must be an integer ≥ 1 (got 0)'],
    ['gamma 0', (p) => (p.training.schedule = { type: 'exponential', gamma: 0 }), 'training.schedule.gamma', 'training.schedule.gamma: must be a number > 0 (got 0)'],
    ['decay negative', (p) => (p.training.schedule = { type: 'inverseTime', decay: -1 }), 'training.schedule.decay', 'training.schedule.decay: must be a number ≥ 0 (got -1)'],
    ['per hour', (p) => (p.training.schedule.per = 'hour'), 'training.schedule.per', 'training.schedule.per: must be one of \'epoch\', \'step\' (got "hour")'],
    ['gamma on cosine', (p) => (p.training.schedule.gamma = 0.5), 'training.schedule.gamma', 'training.schedule.gamma: unknown field for a cosine schedule\n  help: a cosine schedule takes type, period, per, minLearningRate'],
    ['stepSize on exponential', (p) => (p.training.schedule = { type: 'exponential', gamma: 0.5, stepSize: 3 }), 'training.schedule.stepSize', 'training.schedule.stepSize: unknown field for an exponential schedule\n  help: an exponential schedule takes type, gamma, per'],
    // weights
    ['weights not an object', (p) => (p.weights = []), 'weights', 'weights: must be an object (got a list)'],
    ['tensor without data', (p) => delete p.weights.h.bias.data, 'weights.h.bias.data', 'weights.h.bias.data: required field is missing'],
    ['shape with a zero', (p) => (p.weights.h.bias.shape = [0]), 'weights.h.bias.shape[0]', 'weights.h.bias.shape[0]: must be an integer ≥ 1 (got 0)'],
    ['data too short', (p) => (p.weights.h.kernel.shape = [3, 4]), 'weights.h.kernel.data', 'weights.h.kernel.data: holds 8 values but the shape [3, 4] needs 12'],
    ['data not base64', (p) => (p.weights.h.bias.data = 'not base64!!'), 'weights.h.bias.data', 'weights.h.bias.data: is not valid base64'],
    ['data odd bytes', (p) => (p.weights.h.bias.data = 'AAAAAAA='), 'weights.h.bias.data', 'weights.h.bias.data: holds 5 bytes, which is not a whole number of float32 values'],
    ['data one value', (p) => (p.weights.h.bias.data = 'AAAAAA=='), 'weights.h.bias.data', 'weights.h.bias.data: holds 1 value but the shape [4] needs 4'],
  ];

  it.each(cases)('%s', (_what, change, path, message) => {
    const err = breakWith(change);
    expect(err.message).toBe(message);
    expect(err.path).toBe(path);
  });

  it('accepts the CSV form and checks its fields', () => {
    const csv = { csv: 'houses.csv', sha256: 'A'.repeat(64), features: ['rooms'], target: 'price', task: 'regression' };
    expect(() => breakWith((p) => (p.data = csv))).toThrow('expected a ProjectError');
    const csvCases: [Record<string, unknown>, string][] = [
      [{ sha256: 'abc' }, 'data.sha256: must be 64 hexadecimal digits (got "abc")'],
      [{ features: [] }, 'data.features: must name at least one column'],
      [{ features: ['a', 'a'] }, "data.features: names the column 'a' twice"],
      [{ features: ['a', 3] }, 'data.features[1]: must be text (got 3)'],
      [{ target: 'rooms' }, "data.target: the column 'rooms' cannot be both a feature and the target"],
      [{ task: 'ranking' }, 'data.task: must be one of \'classification\', \'regression\' (got "ranking")'],
      [{ options: { n: 3 } }, 'data.options: unknown field for CSV data\n  help: CSV data takes csv, features, target, task, sha256, imageShape, normalize, split'],
    ];
    for (const [change, message] of csvCases) expect(breakWith((p) => (p.data = { ...csv, ...change })).message).toBe(message);
    // A hand-written project may leave the sha256 out (it is computed when the CSV is read)…
    expect(() => breakWith((p) => (p.data = { ...csv, sha256: undefined }))).toThrow('expected a ProjectError');
    // …but one that is there must be a checksum.
    expect(breakWith((p) => (p.data = { ...csv, sha256: 42 })).message).toBe('data.sha256: must be text (got 42)');
  });

  it('puts the file name in front and keeps the path', () => {
    const raw = rawProject();
    raw.training.batchSize = 0;
    const err = errorOf(() => parseProject(JSON.stringify(raw), 'xor.bprop'));
    expect(err.message).toBe('xor.bprop: training.batchSize: must be an integer ≥ 1 (got 0)');
    expect(err.path).toBe('training.batchSize');
  });

  it('refuses a JSON number too large for a float (1e999 parses as Infinity)', () => {
    const text = JSON.stringify(rawProject()).replace('"learningRate":0.5', '"learningRate":1e999');
    expect(errorOf(() => parseProject(text)).message).toBe('training.optimizer.learningRate: must be a number > 0 (got Infinity)');
  });
});
