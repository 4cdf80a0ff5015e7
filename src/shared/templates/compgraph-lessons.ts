/**
 * Lessons on computational graphs, under New ▾ › Lessons beside the network lessons
 * (docs/lessons.md): a lecture graph with instructions and answers checked against its reverse mode.
 */
import type { CompGraphProject } from '../compgraph/types';
import { findCompGraphTemplate, type CompGraphTemplate } from './compgraph';

const example2Instructions = `Deck 002's example 2 nests one block three times: $f(x_1, x_2) = (x_1 + 2x_2)^2$.

$$f_1 = f(\\theta_1, \\theta_2), \\quad f_2 = f(\\theta_2, \\theta_3), \\quad f_3 = f(f_1, f_2), \\quad g = \\ln f_3$$

at $\\theta = (1, -2, 1)$. Work out $\\nabla g = (\\partial g/\\partial\\theta_1, \\partial g/\\partial\\theta_2, \\partial g/\\partial\\theta_3)$ by hand, the way reverse mode does it.

## What to do

1. **Forward.** Compute $f_1$, $f_2$, $f_3$ and $g$ (natural log).
2. **Local derivatives.** For $f(x_1, x_2) = (x_1 + 2x_2)^2$: $\\partial f/\\partial x_1 = 2(x_1 + 2x_2)$ and $\\partial f/\\partial x_2 = 4(x_1 + 2x_2)$; for $\\ln$: $1/x$. Evaluate each one at the values of step 1.
3. **Backward.** Start from $\\partial g/\\partial g = 1$. Each block multiplies what it holds by its local derivatives and passes the products back; a block that feeds two others ($\\theta_2$ feeds $f_1$ and $f_2$) adds what comes back along both paths.
4. Type the three partial derivatives below (fractions as decimals, e.g. four decimals or more).

Then press **◀ Backward pass** to see the adjoints on the blocks, and compare the wires' messages with your products. The graph is locked: its values are the exercise.`;

function example2Lesson(): CompGraphProject {
  const project = findCompGraphTemplate('l002-autodiff-example2')!.build();
  const partial = (variable: string, symbol: string) => ({
    kind: 'answer' as const,
    label: `∂g/∂${symbol}`,
    prompt: `$\\partial g / \\partial ${symbol === 'θ₁' ? '\\theta_1' : symbol === 'θ₂' ? '\\theta_2' : '\\theta_3'}$ at $\\theta = (1, -2, 1)$`,
    quantity: { kind: 'partial' as const, variable },
    tolerance: 1e-3,
  });
  return {
    ...project,
    name: 'Lesson: ∇g for example 2',
    lesson: {
      title: 'Compute ∇g for example 2 by hand',
      instructions: example2Instructions,
      locks: { graph: true },
      goals: [partial('theta1', 'θ₁'), partial('theta2', 'θ₂'), partial('theta3', 'θ₃')],
    },
  };
}

export const compGraphLessonTemplates: readonly CompGraphTemplate[] = [
  {
    id: 'autodiff-example2-gradient',
    label: 'Compute ∇g for example 2 by hand',
    description: 'g = ln f₃ of nested squares at θ = (1, −2, 1): work out ∂g/∂θ₁, ∂g/∂θ₂, ∂g/∂θ₃ and check them against reverse mode.',
    build: example2Lesson,
  },
];

export function findCompGraphLesson(id: string): CompGraphTemplate | undefined {
  return compGraphLessonTemplates.find((t) => t.id === id);
}
