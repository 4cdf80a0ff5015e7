/**
 * End to end, in Chromium against the web build: the lesson "Predict Δ for a neuron, then check
 * with the step-through". Open it from New › Lessons, see the instructions (weights listed, math
 * typeset) and the locked network, type the literal pseudocode's sign for Δ₃ (refused), then the
 * worked example's numbers (every goal passes), and open the step-through on the backward stage of
 * the hidden layer, where the engine's Δ₃ is the number just entered.
 */
import { describe, expect, it } from 'vitest';
import { newFromTemplate } from './app-state';
import { appPerBlock } from './harness';

describe('lesson: predict Δ for a neuron (Chromium)', () => {
  const app = appPerBlock({ viewport: { width: 1440, height: 960 } }, (opened) => opened.page.getByTestId('canvas-empty').waitFor());
  const page = () => app.page;
  const goal = (n: number) => page().getByTestId(`lesson-goal-${n}`);
  const answer = async (n: number, value: string) => {
    await page().getByTestId(`lesson-answer-${n}`).fill(value);
    await page().getByTestId(`lesson-answer-check-${n}`).click();
  };

  it('opens from New › Lessons: instructions with the weights and math, three answer goals, the network locked', async () => {
    await newFromTemplate(app, 'lesson-predict-delta');
    await expect.poll(() => page().getByTestId('lesson-title').textContent()).toBe('Predict Δ for a neuron, then check with the step-through');
    const instructions = page().getByTestId('lesson-instructions');
    expect(await instructions.locator('li').first().textContent()).toContain('neuron 3');
    expect(await instructions.locator('.katex').count()).toBeGreaterThan(10);
    expect(await instructions.textContent()).toContain('Then check with the step-through');
    for (const n of [0, 1, 2]) expect(await goal(n).textContent()).toContain('failed — no answer yet');
    expect(await goal(1).textContent()).toContain('Δ₃ of hidden neuron 3');
    expect(await page().getByTestId('lesson-goals-count').textContent()).toBe('0 of 3 passed');
    for (const id of ['x', 'hidden', 'output', 'loss']) expect(await page().getByTestId(`node-${id}`).textContent()).toContain('locked');
    await app.screenshot('lesson-predict-delta-01-open');
  });

  it("refuses the pseudocode's sign for Δ₃, accepts the worked example's numbers", async () => {
    await answer(1, '0.021919'); // Δ = g′(in)(y − a): the opposite of ∂L/∂in
    await expect.poll(() => goal(1).textContent()).toContain('0.02192 is not it yet');
    expect(await goal(1).textContent()).toContain('failed');
    await answer(1, '-0.021919');
    await expect.poll(() => goal(1).textContent()).toContain('passed');
    expect((await goal(1).textContent())!.replace(/−/g, '-')).toContain('the engine computes -0.02192');
    await answer(0, '-0.125565');
    await page().getByTestId('lesson-answer-2').fill('-0.043838');
    await page().getByTestId('lesson-answer-2').press('Enter');
    await expect.poll(() => page().getByTestId('lesson-goals-count').textContent()).toBe('3 of 3 passed');
    await app.screenshot('lesson-predict-delta-02-passed');
  });

  it('the step-through shows the same Δ₃ on the backward stage of the hidden layer', async () => {
    await page().getByTestId('step-through').click();
    const stage = page().getByTestId('step-stage');
    await expect.poll(() => stage.textContent()).toBe('Stage 1 of 8: Forward pass, layer hidden');
    for (let i = 0; i < 4; i++) await page().getByTestId('step-next').click();
    // Give the training panel room, as the step-through's own e2e does, for a look at the drawing.
    const sep = page().getByRole('separator', { name: 'Resize the training panel' });
    const box = (await sep.boundingBox())!;
    await page().mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page().mouse.down();
    await page().mouse.move(box.x + box.width / 2, box.y - 330, { steps: 6 });
    await page().mouse.up();
    await page().getByTestId('step-neuron-1-0').hover(); // neuron 3 (column 1 = the hidden layer)
    await expect.poll(() => stage.textContent()).toBe('Stage 5 of 8: Backward pass, layer hidden');
    const panel = (await page().getByTestId('step-panel').innerText()).replace(/−/g, '-');
    expect(panel).toMatch(/Δ₃ = .* = -0\.021919/);
    await app.screenshot('lesson-predict-delta-03-step-through');
    // Stepping through never changes the weights, so the answers still pass.
    expect(await page().getByTestId('lesson-goals-count').textContent()).toBe('3 of 3 passed');
    expect(app.consoleErrors).toEqual([]);
  });
});
