/**
 * File › Export and Open .onnx in the web app, in Chromium: every export downloads a file that is
 * what it says (an SVG of the nodes, a PNG, Markdown, an ONNX model onnxruntime runs, a zip with
 * the PyTorch script), and an .onnx model made by PyTorch opens as a laid-out project.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runOnnx } from '../interop/helpers';
import { appPerBlock, repoRoot, SCREENSHOT_DIR, type App } from './harness';

type Download = { name: string; text: string; base64?: string };
type BpWindow = {
  __bpTest?: {
    queueOpenFile(name: string, text: string): void;
    queueOpenBytes(name: string, base64: string): void;
    lastDownload: Download | null;
    training?: () => { summary: unknown };
  };
};

const iris = readFileSync(path.join(repoRoot, 'examples', 'iris.bprop'), 'utf8');

async function exportVia(app: App, kind: string): Promise<Download> {
  await app.page.evaluate(() => void ((globalThis as unknown as BpWindow).__bpTest!.lastDownload = null));
  await app.page.getByTestId('export-menu-button').click();
  await app.page.getByTestId(`export-${kind}`).click();
  const handle = await app.page.waitForFunction(() => (globalThis as unknown as BpWindow).__bpTest!.lastDownload, undefined, { timeout: 30_000 });
  return (await handle.jsonValue()) as Download;
}

const bytesOf = (d: Download): Uint8Array => new Uint8Array(Buffer.from(d.base64!, 'base64'));

describe('exports and ONNX import in the web app', () => {
  const app = appPerBlock({}, async (opened) => {
    await opened.page.locator('#root > *').first().waitFor();
    await opened.page.evaluate((t) => (globalThis as unknown as BpWindow).__bpTest!.queueOpenFile('iris.bprop', t), iris);
    await opened.page.getByTestId('open-project').click();
    await opened.page.waitForFunction(() => (globalThis as unknown as BpWindow).__bpTest?.training?.().summary != null);
  });

  it('the Export menu lists every export', async () => {
    await app.page.getByTestId('export-menu-button').click();
    await expect(app.page.getByTestId('export-menu').getByRole('menuitem').allTextContents()).resolves.toHaveLength(6);
    await app.screenshot('interop-export-menu');
    await app.page.keyboard.press('Escape');
  });

  it('SVG: the nodes, their labels and the shapes on the edges', async () => {
    const d = await exportVia(app, 'svg');
    expect(d.name).toBe('iris.svg');
    expect(d.text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const iris = JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'iris.bprop'), 'utf8')) as { graph: { nodes: { id: string }[] } };
    for (const n of iris.graph.nodes) expect(d.text).toContain(`data-node="${n.id}"`);
    expect(d.text).toContain('[batch, 4]');
  });

  it('PNG: a picture of the network, twice the size of the SVG', async () => {
    const d = await exportVia(app, 'png');
    expect(d.name).toBe('iris.png');
    const png = bytesOf(d);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const view = new DataView(png.buffer, png.byteOffset);
    const [width, height] = [view.getUint32(16), view.getUint32(20)];
    expect(width).toBeGreaterThan(800);
    expect(height).toBeGreaterThan(100);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, 'interop-exported-canvas.png');
    writeFileSync(file, png);
    console.log(`e2e exported PNG: ${file} (${width}×${height})`);
  });

  it('Markdown: the layers table and the settings', async () => {
    const d = await exportVia(app, 'markdown');
    expect(d.name).toBe('iris-summary.md');
    expect(d.text).toMatch(/^# Iris/);
    expect(d.text).toContain('| Layer | Type | Output shape | Parameters |');
    expect(d.text).toMatch(/\*\*Trainable parameters:\*\* \d+/);
    expect(d.text).toContain('built-in `iris`');
  });

  it('ONNX: a model onnxruntime runs on raw measurements', async () => {
    const d = await exportVia(app, 'onnx');
    expect(d.name).toBe('iris.onnx');
    const out = await runOnnx(bytesOf(d), 'iris', Float32Array.of(5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3), 2, [4]);
    const p = Object.values(out)[0]!;
    expect(p).toHaveLength(6);
    expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 5);
  });

  it('PyTorch: one zip with the script, its weights and the data', async () => {
    const d = await exportVia(app, 'pytorch');
    expect(d.name).toBe('iris.zip');
    const files = unzipSync(bytesOf(d));
    expect(Object.keys(files).sort()).toEqual(['iris.csv', 'iris.py', 'iris_weights.npz']);
    expect(new TextDecoder().decode(files['iris.py'])).toContain('class Net(nn.Module):');
  });

  it('Open takes an .onnx model made by PyTorch, lays it out and it trains on the matching dataset', async () => {
    const model = readFileSync(path.join(repoRoot, 'test/fixtures/onnx/mlp_softmax.onnx')).toString('base64');
    await app.page.evaluate((b) => (globalThis as unknown as BpWindow).__bpTest!.queueOpenBytes('mlp_softmax.onnx', b), model);
    await app.page.getByTestId('open-project').click();
    for (const id of ['x', 'dense1', 'relu1', 'dense2', 'y', 'loss']) await app.page.getByTestId(`node-${id}`).waitFor();
    await app.page.getByText(/Imported mlp_softmax\.onnx: Cross-entropy loss on 'loss'/).first().waitFor();
    // Four features and three classes: the Iris data is chosen, and the model loads with PyTorch's weights.
    await app.page.waitForFunction(() => (globalThis as unknown as BpWindow).__bpTest?.training?.().summary != null);
    await app.page.waitForTimeout(800); // auto-layout and fit view settle
    await app.screenshot('interop-imported-onnx');
    expect(app.consoleErrors).toEqual([]);
  });
});
