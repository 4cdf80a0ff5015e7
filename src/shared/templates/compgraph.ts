/**
 * Computational-graph templates with the lecture's numbers (deck 002, "Automatic
 * differentiation": examples 1–3, and a sigmoid neuron with a squared loss). Variables are
 * named as on the slides.
 */
import type { GraphEdge, GraphNode } from '../graph-types';
import { makeCompGraphProject } from '../compgraph/project-file';
import type { CompGraphProject } from '../compgraph/types';

export interface CompGraphTemplate {
  id: string;
  label: string;
  description: string;
  build(): CompGraphProject;
}

/** [id, type, params, column, row, label?]: blocks laid out in columns by depth. */
type Block = readonly [id: string, type: string, params: Record<string, number | string>, column: number, row: number, label?: string];
/** [source, target, targetPort]. */
type Wire = readonly [string, string, string];

const COLUMN = 300;
const ROW = 150;

function graphOf(blocks: readonly Block[], wires: readonly Wire[], output: string): CompGraphProject['graph'] {
  const nodes: GraphNode[] = blocks.map(([id, type, params, column, row, label]) => ({
    id,
    type,
    ...(label !== undefined ? { label } : {}),
    position: { x: 40 + column * COLUMN, y: 40 + row * ROW },
    params: { ...params },
  }));
  const edges: GraphEdge[] = wires.map(([source, target, port], i) => ({ id: `e${i + 1}`, source, sourceHandle: 'out', target, targetHandle: port }));
  return { nodes, edges, output };
}

const variable = (name: string, value: number): Record<string, number | string> => ({ name, value });

/** The New-menu id of a blank computational graph. */
export const BLANK_COMPGRAPH_ID = 'compgraph-blank';

/** A blank computational graph: no blocks yet. */
export function blankCompGraph(name = 'Untitled graph'): CompGraphProject {
  return makeCompGraphProject(name, { nodes: [], edges: [] });
}

