/**
 * Lessons end to end, in Chromium against the web build: open a lesson from New › Lessons (the
 * instructions with typeset math, goals failed, locked nodes marked), try to edit a locked node
 * and a locked setting (refused with the reason, nothing changes, undo untouched), fix the
 * learning rate, train, and see the goals pass; then author a lesson in teacher mode, save it,
 * and open the file again as a student (locked view).
 */
import { describe, expect, it } from 'vitest';
import { newFromTemplate, until } from './app-state';
import { axeViolations, describeViolations } from './axe';
import { lastDownload, queueOpenFile } from './editor-helpers';
import { appPerBlock } from './harness';

describe('lessons', () => {
  const app = appPerBlock({}, (opened) => opened.page.getByTestId('canvas-empty').waitFor());
  const page = () => app.page;
  const goal = (n: number) => page().getByTestId(`lesson-goal-${n}`);
  const audit = async (view: string) => {
    const violations = await axeViolations(page());
    expect(violations, `${view}:\n${describeViolations(violations)}`).toEqual([]);
  };

  it('lists the lessons under New › Lessons', async () => {
    await page().getByTestId('new-project').click();
    for (const id of ['xor-hidden-layer', 'bad-learning-rate', 'digits-budget']) await expect.poll(() => page().getByTestId(`template-lesson-${id}`).isVisible()).toBe(true);
    await app.screenshot('lessons-01-new-menu');
    await page().getByTestId('new-project').click(); // closes the menu again
    await expect.poll(() => page().getByTestId('new-menu').count()).toBe(0);
  });

  it('opens a lesson in the student view: instructions with math, goals failed, locked nodes marked', async () => {
    await newFromTemplate(app, 'lesson-bad-learning-rate');
    const instructions = page().getByTestId('lesson-instructions');
    await expect.poll(() => instructions.textContent()).toContain('The culprit is one training setting');
    expect(await instructions.locator('.katex').count()).toBeGreaterThan(1);
    expect(await instructions.locator('h2').allTextContents()).toEqual(['What to do']);
    expect(await page().getByTestId('teacher-mode').isChecked()).toBe(false);
    for (const n of [0, 1]) expect(await goal(n).textContent()).toContain('failed');
    expect(await goal(0).textContent()).toContain('Loss below 0.2 within 40 epochs');
    for (const id of ['x', 'h1', 'loss']) expect(await page().getByTestId(`node-${id}`).textContent()).toContain('locked');
    await app.screenshot('lessons-02-student-view');
    await audit('a lesson in the student view');
  });

  it('refuses editing a locked node with the reason; the project and undo stay as they were', async () => {
    await page().getByTestId('node-h1').click();
    expect(await page().getByTestId('locked-node-notice').textContent()).toBe('This node is locked by the lesson: its settings cannot be changed (moving it is fine).');
    const units = page().getByTestId('param-units');
    await units.fill('32');
    await units.press('Enter');
    await expect.poll(() => page().getByTestId('param-units-error').textContent()).toBe("Dense 'h1' is locked by the lesson: its settings cannot be changed.");
    await expect.poll(() => page().getByTestId('lock-refused').textContent()).toContain("Dense 'h1' is locked by the lesson");
    await app.screenshot('lessons-03-locked-node-refused');
    await page().keyboard.press('Escape');
    await page().getByTestId('node-loss').click();
    await page().keyboard.press('Delete');
    await expect.poll(() => page().getByTestId('lock-refused').textContent()).toContain("'loss' is locked by the lesson: it cannot be deleted.");
    expect(await page().getByTestId('node-loss').count()).toBe(1);
    expect(await page().getByTestId('node-h1').textContent()).toContain('8 units');
    expect(await page().getByTestId('undo').isDisabled()).toBe(true);
  });

  it('refuses a locked training setting in its field', async () => {
    await page().locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page().getByTestId('inspector-tab-training').click();
    expect(await page().getByTestId('locked-training-notice').textContent()).toBe(
      "Locked by the lesson: the optimiser's type, the optimiser's momentum, the learning-rate schedule, the batch size, sampling, the number of epochs, the seed, early stopping, averaging, the L1 penalty.",
    );
    const epochs = page().getByTestId('epochs');
    await epochs.fill('400');
    await epochs.press('Enter');
    await expect.poll(() => page().getByTestId('epochs-error').textContent()).toContain('The number of epochs is locked by the lesson.');
  });

  it('reaches the goals: a sensible learning rate, train, both goals pass', async () => {
    const rate = page().getByTestId('optimizer-learningRate');
    await rate.fill('0.3');
    await rate.press('Enter');
    expect(await page().getByTestId('optimizer-learningRate-error').count()).toBe(0);
    await until(app, 'the new rate to load', (s) => s.training?.learningRate === 0.3);
    await page().getByTestId('train').click();
    await until(app, 'the run to finish', (s) => s.training?.status === 'finished', 120_000);
    await expect.poll(() => goal(0).textContent()).toContain('passed');
    await expect.poll(() => goal(1).textContent()).toContain('passed');
    expect(await page().getByTestId('lesson-goals-count').textContent()).toBe('2 of 2 passed');
    await app.screenshot('lessons-04-goals-passed');
    await audit('goals passed');
  });

  it('a parameter budget is checked live on edits (digits lesson)', async () => {
    await newFromTemplate(app, 'lesson-digits-budget');
    await expect.poll(() => goal(1).textContent()).toContain('failed');
    expect(await goal(1).textContent()).toContain('now 9,610');
    await page().getByTestId('node-hidden').click();
    const units = page().getByTestId('param-units');
    await units.fill('8');
    await units.press('Enter');
    await expect.poll(() => goal(1).textContent()).toContain('passed');
    expect(await goal(1).textContent()).toContain('now 610');
    expect(await goal(2).textContent()).toContain('passed');
    await app.screenshot('lessons-05-budget-live');
  });

  it('teacher mode: write a lesson, lock a node, add a goal, save; the student opening the file gets the locked view', async () => {
    await newFromTemplate(app, 'xor-mlp');
    await page().getByTestId('toggle-lesson').click();
    await page().getByTestId('lesson-create').click();
    expect(await page().getByTestId('teacher-mode').isChecked()).toBe(true);
    await page().getByTestId('lesson-edit-title').fill('Shrink the XOR network');
    await page().getByTestId('lesson-edit-title').press('Enter');
    await page().getByTestId('lesson-edit-instructions').fill('## Task\n\nUse **fewer** hidden units: $h \\le 3$.\n\n<script>alert(1)</script>');
    await page().getByTestId('lesson-edit-title').click(); // blur commits the instructions
    await page().getByTestId('lesson-lock-node-loss').check();
    await page().getByTestId('lesson-lock-data').check();
    await page().getByTestId('goal-form-kind').selectOption('parameters');
    await page().getByTestId('goal-form-atMost').fill('13');
    await page().getByTestId('lesson-add-goal').click();
    await expect.poll(() => goal(0).textContent()).toContain('At most 13 trainable parameters');
    expect(await goal(0).textContent()).toContain('failed');
    const instructions = page().getByTestId('lesson-instructions');
    expect(await instructions.locator('strong').textContent()).toBe('fewer');
    expect(await instructions.locator('.katex').count()).toBe(1);
    expect(await instructions.locator('script').count()).toBe(0);
    expect(await instructions.textContent()).toContain('<script>alert(1)</script>'); // shown as text, never run
    await app.screenshot('lessons-06-teacher-mode');
    await audit('teacher mode');
    // Locks do not bind the teacher.
    await page().getByTestId('node-loss').click();
    await page().getByTestId('node-label').fill('my loss');
    await page().getByTestId('node-label').press('Enter');
    await expect.poll(() => page().getByTestId('node-loss').textContent()).toContain('my loss');

    await page().getByTestId('save-project').click();
    await expect.poll(() => lastDownload(page()).then((d) => d?.text ?? '')).toContain('"lesson"');
    const saved = (await lastDownload(page()))!;
    const lesson = (JSON.parse(saved.text) as { lesson: unknown }).lesson;
    expect(lesson).toMatchObject({ title: 'Shrink the XOR network', locks: { nodes: ['loss'], data: true }, goals: [{ kind: 'parameters', atMost: 13 }] });

    await newFromTemplate(app, 'xor-mlp');
    await queueOpenFile(page(), saved.name, saved.text);
    await page().getByTestId('open-project').click();
    await expect.poll(() => page().getByTestId('lesson-title').textContent()).toBe('Shrink the XOR network');
    expect(await page().getByTestId('teacher-mode').isChecked()).toBe(false);
    expect(await page().getByTestId('lesson-editor').count()).toBe(0);
    expect(await page().getByTestId('node-loss').textContent()).toContain('locked');
    await page().getByTestId('node-loss').click();
    await page().keyboard.press('Delete');
    await expect.poll(() => page().getByTestId('lock-refused').textContent()).toContain('is locked by the lesson: it cannot be deleted.');
    // The student meets the budget: 2 inputs → 3 tanh units → 1 output is 13 parameters.
    await page().getByTestId('node-hidden').click();
    await page().getByTestId('param-units').fill('3');
    await page().getByTestId('param-units').press('Enter');
    await expect.poll(() => goal(0).textContent()).toContain('passed');
    await app.screenshot('lessons-07-student-opens-file');
  });

  it('an answer goal: the student\'s number is checked against the engine\'s gradient', async () => {
    await newFromTemplate(app, 'playground-circle');
    // newFromTemplate can return while the engine still holds the previous project: wait for this one's layers.
    await until(app, 'the circle network in the engine', (s) => s.summary?.layers.some((l) => l.id === 'h1') === true);
    await page().getByTestId('toggle-lesson').click();
    await page().getByTestId('lesson-create').click();
    await page().getByTestId('goal-form-kind').selectOption('answer');
    await page().getByTestId('goal-form-prompt').fill('What is $\\partial L / \\partial b$ of the output neuron, before training?');
    await page().getByTestId('goal-form-node').selectOption('logit');
    await page().getByTestId('goal-form-param').selectOption('bias');
    await page().getByTestId('goal-form-tolerance').fill('0.0001');
    await page().getByTestId('lesson-add-goal').click();
    await page().getByTestId('teacher-mode').uncheck();
    await expect.poll(() => goal(0).textContent()).toContain("Answer: ∂L/∂bias[0] of 'logit'");
    expect(await goal(0).textContent()).toContain('failed — no answer yet');
    expect(await goal(0).locator('.katex').count()).toBe(1);

    await page().getByTestId('lesson-answer-0').fill('123');
    await page().getByTestId('lesson-answer-check-0').click();
    await expect.poll(() => goal(0).textContent()).toContain('123 is not it yet');
    // What the engine computes (the student would work it out by hand, or read it off the gradient check).
    const value = await page().evaluate(async () => {
      const hook = (globalThis as unknown as { __bpTest: { training(): { gradientCheck(n: string, p: string, e: number, c: number): Promise<{ entries: { backprop: number }[] }> } } }).__bpTest;
      return (await hook.training().gradientCheck('logit', 'bias', 0.01, 32)).entries[0]!.backprop;
    });
    await page().getByTestId('lesson-answer-0').fill(value.toPrecision(6));
    await page().getByTestId('lesson-answer-0').press('Enter');
    await expect.poll(() => goal(0).textContent()).toContain('passed');
    expect(await goal(0).textContent()).toContain('the engine computes');
    await app.screenshot('lessons-08-answer-passed');
    await page().waitForTimeout(500); // a later change of the model would re-check: still passed
    expect(await goal(0).textContent()).toContain('passed');
  });

  it('dark theme: the lesson view passes the accessibility audit too', async () => {
    for (let i = 0; i < 3 && (await page().evaluate(() => document.documentElement.dataset.theme)) !== 'dark'; i++) await page().getByTestId('theme-toggle').click();
    expect(await page().evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await app.screenshot('lessons-09-dark');
    expect(await goal(0).textContent()).toContain('passed');
    await audit('an answer goal passed, dark');
  });

  it('logged no console errors', () => {
    expect(app.consoleErrors).toEqual([]);
  });
});
