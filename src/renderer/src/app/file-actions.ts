/** New, Open, Save, Save As, Revert: the document's life cycle, through the platform's files and dialogs. */
import { parseAnyProject } from '../../../shared/compgraph/any-project';
import { ProjectError, serializeProject } from '../../../shared/project';
import { getNodeSpec } from '../../../shared/nodes';
import { isCsvData } from '../../../shared/project-types';
import { blankProject, findTemplate } from '../../../shared/templates';
import { closeCompGraph, compGraphDirty, compGraphForTemplate, compGraphText, showCompGraph } from '../compgraph/compgraph-files';
import { isCompGraphOpen, useCompGraphStore } from '../compgraph/compgraph-store';
import { platform, type OpenedProject } from '../platform';
import { keepTrainedWeights } from '../training/trained-weights';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import { suggestedFileName } from './file-name';

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const isCancel = (err: unknown): boolean => err instanceof DOMException && err.name === 'AbortError';

/** True if there is nothing unsaved, or the user agrees to lose it. */
export async function confirmDiscard(action: string, onlyGraph = false): Promise<boolean> {
  if (!compGraphDirty() && (onlyGraph || isCompGraphOpen() || !useProjectStore.getState().dirty)) return true;
  return useUiStore.getState().ask({
    title: 'Discard unsaved changes?',
    message: `${suggestedFileName()} has changes that are not saved. ${action} anyway? The changes will be lost.`,
    confirmLabel: 'Discard changes',
  });
}

export async function newProject(templateId?: string): Promise<void> {
  const graph = compGraphForTemplate(templateId);
  if (graph) {
    if (await confirmDiscard('Start a new computational graph', true)) showCompGraph(graph);
    return;
  }
  const template = templateId ? findTemplate(templateId) : undefined;
  const ui = useUiStore.getState();
  if (templateId && !template) return ui.showError(`There is no template '${templateId}'.`);
  if (!(await confirmDiscard('Start a new project'))) return;
  closeCompGraph();
  useProjectStore.getState().newProject(template ? template.build() : blankProject());
  ui.showError(null);
  ui.requestFit();
}

/**
 * Shows the opened file, or says what is wrong with it (the current project stays). The file
 * is checked first, so a broken file never asks about unsaved changes it would not replace.
 */
export async function showOpenedProject(opened: OpenedProject): Promise<boolean> {
  if (opened.bytes) return showImportedModel(opened.bytes, opened.name);
  const ui = useUiStore.getState();
  let kind: ReturnType<typeof parseAnyProject>;
  try {
    kind = parseAnyProject(opened.text, opened.name);
  } catch (err) {
    if (!(err instanceof ProjectError)) throw err;
    ui.showError(`Could not open ${opened.name}: ${err.message}`);
    return false;
  }
  if (kind.kind === 'computationalGraph') {
    if (!(await confirmDiscard(`Open ${opened.name}`, true))) return false;
    showCompGraph(kind.project, opened.name, opened.path, opened.text);
    return true;
  }
  if (!(await confirmDiscard(`Open ${opened.name}`))) return false;
  closeCompGraph();
  useProjectStore.getState().loadProject(opened.text, opened.name, opened.path);
  ui.showError(null);
  ui.requestFit();
  await loadProjectCsv();
  return true;
}

/** Reads the CSV the project names (desktop: beside the project file; web: if chosen this session). */
async function loadProjectCsv(): Promise<void> {
  const { project, path } = useProjectStore.getState();
  if (!isCsvData(project.data)) return;
  const data = project.data;
  try {
    const file = await platform.readProjectCsv(path, data.csv);
    if (!file) return;
    if (data.sha256 !== undefined && file.sha256.toLowerCase() !== data.sha256.toLowerCase()) {
      useUiStore.getState().showError(`${data.csv} has changed since the project was saved (its checksum differs). Import it again in Data to use the new contents.`);
      return;
    }
    const name = data.csv.split(/[\\/]/).pop() ?? data.csv;
    useProjectStore.getState().setCsv({ name, resolvedPath: file.resolvedPath, text: file.text, sha256: file.sha256 });
    if (data.sha256 === undefined) {
      // A hand-written project: take the file as it is and record its checksum (saved with the project).
      useProjectStore.getState().setData({ sha256: file.sha256 });
      useUiStore.getState().showNotice(`${data.csv} had no checksum in the project: it is used as it is now. Save the project to record its checksum; a later change to the file will then be noticed.`);
    }
  } catch (err) {
    useUiStore.getState().showError(`Could not read ${data.csv}: ${messageOf(err)}`);
  }
}

