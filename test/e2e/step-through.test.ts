/**
 * End to end, in Chromium against the web build: the step-through on the lectures' 2-2-1 network.
 * New ▾ → the lecture, Step through, Next through every stage (a screenshot of each), Δ3 read from
 * the panel, values on the canvas nodes, the notation switch, Back, and "Check this gradient"
 * opening the gradient check on that weight; the turn detector (Conv2D, max pooling) as feature
 * maps with the value of the cell under the pointer.
 */
import { describe, expect, it } from 'vitest';
import { appPerBlock, type App } from './harness';
import { newFromTemplate } from './app-state';

const panelText = async (app: App): Promise<string> => (await app.page.getByTestId('step-panel').innerText()).replace(/−/g, '-');

/** The result of the first formula line for `name` ("Δ₃ = … = −0.021919"): the number after its last " = ". */
function resultOf(text: string, name: string): number {
  const results = text
    .split('\n')
    .filter((l) => l.trimStart().startsWith(`${name} = `))
    .map((l) => Number(l.trim().split(' = ').at(-1)))
    .filter((v) => Number.isFinite(v));
  if (results.length === 0) throw new Error(`no result for ${name} in:\n${text}`);
  return results[0]!;
}

describe('step through backprop (Chromium)', () => {
  const app = appPerBlock({ viewport: { width: 1440, height: 960 } }, async (opened) => {
    const sep = app.page.getByRole('separator', { name: 'Resize the training panel' });
    const box = (await sep.boundingBox())!;
    await opened.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await opened.page.mouse.down();
    await opened.page.mouse.move(box.x + box.width / 2, box.y - 330, { steps: 6 });
    await opened.page.mouse.up();
  });

  it("steps through the 2-2-1 lecture network stage by stage; the panel shows Δ3 = −0.021919 and the losses", async () => {
    await newFromTemplate(app, 'l000-221-network-l2-backprop');
    await app.page.getByTestId('step-through').click();
    const stage = app.page.getByTestId('step-stage');
    await expect.poll(() => stage.textContent()).toBe('Stage 1 of 8: Forward pass, layer hidden');
    const seen: string[] = [];
    let delta3: number | null = null;
    for (let i = 0; i < 8; i++) {
      const title = (await stage.textContent())!;
      seen.push(title);
      const text = await panelText(app);
      await app.screenshot(`step-through-${i + 1}`);
      if (title === 'Stage 5 of 8: Backward pass, layer hidden') delta3 = resultOf(text, 'Δ₃');
      if (i === 0) {
        expect(text).toContain('in₃ = w₀,₃ + w₁,₃·x₁ + w₂,₃·x₂');
        expect(text).toContain('= 0.1 + 0.4·1 + (-0.2)·2 = 0.1');
        expect(await app.page.getByTestId('node-step-hidden').textContent()).toBe('in = [0.1, 0.9]');
        expect(await app.page.getByTestId('node-step-g_hidden').textContent()).toBe('a = [0.525, 0.7109]');
      }
      if (i === 2) expect(text).toContain('L = 0.126138');
      if (i === 3) expect(text).toContain('Δ₅ = ∂L/∂a₅ · g′(in₅)');
      if (i === 7) expect(text).toContain('went from 0.126138 to 0.110457');
      if (i < 7) await app.page.getByTestId('step-next').click();
    }
    expect(seen.map((t) => t.replace(/^Stage \d of 8: /, ''))).toEqual([
      'Forward pass, layer hidden', 'Forward pass, layer output', 'Loss', 'Backward pass, layer output', 'Backward pass, layer hidden',
      'Update, layer hidden', 'Update, layer output', 'done',
    ]);
    expect(delta3).not.toBeNull();
    expect(Math.abs(delta3! - -0.021919)).toBeLessThanOrEqual(1e-6);
    await expect.poll(() => app.page.getByTestId('step-next').isDisabled()).toBe(true);
    expect(app.consoleErrors).toEqual([]);
  });

  it('goes back, switches notation, explains the weight under the pointer, and checks its gradient', async () => {
    const back = app.page.getByTestId('step-back');
    for (let i = 0; i < 3; i++) await back.click(); // → Stage 5: backward, hidden
    await expect.poll(() => app.page.getByTestId('step-stage').textContent()).toBe('Stage 5 of 8: Backward pass, layer hidden');
    expect(await app.page.getByTestId('node-step-hidden').textContent()).toBe('Δ = [−0.0219, 0.0155]');
    await app.page.getByTestId('step-notation').selectOption('deck004');
    expect(await panelText(app)).toContain('δ₁⁽¹⁾ = g′(p₁⁽¹⁾) · Σ Θₖ,₁⁽¹⁾·δₖ⁽²⁾');
    await app.page.getByTestId('step-notation').selectOption('deck001');
    expect(await panelText(app)).toContain('δ₁¹ = g′(a₁¹)');
    await app.page.getByTestId('step-notation').selectOption('deck000');
    // Point at the connection x₂ → neuron 3 (w₂,₃): ∂L/∂w₂,₃ = x₂·Δ₃ = −0.043838.
    await app.page.getByTestId('step-edge-hidden-1-0').hover();
    const text = await panelText(app);
    expect(text).toContain('∂L/∂w₂,₃ = x₂ · Δ₃ = 2 × (-0.021919) = -0.043838');
    await app.screenshot('step-through-weight');
    await app.page.getByTestId('theme-toggle').click(); // the dark theme, for a look
    await app.screenshot('step-through-weight-dark');
    await app.page.getByTestId('theme-toggle').click();
    await app.page.getByTestId('step-check-gradient').click();
    const focus = app.page.getByTestId('gradient-check-focus');
    await focus.waitFor({ timeout: 30_000 });
    expect((await focus.textContent())!.replace(/−/g, '-')).toContain('[1, 0]');
    expect(await app.page.getByTestId('gradient-check-verdict').textContent()).toMatch(/agree/);
    await app.screenshot('step-through-gradient-check');
    expect(app.consoleErrors).toEqual([]);
  });

  it('steps through a mini-batch of XOR (fused sigmoid + cross-entropy)', async () => {
    await newFromTemplate(app, 'xor-mlp');
    await app.page.getByTestId('step-through').click();
    await expect.poll(() => app.page.getByTestId('step-stage').textContent()).toMatch(/^Stage 1 of \d+: Forward pass/);
    await app.page.getByTestId('step-rows').fill('4');
    await app.page.getByTestId('step-row').waitFor();
    await app.page.getByTestId('step-row').selectOption('2');
    const next = app.page.getByTestId('step-next');
    for (let i = 0; i < 3; i++) await next.click(); // forward, forward, loss → backward of the output layer
    await expect.poll(() => app.page.getByTestId('step-stage').textContent()).toMatch(/Backward pass/);
    const text = await panelText(app);
    expect(text).toContain('ŷ - y (σ and the loss together, divided by the batch size)');
    expect(text).toMatch(/∂L\/∂w₀,₇ = Σ over the batch of Δ₇ = /);
    // The canvas shows the same row's Δ as the panel.
    const delta = resultOf(text, 'Δ₇');
    expect(await app.page.getByTestId('node-step-logit').textContent()).toBe(`Δ = [${String(Number(delta.toFixed(4))).replace('-', '−')}]`);
    await app.screenshot('step-through-xor-batch');
    expect(app.consoleErrors).toEqual([]);
  });

  it('steps through the turn detector as feature maps: the value under the pointer, Δ maps and the kernel gradient', async () => {
    await newFromTemplate(app, 'turn-detector');
    await app.page.getByTestId('step-through').click();
    const stage = app.page.getByTestId('step-stage');
    await expect.poll(() => stage.textContent(), { timeout: 30_000 }).toBe('Stage 1 of 7: Forward pass, layer detector');
    await app.page.getByTestId('step-rows').fill('1'); // the XOR test above left 4 rows
    await expect.poll(() => app.page.getByTestId('step-row').count()).toBe(0);
    // The hand-set kernel (bias −4) on the first image: a 2×2 output map [[1, −4], [−2, −4]].
    await app.page.getByTestId('step-cell-in-0-0-1').hover();
    await expect.poll(async () => (await app.page.getByTestId('step-cell').textContent())!.replace(/−/g, '-')).toBe('output (detector), map 0, row 0, column 1: -4');
    await app.page.getByTestId('step-cell-in-0-0-0').hover();
    await expect.poll(async () => (await app.page.getByTestId('step-cell').textContent())!.replace(/−/g, '-')).toMatch(/column 0: 1$/);
    await app.screenshot('step-through-turn-forward');
    const next = app.page.getByTestId('step-next');
    for (let i = 0; i < 4; i++) await next.click(); // forward pool, loss, backward pool → backward detector
    await expect.poll(() => stage.textContent()).toBe('Stage 5 of 7: Backward pass, layer detector');
    // Max pooling sends the whole error to the maximum (top left); the kernel gradient is Δ times the pixels under it.
    await app.page.getByTestId('step-cell-delta-0-0-0').hover();
    const delta = Number((await app.page.getByTestId('step-cell').textContent())!.replace(/−/g, '-').split(': ').at(-1));
    expect(delta).toBeCloseTo(-0.268941, 5);
    await app.page.getByTestId('step-cell-delta-0-1-1').hover();
    await expect.poll(async () => (await app.page.getByTestId('step-cell').textContent())!.split(': ').at(-1)).toBe('0');
    expect(await app.page.getByTestId('step-maps-grad').isVisible()).toBe(true);
    expect(await panelText(app)).toMatch(/∂L\/∂b = \[-0\.268941\]/);
    await app.screenshot('step-through-turn-backward');
    await next.click();
    await expect.poll(() => stage.textContent()).toBe('Stage 6 of 7: Update, layer detector');
    await app.page.getByTestId('step-cell-after-0-0-0').hover();
    await expect.poll(async () => (await app.page.getByTestId('step-cell').textContent())!).toMatch(/kernel after, filter 0, row 0, column 0: 1\.026894/);
    await app.screenshot('step-through-turn-update');
    expect(app.consoleErrors).toEqual([]);
  });
});
