/**
 * Computational-graph templates with the lecture's numbers (deck 002, "Automatic
 * differentiation": examples 1–3, a sigmoid neuron with a squared loss, and a layer of two). Variables are
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
  {
    id: 'sigmoid-layer',
    label: 'Sigmoid Layer (2 Neurons) with Squared Loss',
    description:
      'Two sigmoid neurons on the same inputs x = (1, 0.5), ŷₖ = σ(θₖ₁x₁ + θₖ₂x₂ + bₖ), ℓ = ½[(ŷ₁ − 1)² + (ŷ₂ − 0)²]; the same layer opens as a network.',
    build: () =>
      makeCompGraphProject(
        'Sigmoid layer',
        graphOf(
          [
            // Neuron 1 above, neuron 2 below; both read the constants x₁ and x₂ in between.
            ['w11', 'variable', variable('w11', 0.5), 0, 0, 'θ₁₁'],
            ['w12', 'variable', variable('w12', -0.25), 0, 1, 'θ₁₂'],
            ['x1', 'constant', { value: 1 }, 0, 2, 'x₁'],
            ['x2', 'constant', { value: 0.5 }, 0, 3, 'x₂'],
            ['w21', 'variable', variable('w21', -0.3), 0, 4, 'θ₂₁'],
            ['w22', 'variable', variable('w22', 0.8), 0, 5, 'θ₂₂'],
            ['m11', 'multiply', {}, 1, 0, 'θ₁₁x₁'],
            ['m12', 'multiply', {}, 1, 1, 'θ₁₂x₂'],
            ['b1', 'variable', variable('b1', 0.1), 1, 2, 'b₁'],
            ['b2', 'variable', variable('b2', 0.2), 1, 3, 'b₂'],
            ['m21', 'multiply', {}, 1, 4, 'θ₂₁x₁'],
            ['m22', 'multiply', {}, 1, 5, 'θ₂₂x₂'],
            ['s1', 'add', {}, 2, 0.5],
            ['s2', 'add', {}, 2, 4.5],
            ['z1', 'add', {}, 3, 1, 'z₁'],
            ['z2', 'add', {}, 3, 4, 'z₂'],
            ['yhat1', 'sigmoid', {}, 4, 1, 'ŷ₁'],
            ['yhat2', 'sigmoid', {}, 4, 4, 'ŷ₂'],
            ['y1', 'constant', { value: 1 }, 4, 2, 'y₁'],
            ['y2', 'constant', { value: 0 }, 4, 5, 'y₂'],
            ['r1', 'subtract', {}, 5, 1.5, 'ŷ₁ − y₁'],
            ['r2', 'subtract', {}, 5, 4.5, 'ŷ₂ − y₂'],
            ['e1', 'square', {}, 6, 1.5, '(ŷ₁ − y₁)²'],
            ['e2', 'square', {}, 6, 4.5, '(ŷ₂ − y₂)²'],
            ['sum', 'add', {}, 7, 3, 'Σ'],
            ['half', 'constant', { value: 0.5 }, 7, 4.5, '½'],
            ['loss', 'multiply', {}, 8, 3.5, 'ℓ'],
          ],
          [
            ['w11', 'm11', 'a'],
            ['x1', 'm11', 'b'],
            ['w12', 'm12', 'a'],
            ['x2', 'm12', 'b'],
            ['w21', 'm21', 'a'],
            ['x1', 'm21', 'b'],
            ['w22', 'm22', 'a'],
            ['x2', 'm22', 'b'],
            ['m11', 's1', 'a'],
            ['m12', 's1', 'b'],
            ['m21', 's2', 'a'],
            ['m22', 's2', 'b'],
            ['s1', 'z1', 'a'],
            ['b1', 'z1', 'b'],
            ['s2', 'z2', 'a'],
            ['b2', 'z2', 'b'],
            ['z1', 'yhat1', 'x'],
            ['z2', 'yhat2', 'x'],
            ['yhat1', 'r1', 'a'],
            ['y1', 'r1', 'b'],
            ['yhat2', 'r2', 'a'],
            ['y2', 'r2', 'b'],
            ['r1', 'e1', 'x'],
            ['r2', 'e2', 'x'],
            ['e1', 'sum', 'a'],
            ['e2', 'sum', 'b'],
            ['half', 'loss', 'a'],
            ['sum', 'loss', 'b'],
          ],
          'loss',
        ),
      ),
  },
];

export function findCompGraphTemplate(id: string): CompGraphTemplate | undefined {
  return compGraphTemplates.find((t) => t.id === id);
}
