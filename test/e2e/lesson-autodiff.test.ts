/**
 * End to end, in Chromium against the web build: the lesson "Compute ∇g for example 2 by hand" on
 * a computational graph. Open it from New › Lessons (the graph with the lesson panel), try to add
 * a block (refused with the reason, nothing added), type a wrong sign (failed), then the worked
 * example's ∇g = (−4/3, −8/3, 0) (every goal passes), and run the backward pass to compare.
 */
import { describe, expect, it } from 'vitest';
import { discardIfAsked } from './app-state';
import { appPerBlock } from './harness';

describe('lesson: ∇g for autodiff example 2 (Chromium)', () => {
  const app = appPerBlock({ viewport: { width: 1440, height: 960 } });
  const page = () => app.page;
  const goal = (n: number) => page().getByTestId(`lesson-goal-${n}`);
  const answer = async (n: number, value: string) => {
    await page().getByTestId(`lesson-answer-${n}`).fill(value);
    await page().getByTestId(`lesson-answer-check-${n}`).click();
  };

  it('opens from New › Lessons as a computational graph with the lesson panel', async () => {
    await page().getByTestId('new-project').click();
    await page().getByTestId('template-lesson-autodiff-example2-gradient').click();
    await discardIfAsked(app);
    await page().getByTestId('compgraph-workspace').waitFor();
    await expect.poll(() => page().getByTestId('lesson-title').textContent()).toBe('Compute ∇g for example 2 by hand');
    expect(await page().getByTestId('lesson-instructions').locator('.katex').count()).toBeGreaterThan(5);
    for (const n of [0, 1, 2]) expect(await goal(n).textContent()).toContain('failed — no answer yet');
    expect(await page().getByTestId('lesson-goals-count').textContent()).toBe('0 of 3 passed');
  });

  it('refuses to add a block to the locked graph, with the reason', async () => {
    const blocks = await page().locator('.react-flow__node').count();
    await page().getByTestId('palette-item-add').dblclick();
    await expect.poll(() => page().getByTestId('notice').textContent()).toContain('The graph is locked by the lesson');
    expect(await page().locator('.react-flow__node').count()).toBe(blocks);
  });

  it('a wrong sign fails; the worked example\'s ∇g passes; the backward pass shows the same adjoints', async () => {
    await answer(1, '2.6667');
    await expect.poll(() => goal(1).textContent()).toContain('2.667 is not it yet');
    await answer(0, '-1.3333');
    await answer(1, '-2.6667');
    await answer(2, '0');
    await expect.poll(() => page().getByTestId('lesson-goals-count').textContent()).toBe('3 of 3 passed');
    expect((await goal(1).textContent())!.replace(/−/g, '-')).toContain('the engine computes -2.667');
    await page().getByTestId('backward-pass').click();
    await expect.poll(() => page().getByTestId('adjoint-theta2').textContent()).toMatch(/^[−-]2\.66667$/);
    await app.screenshot('lesson-autodiff-01-passed');
    expect(app.consoleErrors).toEqual([]);
  });
});