async function openWith(pick: () => Promise<OpenedProject | null>): Promise<void> {
  try {
    const opened = await pick();
    if (opened) await showOpenedProject(opened);
  } catch (err) {
    if (!isCancel(err)) useUiStore.getState().showError(`Could not open the project: ${messageOf(err)}`);
  }
}

export const openProject = (): Promise<void> => openWith(() => platform.openProject());
export const openRecent = (path: string): Promise<void> => openWith(() => platform.openRecent(path));
export const openDroppedFile = (file: File): Promise<void> => openWith(() => platform.openDropped(file));

async function saveWith(save: (text: string, name: string) => Promise<{ path: string | null; name: string } | null>): Promise<boolean> {
  const ui = useUiStore.getState();
  const graph = isCompGraphOpen();
  try {
    if (!graph) await keepTrainedWeights(); // a computational graph has no trained network to keep
  } catch (err) {
    ui.showError(`The trained weights could not be read from the engine, so the file keeps the weights it had: ${messageOf(err)}`);
  }
  const { project } = useProjectStore.getState();
  let text: string;
  try {
    text = graph ? compGraphText() : serializeProject(project);
  } catch (err) {
    ui.showError(`The project cannot be saved: ${messageOf(err)}`);
    return false;
  }
  try {
    const saved = await save(text, suggestedFileName());
    if (!saved) return false;
    if (graph) useCompGraphStore.getState().markSaved(saved.path, saved.name, text);
    else useProjectStore.getState().markSaved(saved.path, saved.name, { project, text });
    platform.writeRecovery(null);
    ui.showNotice(`Saved ${saved.name}`);
    return true;
  } catch (err) {
    if (!isCancel(err)) ui.showError(`Could not save ${suggestedFileName()}: ${messageOf(err)}`);
    return false;
  }
}

export const saveProject = (): Promise<boolean> =>
  saveWith((text, name) => platform.saveProject(text, name, isCompGraphOpen() ? useCompGraphStore.getState().path : useProjectStore.getState().path));
export const saveProjectAs = (): Promise<boolean> => saveWith((text, name) => platform.saveProjectAs(text, name));

/** Back to the last saved version (kept in memory, so it works on the web too). */
export async function revertProject(): Promise<void> {
  if (isCompGraphOpen()) return revertCompGraph();
  const { dirty, savedText, fileName, path } = useProjectStore.getState();
  if (!dirty) return;
  const ok = await useUiStore.getState().ask({
    title: 'Revert to the saved version?',
    message: `Every change since ${fileName ?? 'the project'} was last saved or opened will be lost.`,
    confirmLabel: 'Revert',
  });
  if (ok) useProjectStore.getState().loadProject(savedText, fileName, path, 'revert');
}

/**
 * An ONNX model opened with File › Open: imported as a new, unsaved project (Save asks where),
 * laid out with the canvas's auto-layout unless it came from our own export (which keeps its
 * positions). An unsupported operator is reported and nothing changes.
 */
async function showImportedModel(bytes: Uint8Array, name: string): Promise<boolean> {
  const ui = useUiStore.getState();
  const { importOnnx } = await import('../../../interop/onnx/import');
  let imported: Awaited<ReturnType<typeof importOnnx>>;
  try {
    imported = importOnnx(bytes, name);
  } catch (err) {
    ui.showError(`Could not open ${name}: ${messageOf(err)}`);
    return false;
  }
  if (!(await confirmDiscard(`Open ${name}`))) return false;
  useProjectStore.getState().newProject(imported.project, 'import');
  ui.showError(null);
  const losses = imported.losses.map((l) => `${getNodeSpec(l.type)?.label ?? l.type} loss on '${l.nodeId}'`).join(', ');
  ui.showNotice(`Imported ${name}: ${losses}${imported.restored ? '' : ' (suggested: change it in the inspector if you like)'}. Save to keep it as a project.`);
  if (!imported.restored) {
    const { autoLayout } = await import('./auto-layout');
    await autoLayout();
  } else ui.requestFit();
  return true;
}

async function revertCompGraph(): Promise<void> {
  const { dirty, savedText, fileName, path } = useCompGraphStore.getState();
  if (!dirty || !savedText) return;
  const ok = await useUiStore.getState().ask({ title: 'Revert to the saved version?', message: `Every change since ${fileName ?? 'the graph'} was last saved or opened will be lost.`, confirmLabel: 'Revert' });
  const opened = ok ? parseAnyProject(savedText, fileName ?? undefined) : null;
  if (opened?.kind === 'computationalGraph') showCompGraph(opened.project, fileName, path, savedText);
}
