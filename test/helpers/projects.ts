/** Helpers for tests that train whole projects. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseProject } from '../../src/shared/project';
import type { Project } from '../../src/shared/project-types';
import type { Graph } from '../../src/shared/graph-types';
import { createTrainer, prepareProjectData } from '../../src/engine/session';
import { projectDataSource } from '../../src/cli/project-file';
import type { Trainer } from '../../src/engine/train';
import type { PreparedData } from '../../src/engine/data/types';

export const repoRoot = path.resolve(__dirname, '../..');

export function loadExample(name: string): Project {
  const file = path.join(repoRoot, 'examples', `${name}.bprop`);
  return parseProject(readFileSync(file, 'utf8'), `${name}.bprop`);
}

export async function trainProject(project: Project, file = path.join(repoRoot, 'examples', 'x.bprop')): Promise<{ trainer: Trainer; data: PreparedData }> {
  const data = await prepareProjectData(project, projectDataSource(file));
  const trainer = createTrainer(project, data);
  while (!trainer.done) trainer.trainStep();
  return { trainer, data };
}

/** A chain graph input → … → loss from [id, type, params] triples. */
export function chainGraph(layers: [string, string, Record<string, unknown>?][]): Graph {
  const nodes = layers.map(([id, type, params], i) => ({ id, type, position: { x: 200 * i, y: 0 }, params: params ?? {} }));
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i + 1}`, source: nodes[i].id, sourceHandle: 'out', target: n.id, targetHandle: 'in' }));
  return { nodes, edges };
}

export function makeProject(graph: Graph, data: Project['data'], training: Partial<Project['training']> = {}): Project {
  return {
    format: 'backprop-studio',
    version: 1,
    name: 'test',
    graph,
    data,
    training: { optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 4, epochs: 10, seed: 1, ...training },
  };
}
