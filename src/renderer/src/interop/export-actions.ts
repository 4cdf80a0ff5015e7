/**
 * File › Export: ONNX and PyTorch (built by the engine from the loaded model, so they carry the
 * weights it has now), the canvas as PNG or SVG, and the model summary as Markdown.
 */
import type { ExportFile, ExportKind } from '../../../shared/desktop-api';
import { identifier } from '../../../interop/names';
import { suggestedFileName } from '../app/file-name';
import { analyzeProjectGraph } from '../store/analysis';
import { useTrainingStore } from '../engine-client';
import { platform } from '../platform';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import { canvasSvg, svgToPng } from './canvas-svg';
import { summaryMarkdown } from './summary-markdown';

export const EXPORT_LABELS: Record<ExportKind, string> = {
  onnx: 'ONNX model',
  pytorch: 'PyTorch script',
  png: 'canvas as PNG',
  svg: 'canvas as SVG',
  markdown: 'model summary',
};

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const stem = (): string => suggestedFileName().replace(/\.bprop$/i, '');

async function filesFor(kind: ExportKind): Promise<ExportFile[]> {
  const { project, csv } = useProjectStore.getState();
  const { analysis } = analyzeProjectGraph(project.graph, project.data, csv);
  if (kind === 'markdown') return [{ name: `${stem()}-summary.md`, bytes: new TextEncoder().encode(summaryMarkdown(project, analysis)) }];
  if (kind === 'svg' || kind === 'png') {
    const drawing = canvasSvg(project.graph, analysis, useUiStore.getState().measured, project.name);
    if (kind === 'svg') return [{ name: `${stem()}.svg`, bytes: new TextEncoder().encode(drawing.svg) }];
    return [{ name: `${stem()}.png`, bytes: await svgToPng(drawing) }];
  }
  const training = useTrainingStore.getState();
  if (!training.summary) {
    throw new Error(analysis.issues.length > 0 ? 'the network has problems (see the red marks); fix them first' : 'the model is still loading; try again in a moment');
  }
  const fileName = kind === 'onnx' ? `${stem()}.onnx` : `${identifier(stem(), 'train')}.py`;
  return (await training.exportModel(kind, fileName)).files;
}

export async function exportAs(kind: ExportKind): Promise<void> {
  const ui = useUiStore.getState();
  try {
    const files = await filesFor(kind);
    const saved = await platform.exportFiles(files, kind);
    if (saved) ui.showNotice(`Exported the ${EXPORT_LABELS[kind]}: ${saved}${files.length > 1 ? ` (with ${files.slice(1).map((f) => f.name).join(', ')})` : ''}`);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') return;
    ui.showError(`Could not export the ${EXPORT_LABELS[kind]}: ${messageOf(err)}`);
  }
}