export const compGraphTemplates: readonly CompGraphTemplate[] = [
  {
    id: 'l002-autodiff-example1',
    label: 'Autodiff Example 1: θ₁² + 2θ₂² − θ₃²',
    description: 'g(θ) = θ₁² + 2θ₂² − θ₃² at θ = (1, −1, 1): g = 2 and ∇g = (2, −4, −2).',
    build: () =>
      makeCompGraphProject(
        'Autodiff example 1',
        graphOf(
          [
            ['theta1', 'variable', variable('theta1', 1), 0, 0, 'θ₁'],
            ['theta2', 'variable', variable('theta2', -1), 0, 1, 'θ₂'],
            ['theta3', 'variable', variable('theta3', 1), 0, 2, 'θ₃'],
            ['f1', 'square', {}, 1, 0],
            ['f2', 'square', {}, 1, 1],
            ['f3', 'square', {}, 1, 2],
            ['f4', 'expression', { expression: 'x1 + 2*x2 - x3', inputs: 3 }, 2, 1],
          ],
          [
            ['theta1', 'f1', 'x'],
            ['theta2', 'f2', 'x'],
            ['theta3', 'f3', 'x'],
            ['f1', 'f4', 'x1'],
            ['f2', 'f4', 'x2'],
            ['f3', 'f4', 'x3'],
          ],
          'f4',
        ),
      ),
  },
  {
    id: 'l002-autodiff-example2',
    label: 'Autodiff Example 2: ln of nested squares',
    description: 'f₁ = f₂ = f₃ = (x₁ + 2x₂)², g = ln f₃ at θ = (1, −2, 1): f = 9, 0, 81 and ∇g = (−4/3, −8/3, 0).',
    build: () =>
      makeCompGraphProject(
        'Autodiff example 2',
        graphOf(
          [
            ['theta1', 'variable', variable('theta1', 1), 0, 0, 'θ₁'],
            ['theta2', 'variable', variable('theta2', -2), 0, 1, 'θ₂'],
            ['theta3', 'variable', variable('theta3', 1), 0, 2, 'θ₃'],
            ['f1', 'expression', { expression: '(x1 + 2*x2)^2', inputs: 2 }, 1, 0.5],
            ['f2', 'expression', { expression: '(x1 + 2*x2)^2', inputs: 2 }, 1, 1.5],
            ['f3', 'expression', { expression: '(x1 + 2*x2)^2', inputs: 2 }, 2, 1],
            ['f4', 'log', {}, 3, 1],
          ],
          [
            ['theta1', 'f1', 'x1'],
            ['theta2', 'f1', 'x2'],
            ['theta2', 'f2', 'x1'],
            ['theta3', 'f2', 'x2'],
            ['f1', 'f3', 'x1'],
            ['f2', 'f3', 'x2'],
            ['f3', 'f4', 'x'],
          ],
          'f4',
        ),
        { finiteDifferences: { h: 1e-6 } },
      ),
  },
  {
    id: 'l002-autodiff-example3',
    label: 'Autodiff Example 3: u = wx, v = u + b, y = eᵛ, ℓ = (y − y*)²',
    description: 'A scalar neuron with an exponential activation and a squared loss, at (w, x, b, y*) = (0.5, 2, −1, 0): ℓ = 1, ∂ℓ/∂w = 4, ∂ℓ/∂b = 2.',
    build: () =>
      makeCompGraphProject(
        'Autodiff example 3',
        graphOf(
          [
            ['w', 'variable', variable('w', 0.5), 0, 0],
            ['x', 'variable', variable('x', 2), 0, 1],
            ['b', 'variable', variable('b', -1), 0, 2],
            ['ystar', 'variable', variable('ystar', 0), 2, 2, 'y*'],
            ['u', 'multiply', {}, 1, 0.5],
            ['v', 'add', {}, 2, 1],
            ['y', 'exp', {}, 3, 1],
            ['r', 'subtract', {}, 4, 1.5, 'y − y*'],
            ['loss', 'square', {}, 5, 1.5, 'ℓ'],
          ],
          [
            ['w', 'u', 'a'],
            ['x', 'u', 'b'],
            ['u', 'v', 'a'],
            ['b', 'v', 'b'],
            ['v', 'y', 'x'],
            ['y', 'r', 'a'],
            ['ystar', 'r', 'b'],
            ['r', 'loss', 'x'],
          ],
          'loss',
        ),
      ),
  },
  {
    id: 'sigmoid-neuron',
    label: 'Sigmoid Neuron with Squared Loss',
    description: 'ŷ = σ(θ₁x₁ + θ₂x₂ + b), ℓ = (ŷ − y)² on the AND example x = (1, 1), y = 1; the same neuron opens as a network.',
    build: () =>
      makeCompGraphProject(
        'Sigmoid neuron',
        graphOf(
          [
            ['theta1', 'variable', variable('theta1', 0.5), 0, 0, 'θ₁'],
            ['x1', 'constant', { value: 1 }, 0, 1, 'x₁'],
            ['theta2', 'variable', variable('theta2', -0.25), 0, 2, 'θ₂'],
            ['x2', 'constant', { value: 1 }, 0, 3, 'x₂'],
            ['b', 'variable', variable('b', 0.1), 1, 3],
            ['m1', 'multiply', {}, 1, 0.5, 'θ₁x₁'],
            ['m2', 'multiply', {}, 1, 2, 'θ₂x₂'],
            ['s', 'add', {}, 2, 1.25],
            ['z', 'add', {}, 3, 2, 'z'],
            ['yhat', 'sigmoid', {}, 4, 2, 'ŷ'],
            ['y', 'constant', { value: 1 }, 4, 3],
            ['r', 'subtract', {}, 5, 2.5, 'ŷ − y'],
            ['loss', 'square', {}, 6, 2.5, 'ℓ'],
          ],
          [
            ['theta1', 'm1', 'a'],
            ['x1', 'm1', 'b'],
            ['theta2', 'm2', 'a'],
            ['x2', 'm2', 'b'],
            ['m1', 's', 'a'],
            ['m2', 's', 'b'],
            ['s', 'z', 'a'],
            ['b', 'z', 'b'],
            ['z', 'yhat', 'x'],
            ['yhat', 'r', 'a'],
            ['y', 'r', 'b'],
            ['r', 'loss', 'x'],
          ],
          'loss',
        ),
      ),
  },
];

export function findCompGraphTemplate(id: string): CompGraphTemplate | undefined {
  return compGraphTemplates.find((t) => t.id === id);
}
