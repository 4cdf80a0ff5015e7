import { describe, expect, it } from 'vitest';
import { builtinShapeInfo } from '../../src/shared/data/catalog';
import { analyzeGraph } from '../../src/shared/graph';
import { parseProject, serializeProject } from '../../src/shared/project';
import { isCsvData } from '../../src/shared/project-types';
import { blankProject, findTemplate, templates } from '../../src/shared/templates';

const MENU_IDS = [
  'perceptron-and', 'xor-mlp', 'playground-circle', 'spiral', 'iris', 'sonar', 'breast-cancer', 'digits-mlp', 'mlp-dropout-l2', 'linear-regression',
  'turn-detector', 'cnn-digits', 'lenet-mnist', 'autoencoder-digits', 'sparse-autoencoder', 'denoising-autoencoder',
];

describe('New-project templates', () => {
  it('offers the sixteen templates the File › New menu names (the lectures\' are under Lectures)', () => {
    expect(templates.map((t) => t.id).sort()).toEqual([...MENU_IDS].sort());
    for (const t of templates) expect(t.label.length * t.description.length).toBeGreaterThan(0);
  });

  it.each(templates.map((t) => [t.id]))('%s survives serialise → parse unchanged', (id) => {
    const project = findTemplate(id)!.build();
    const text = serializeProject(project);
    expect(parseProject(text)).toEqual(project);
    expect(serializeProject(parseProject(text))).toBe(text);
  });

  it.each(templates.map((t) => [t.id]))('%s opens ready to train: a graph without issues', (id) => {
    const project = findTemplate(id)!.build();
    if (isCsvData(project.data)) throw new Error('templates use built-in data');
    const analysis = analyzeGraph(project.graph, builtinShapeInfo(project.data.dataset, project.data.options));
    expect(analysis.issues).toEqual([]);
    expect(analysis.losses).toHaveLength(1);
  });

  it('builds a fresh project each time (editing one never changes the next)', () => {
    const a = findTemplate('iris')!.build();
    a.graph.nodes[1]!.params.units = 99;
    expect(findTemplate('iris')!.build().graph.nodes[1]!.params.units).toBe(16);
  });

  it('spiral uses a deeper tanh network trained with Adam', () => {
    const project = findTemplate('spiral')!.build();
    const dense = project.graph.nodes.filter((n) => n.type === 'dense').map((n) => n.params.units);
    expect(dense).toEqual([12, 12, 1]);
    expect(project.graph.nodes.filter((n) => n.type === 'tanh')).toHaveLength(2);
    expect(project.training.optimizer.type).toBe('adam');
  });

  it('the blank project is valid, empty, and round-trips', () => {
    const project = blankProject();
    expect(project.graph).toEqual({ nodes: [], edges: [] });
    expect(parseProject(serializeProject(project))).toEqual(project);
  });
});
