import { describe, expect, it } from 'vitest';
import { previewCsv } from '../../src/shared/data/csv-preview';
import { weightsDocument } from '../../src/renderer/src/app/weights-document';
import { firstSentence, groupedTypes, rankedTypes } from '../../src/renderer/src/palette/filter-types';
import { csvPathFor, defaultCsvChoice } from '../../src/renderer/src/settings/csv-config';
import { datasetRows, trainingRows } from '../../src/renderer/src/settings/dataset-size';
import { fieldError, toPercent } from '../../src/renderer/src/settings/messages';
import { classCounts, csvClassCounts, csvRowCount, csvShapeContext } from '../../src/renderer/src/store/csv-info';
import { parseCsv } from '../../src/shared/data/csv-parse';
import { encodeTensor } from '../../src/shared/project';
import { findTemplate } from '../../src/shared/templates';

const CSV = 'size,rooms,colour,label\n1.5,3,red,a\n2.5,4,blue,b\n3,5,red,a\n4,2,green,c\n';

describe('CSV import choices', () => {
  it('proposes the last column as target and the numeric columns as features', () => {
    const preview = previewCsv(CSV, 'houses.csv');
    expect(defaultCsvChoice(preview)).toEqual({ features: ['size', 'rooms'], target: 'label', task: 'classification' });
    const numericTarget = previewCsv('a,b,price\n1,2,10.5\n3,4,12.25\n', 'p.csv');
    expect(defaultCsvChoice(numericTarget).task).toBe('regression');
  });

  it('counts the classes of the target column', () => {
    const table = parseCsv(CSV, 'houses.csv');
    expect(classCounts(table, 'label')).toEqual([
      { label: 'a', count: 2 },
      { label: 'b', count: 1 },
      { label: 'c', count: 1 },
    ]);
    expect(classCounts(table, 'missing')).toBeNull();
    const csv = { name: 'houses.csv', resolvedPath: '/p/houses.csv', text: CSV, sha256: 'x' };
    expect(csvRowCount(csv)).toBe(4);
    expect(csvClassCounts(csv, 'colour')).toEqual([
      { label: 'blue', count: 1 },
      { label: 'green', count: 1 },
      { label: 'red', count: 2 },
    ]);
    expect(csvClassCounts(csv, 'missing')).toBeNull();
    expect(csvRowCount({ ...csv, text: CSV + '5,1,red,b\n' })).toBe(5); // a new file is counted afresh
    expect(csvShapeContext({ csv: 'houses.csv', sha256: 'x'.repeat(64), features: ['size', 'rooms'], target: 'label', task: 'classification' }, csv)).toEqual({
      dataShape: [2],
      task: 'classification',
      targetSize: 1,
      numClasses: 3,
    });
  });

  it('stores the CSV path relative to the project file when it sits in the project folder', () => {
    expect(csvPathFor('/home/a/proj/net.bprop', '/home/a/proj/data/houses.csv', 'houses.csv')).toBe('data/houses.csv');
    expect(csvPathFor('C:\\p\\net.bprop', 'C:\\p\\houses.csv', 'houses.csv')).toBe('houses.csv');
    expect(csvPathFor('/home/a/proj/net.bprop', '/elsewhere/houses.csv', 'houses.csv')).toBe('houses.csv');
    expect(csvPathFor(null, '/x/houses.csv', 'houses.csv')).toBe('houses.csv');
  });
});

describe('dataset sizes for the full-batch preset', () => {
  it('knows the rows of gates, generated and real datasets, and the training split', () => {
    expect(datasetRows({ dataset: 'xor' }, null)).toBe(4);
    expect(trainingRows({ dataset: 'xor', split: { validation: 0.5 } }, null)).toBe(4);
    expect(datasetRows({ dataset: 'circle', options: { n: 300 } }, null)).toBe(300);
    expect(trainingRows({ dataset: 'circle' }, null)).toBe(400);
    expect(trainingRows({ dataset: 'iris', split: { validation: 0.2, test: 0.2 } }, null)).toBe(90);
    expect(datasetRows({ dataset: 'nope' }, null)).toBeNull();
    expect(trainingRows({ csv: 'a.csv', sha256: '', features: ['a'], target: 'b', task: 'regression' }, 50)).toBe(40);
  });
});

describe('small helpers', () => {
  it('words project-format errors for a form field', () => {
    expect(fieldError('Batch size', 'training.batchSize: must be an integer ≥ 1 (got 0)')).toBe('Batch size must be an integer ≥ 1 (got 0)');
    expect(fieldError('Nesterov', 'training.optimizer.nesterov: Nesterov momentum needs a momentum > 0\n  help: set momentum')).toBe(
      'Nesterov momentum needs a momentum > 0 — set momentum',
    );
    expect(fieldError('x', null)).toBeNull();
    expect(toPercent(0.15)).toBe(15);
  });

  it('finds node types by name for the palette and the quick-add menu', () => {
    expect(rankedTypes('relu').slice(0, 2)).toEqual(['relu', 'leakyRelu']);
    expect(groupedTypes('cross').find((g) => g.category === 'loss')!.types).toEqual(expect.arrayContaining(['binaryCrossEntropy', 'crossEntropy']));
    expect(rankedTypes('cross')[0]).toBe('crossEntropy');
    expect(groupedTypes('').map((g) => g.category)[0]).toBe('input');
    expect(rankedTypes('zzzz')).toEqual([]);
    expect(firstSentence('One thing. Another.')).toBe('One thing.');
  });

  it('exports weights as nested arrays shaped like the tensors', () => {
    const project = findTemplate('xor-mlp')!.build();
    const text = weightsDocument(project, { hidden: { kernel: encodeTensor([2, 3], new Float32Array([1, 2, 3, 4, 5, 6])), bias: encodeTensor([3], new Float32Array([0.5, 0, -1])) } });
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({ format: 'backprop-studio-weights', version: 1, project: 'XOR MLP' });
    expect(doc.nodes.hidden).toEqual({
      type: 'dense',
      kernel: { shape: [2, 3], values: [[1, 2, 3], [4, 5, 6]] },
      bias: { shape: [3], values: [0.5, 0, -1] },
    });
  });
});
