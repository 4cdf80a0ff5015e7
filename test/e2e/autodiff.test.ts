/**
 * The autodiff explorer end to end, in Chromium against the web build: build the lecture's
 * example 1 (g = θ₁² + 2θ₂² − θ₃² at (1, −1, 1)) from the palette, run the forward and the
 * backward pass and read ∇g = (2, −4, −2) from the canvas; a bad expression is refused with its
 * column; example 2's template stepped through in both modes; save and reopen; the sigmoid
 * neuron and the two-neuron sigmoid layer opened as networks, the layer's loss read back from the
 * network's step-through. Screenshots go to the harness's folder.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { discardIfAsked } from './app-state';
import { axeViolations, describeViolations } from './axe';
import { dragWire, dropFromPalette, lastDownload, queueOpenFile, setParam } from './editor-helpers';
import { appPerBlock, type App } from './harness';

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

async function newGraph(app: App, id: string): Promise<void> {
  await app.page.getByTestId('new-project').click();
  await app.page.getByTestId(`template-${id}`).click();
  await discardIfAsked(app);
  await app.page.getByTestId('compgraph-workspace').waitFor();
}

describe('the autodiff explorer', () => {
  const app = appPerBlock();
  const page = () => app.page;

  it('New ▾ lists a blank computational graph and the lecture templates', async () => {
    await page().getByTestId('new-project').click();
    for (const id of ['compgraph-blank', 'l002-autodiff-example1', 'l002-autodiff-example2', 'l002-autodiff-example3', 'sigmoid-neuron', 'sigmoid-layer'])
      await expect.poll(() => page().getByTestId(`template-${id}`).count()).toBe(1);
    await page().getByTestId('template-compgraph-blank').click();
    await page().getByTestId('compgraph-workspace').waitFor();
    await page().getByTestId('canvas-empty').waitFor();
    for (const op of ['variable', 'constant', 'add', 'subtract', 'multiply', 'divide', 'power', 'square', 'exp', 'log', 'sin', 'cos', 'sigmoid', 'tanh', 'relu', 'abs', 'expression'])
      expect(await page().getByTestId(`palette-item-${op}`).count()).toBe(1);
  });

  it('builds example 1 from the palette, runs forward and backward, and shows ∇g = (2, −4, −2) on the canvas', async () => {
    const spots: [string, number, number][] = [
      ['variable', 110, 120], ['variable', 110, 300], ['variable', 110, 480],
      ['square', 400, 120], ['square', 400, 300], ['square', 400, 480],
      ['expression', 720, 300],
    ];
    for (const [op, x, y] of spots) await dropFromPalette(page(), op, x, y);
    for (const id of ['theta1', 'theta2', 'theta3', 'square1', 'square2', 'square3', 'expression1']) await page().getByTestId(`node-${id}`).waitFor();

    await page().getByTestId('node-theta2').click();
    await setParam(page(), 'value', '-1');
    await page().getByTestId('node-expression1').click();
    await setParam(page(), 'inputs', '3');
    await setParam(page(), 'expression', 'x1 + 2*x2 - )');
    await expect.poll(() => text(page(), 'param-expression-error')).toMatch(/expected a number, an input or \( but found '\)' at column 13/);
    await app.screenshot('autodiff-01-expression-refused');
    await setParam(page(), 'expression', 'x1 + 2*x2 - x3');
    await page().getByTestId('mark-output').click();
    await expect.poll(() => page().getByTestId('output-mark-expression1').count()).toBe(1);

    for (const k of [1, 2, 3]) await dragWire(page(), `handle-theta${k}-out`, `handle-square${k}-x`);
    for (const k of [1, 2, 3]) await dragWire(page(), `handle-square${k}-out`, `handle-expression1-x${k}`);
    await expect.poll(() => page().locator('g.cg-wire').count()).toBe(6);

    await page().getByTestId('forward-pass').click();
    await expect.poll(() => text(page(), 'value-expression1')).toBe('= 2');
    await expect.poll(() => text(page(), 'g-value')).toContain('g = 2');
    // The local derivatives on the incoming wires: 2θ on the squares' inputs, (1, 2, −1) into f4.
    expect(await text(page(), 'edge-local-e1')).toBe('∂ 2');
    expect(await text(page(), 'edge-local-e2')).toBe('∂ -2');
    expect(await text(page(), 'edge-local-e5')).toBe('∂ 2');
    expect(await text(page(), 'edge-value-e2')).toBe('-1');

    await page().getByTestId('backward-pass').click();
    await expect.poll(() => text(page(), 'adjoint-theta1')).toBe('2');
    expect(await text(page(), 'adjoint-theta2')).toBe('-4');
    expect(await text(page(), 'adjoint-theta3')).toBe('-2');
    expect(await text(page(), 'adjoint-expression1')).toBe('1');
    expect(await text(page(), 'adjoint-square2')).toBe('2');
    expect(await text(page(), 'grad-theta2-reverse')).toBe('-4');
    expect(await text(page(), 'passes-reverse')).toMatch(/1 forward \+ 1 backward pass give all 3 partial derivatives/);
    expect(await text(page(), 'passes-forward')).toMatch(/3 forward passes, one per variable/);
    await app.screenshot('autodiff-02-example1-built-backward');
    expect(app.consoleErrors).toEqual([]);
  });

  it('saves the graph and opens it again unchanged', async () => {
    await page().getByTestId('save-project').click();
    await expect.poll(async () => (await lastDownload(page()))?.name ?? null).not.toBeNull();
    const saved = (await lastDownload(page()))!;
    const json = JSON.parse(saved.text);
    expect(json.kind).toBe('computationalGraph');
    expect(json.graph.output).toBe('expression1');
    await newGraph(app, 'compgraph-blank');
    await queueOpenFile(page(), saved.name, saved.text);
    await page().getByTestId('open-project').click();
    await page().getByTestId('node-expression1').waitFor();
    await page().getByTestId('backward-pass').click();
    await expect.poll(() => text(page(), 'adjoint-theta2')).toBe('-4');
  });

  it('steps example 2 through reverse mode block by block and forward mode one variable at a time', async () => {
    await newGraph(app, 'l002-autodiff-example2');
    await page().getByTestId('forward-pass').click();
    await expect.poll(() => text(page(), 'value-f3')).toBe('= 81');
    expect(await text(page(), 'value-f4')).toBe('= 4.39445');
    await page().getByTestId('reverse-step').click(); // f4 sends 1/81 back
    await expect.poll(() => text(page(), 'adjoint-f3')).toBe('0.0123457');
    expect(await page().getByTestId('adjoint-f1').count()).toBe(0);
    await page().getByTestId('reverse-step').click(); // f3 sends 18/81 and 36/81
    await expect.poll(() => text(page(), 'adjoint-f1')).toBe('0.222222');
    expect(await text(page(), 'adjoint-f2')).toBe('0.444444');
    expect(await text(page(), 'passes-reverse')).toMatch(/Block 2 of 7: f3 holds ∂g\/∂f3 and sends 2 messages back/);
    await app.screenshot('autodiff-03-example2-reverse-step');
    await page().getByTestId('tangent-step').click();
    await expect.poll(() => text(page(), 'passes-forward')).toMatch(/Pass 1 of 3: ∂g\/∂theta1 = -1.33333/);
    await page().getByTestId('tangent-step').click();
    await expect.poll(() => text(page(), 'tangent-f4')).toBe('-2.66667');
    await page().getByTestId('backward-pass').click();
    await expect.poll(() => text(page(), 'adjoint-theta1')).toBe('-1.33333');
    expect(await text(page(), 'adjoint-theta2')).toBe('-2.66667');
    expect(await text(page(), 'adjoint-theta3')).toBe('0');
    await page().getByTestId('fd-step').selectOption('0.001');
    await expect.poll(() => text(page(), 'grad-theta1-fd')).toMatch(/^-1\.33356/);
    // Error against autodiff over h (θ₁): large for big h (curvature) and for tiny h (rounding), least in between.
    const best = (column: number) => page().getByTestId('fd-sweep').locator(`tbody tr:has(td:nth-child(${column}).is-best) td:first-child`).textContent();
    expect(await page().getByTestId('fd-sweep').locator('tbody tr').count()).toBe(11);
    expect(await best(2)).toBe('1e-8');
    expect(await best(3)).toBe('1e-5');
    await page().getByTestId('node-theta2').click();
    await expect.poll(() => text(page(), 'paths')).toMatch(/Chain rule for ∂g\/∂theta2: 2 paths to g/);
    expect(await text(page(), 'paths')).toMatch(/theta2 → f1 → f3 → f4: -12 × 18 × 0.0123457 = -2.66667/);
    expect(await text(page(), 'paths')).toMatch(/Sum = -2.66667 = ∂g\/∂theta2, as the backward pass found/);
    await app.screenshot('autodiff-04-example2-backward');
    expect(app.consoleErrors).toEqual([]);
  });

  it('reads well in the dark theme, and passes the accessibility audit in both themes', async () => {
    await newGraph(app, 'l002-autodiff-example3');
    await page().getByTestId('theme-toggle').click();
    await expect.poll(() => page().evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page().getByTestId('backward-pass').click();
    await expect.poll(() => text(page(), 'adjoint-w')).toBe('4');
    expect(await text(page(), 'adjoint-b')).toBe('2');
    await app.screenshot('autodiff-07-example3-dark');
    const dark = await axeViolations(page());
    expect(dark, `dark:\n${describeViolations(dark)}`).toEqual([]);
    await page().getByTestId('theme-toggle').click();
    await expect.poll(() => page().evaluate(() => document.documentElement.dataset.theme)).not.toBe('dark');
    const light = await axeViolations(page());
    expect(light, `light:\n${describeViolations(light)}`).toEqual([]);
  });

  it('opens the sigmoid neuron as the equivalent network', async () => {
    await newGraph(app, 'sigmoid-neuron');
    await page().getByTestId('backward-pass').click();
    await expect.poll(() => text(page(), 'adjoint-theta1')).toBe('-0.200488');
    await app.screenshot('autodiff-05-sigmoid-neuron');
    await page().getByTestId('open-as-network').click();
    await discardIfAsked(app);
    await page().getByTestId('node-neuron').waitFor();
    expect(await page().getByTestId('compgraph-workspace').count()).toBe(0);
    await app.screenshot('autodiff-06-neuron-as-network');
    expect(app.consoleErrors).toEqual([]);
  });

  it('offers no link for a graph that is not a neuron or a layer, and the reason for a layer whose sample is in no dataset', async () => {
    await newGraph(app, 'l002-autodiff-example1');
    expect(await page().getByTestId('network-link').count()).toBe(0);
    await newGraph(app, 'sigmoid-layer');
    await page().getByTestId('node-x2').click();
    await setParam(page(), 'value', '0.25');
    await expect.poll(() => text(page(), 'network-link-why')).toMatch(/The layer opens as a network when its sample is in a built-in dataset/);
    expect(await page().getByTestId('open-as-network').count()).toBe(0);
  });

  it('opens the two-neuron sigmoid layer as Input → Dense(2) → Sigmoid → MSE, whose loss is the graph\'s ℓ', async () => {
    await newGraph(app, 'sigmoid-layer');
    await page().getByTestId('forward-pass').click();
    await expect.poll(() => text(page(), 'g-value')).toMatch(/g = /);
    const g = Number((await text(page(), 'value-loss'))!.replace('= ', ''));
    expect(g).toBe(0.238503); // ½[(σ(0.475) − 1)² + σ(0.3)²], shown to 6 digits
    expect(await text(page(), 'network-link')).toMatch(/a layer of 2 sigmoid neurons with a squared loss: the same model as the network Input → Dense\(2\) → sigmoid → MSE \(sum × 0.5\)/);
    await page().getByTestId('backward-pass').click();
    await app.screenshot('autodiff-08-sigmoid-layer');
    await page().getByTestId('open-as-network').click();
    await discardIfAsked(app);
    await page().getByTestId('node-layer').waitFor();
    expect(await page().getByTestId('compgraph-workspace').count()).toBe(0);
    expect(await text(page(), 'node-subtitle-loss')).toMatch(/sum × 0.5/);
    // The engine's loss on the network's one sample, from the step-through's loss stage.
    await page().getByTestId('step-through').click();
    const stage = page().getByTestId('step-stage');
    await expect.poll(() => stage.textContent()).toMatch(/^Stage 1 of \d+: Forward pass, layer layer/);
    for (let i = 0; i < 4 && !(await stage.textContent())!.endsWith('Loss'); i++) await page().getByTestId('step-next').click();
    await expect.poll(() => stage.textContent()).toMatch(/Loss$/);
    const panel = (await page().getByTestId('step-panel').innerText()).replace(/−/g, '-');
    const loss = Number(/L = (?:.* = )?(-?[\d.]+)\s*$/m.exec(panel)![1]);
    // Both are shown to 6 digits: numbers that agree within 1e-6 show at most one unit apart.
    expect(Math.abs(loss - g)).toBeLessThanOrEqual(1e-6 + 1e-12);
    await app.screenshot('autodiff-09-layer-as-network');
    expect(app.consoleErrors).toEqual([]);
  });
});
