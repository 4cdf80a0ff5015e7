/**
 * The project document store: the project, where it lives, whether it changed since it was
 * saved, the selection and the undo history. Every change goes through `run(command)`.
 */
import { create, createStore, type StateCreator, type StoreApi } from 'zustand';
import { checkConnection, type ConnectionAttempt } from '../../../shared/graph-connection';
import { getNodeSpec, isNodeType } from '../../../shared/nodes';
import { checkParamValue } from '../../../shared/nodes/params';
import { parseProject, ProjectError, serializeProject, validateProject } from '../../../shared/project';
import type { DataConfig, Project, RunRecord, SerializedOptimizerState, SerializedWeights, TrainingConfig } from '../../../shared/project-types';
import { blankProject } from '../../../shared/templates';
import { analyzeProjectGraph } from './analysis';
import { copySelection, pasteCommand } from './clipboard';
import {
  addNodeCommand, connectCommand, deleteSelectionCommand, moveNodesCommand, renameProjectCommand,
  selectAllCommand, setLabelCommand, setParamCommand, setSelectionCommand,
} from './graph-commands';
import { lockViolation, pruneLessonLocks } from '../../../shared/lesson-locks';
import type { Lesson } from '../../../shared/lesson-types';
import { setLessonAnswerCommand, setLessonCommand } from './lesson-commands';
import { applyCommand, recordStep, redoStep, undoStep, type HistoryState } from './history';
import { replaceDataCommand, setDataCommand, setRunsCommand, setOptimizerStateCommand, setTrainingCommand, setWeightsCommand, type Patch } from './settings-commands';
import { EMPTY_SELECTION, type Clipboard, type Command, type LoadedCsv, type Selection, type XY } from './types';
import { pruneStaleWeights } from './weights';

/** How far each paste is shifted from the copied nodes, in canvas pixels. */
export const PASTE_OFFSET = 40;

/** Why the whole document was replaced: a file opened, a new or template project, an ONNX import, a revert. */
export type ReplaceCause = 'open' | 'new' | 'import' | 'revert';

/**
 * The event "the document was replaced": `serial` grows by one each time (0: the document the
 * store started with). Edits, undo and redo never change it. Listen with `onDocumentReplaced`.
 */
export interface DocumentReplaced {
  serial: number;
  cause: ReplaceCause | 'start';
}

export interface ProjectState extends HistoryState {
  /** Absolute path on the desktop; null for a new project or on the web. */
  path: string | null;
  /** File name for display ("iris.bprop"); null until the project is saved or opened. */
  fileName: string | null;
  /** The project as last saved or opened; `dirty` compares against its serialisation. */
  savedProject: Project;
  savedText: string;
  dirty: boolean;
  clipboard: Clipboard | null;
  pasteCount: number;
  /** Positions of nodes being dragged; committed as one undo step when the drag ends. */
  dragPositions: Record<string, XY> | null;
  /** The CSV the data section names, once chosen or read. */
  csv: LoadedCsv | null;
  /** The last replacement of the whole document (see `onDocumentReplaced`). */
  replaced: DocumentReplaced;
  /**
   * Teacher mode: the lesson can be edited and its locks do not apply. Off whenever a project is
   * opened or started, so a student opening a lesson gets the locked view.
   */
  teacherMode: boolean;
  /** The last edit a lesson lock refused (seq counts refusals, so the same message shows again). */
  lockRefusal: { message: string; seq: number } | null;
}

export interface ProjectActions {
  /** Runs a command; returns why it was refused (the project would be invalid), or null. */
  run(command: Command): string | null;
  undo(): void;
  redo(): void;
  addNode(type: string, position: XY): string | null;
  /** Adds the edge, or returns why it is refused (nothing changes then). */
  connect(attempt: ConnectionAttempt): string | null;
  deleteSelection(): void;
  copy(): void;
  cut(): void;
  paste(): void;
  duplicate(): void;
  selectAll(): void;
  setSelection(selection: Selection): void;
  /** Sets a param, or returns why the value is refused (nothing changes then). */
  setParam(nodeId: string, name: string, value: unknown): string | null;
  setLabel(nodeId: string, label: string): void;
  setProjectName(name: string): void;
  dragNodes(positions: Record<string, XY>): void;
  endDrag(): void;
  moveNodes(positions: Record<string, XY>, label?: string): void;
  setData(patch: Patch<Record<string, unknown>>): string | null;
  replaceData(data: DataConfig): string | null;
  setTraining(patch: Patch<TrainingConfig>): string | null;
  /** Trained weights (not an undo step; undo keeps them while they fit the graph). */
  setWeights(weights: SerializedWeights | undefined): void;
  /** The optimiser's state for the weights (kept only while the document has weights). */
  setOptimizerState(state: SerializedOptimizerState | undefined): void;
  /**
   * Weights set by hand: an undo step from `before` (the engine's weights before the edit) to
   * `after`. Undo and redo of it restore those weights; the engine follows (engine-sync).
   */
  editWeights(before: SerializedWeights, after: SerializedWeights): void;
  /** The recorded training runs (not an undo step; undo keeps them). */
  setRuns(runs: RunRecord[] | undefined): void;
  setCsv(csv: LoadedCsv | null): void;
  setTeacherMode(on: boolean): void;
  /** Replaces (or removes) the lesson: refused with the reason outside teacher mode. */
  setLesson(lesson: Lesson | undefined): string | null;
  /** A student's answer to answer goal `index` (undefined clears it). */
  setLessonAnswer(index: number, answer: number | undefined): string | null;
  /** Opens a project file's text (`cause`: open by default). Throws ProjectError (the current project stays as it was). */
  loadProject(text: string, fileName: string | null, path: string | null, cause?: ReplaceCause): void;
  /** Starts over with `project` (a template, a blank one, an import): not dirty, no history. */
  newProject(project: Project, cause?: ReplaceCause): void;
  /** The document holds changes no file has (a restored recovery copy): dirty until saved. */
  markUnsaved(): void;
  /** The project was written to disk as `text` (the serialisation of `project`). */
  markSaved(path: string | null, fileName: string, saved?: { project: Project; text: string }): void;
}

export type ProjectStore = ProjectState & ProjectActions;

function isDirty(project: Project, savedProject: Project, savedText: string): boolean {
  if (project === savedProject) return false;
  try {
    return serializeProject(project) !== savedText;
  } catch {
    return true;
  }
}

function freshDocument(project: Project): Omit<ProjectState, 'path' | 'fileName' | 'clipboard' | 'pasteCount' | 'csv' | 'replaced'> {
  return {
    project, selection: EMPTY_SELECTION, past: [], future: [], savedProject: project, savedText: serializeProject(project), dirty: false, dragPositions: null,
    teacherMode: false, lockRefusal: null,
  };
}

const nextReplaced = (last: DocumentReplaced, cause: ReplaceCause): DocumentReplaced => ({ serial: last.serial + 1, cause });

function projectStoreCreator(initial: Project): StateCreator<ProjectStore> {
  return (set, get) => {
    const commit = (next: HistoryState) => {
      const { savedProject, savedText, project: current, dirty } = get();
      const { project, selection, past, future } = next;
      // Serialising to compare is the costly part: skip it when the project did not change (selection).
      set({ project, selection, past, future, dirty: project === current ? dirty : isDirty(project, savedProject, savedText) });
    };
    /**
     * Runs and trained weights are records, not edits: undo and redo keep the latest ones
     * (weights while they fit), except across a hand edit of weights, which restores its own.
     */
    const keepRecords = (next: HistoryState, handEditedWeights = false): HistoryState => {
      const { runs, weights: latest } = get().project;
      const weights = handEditedWeights ? next.project.weights : latest;
      if (next.project.runs === runs && next.project.weights === weights) return next;
      const { runs: _runs, weights: _weights, ...base } = next.project;
      let project: Project = { ...base, ...(runs ? { runs } : {}), ...(weights ? { weights } : {}) };
      if (weights && !handEditedWeights) project = pruneStaleWeights(project, analyzeProjectGraph(project.graph, project.data, get().csv).ctx);
      return { ...next, project };
    };
    const doc = () => ({ project: get().project, selection: get().selection });
    const analysis = () => analyzeProjectGraph(get().project.graph, get().project.data, get().csv);

    return {
      ...freshDocument(initial),
      path: null,
      fileName: null,
      clipboard: null,
      pasteCount: 0,
      csv: null,
      replaced: { serial: 0, cause: 'start' },

      run(command) {
        const s = get();
        const next = applyCommand(s, command);
        if (next.project !== s.project) {
          const locked = s.teacherMode ? null : lockViolation(s.project, next.project);
          // The teacher deleting a locked node also drops its lock.
          const lesson = s.teacherMode && next.project.lesson ? pruneLessonLocks(next.project.lesson, next.project.graph) : undefined;
          if (lesson && lesson !== next.project.lesson) next.project = { ...next.project, lesson };
          if (locked) {
            set({ lockRefusal: { message: locked, seq: (s.lockRefusal?.seq ?? 0) + 1 } });
            return locked;
          }
          try {
            validateProject(next.project);
          } catch (err) {
            if (err instanceof ProjectError) return err.message;
            throw err;
          }
          if (next.project.weights) next.project = pruneStaleWeights(next.project, analyzeProjectGraph(next.project.graph, next.project.data, s.csv).ctx);
        }
        commit(next);
        return null;
      },
      undo() {
        set({ dragPositions: null });
        commit(keepRecords(undoStep(get()), get().past.at(-1)?.editsWeights));
      },
      redo: () => commit(keepRecords(redoStep(get()), get().future[0]?.editsWeights)),

      addNode(type, position) {
        if (!isNodeType(type)) return null;
        get().run(addNodeCommand(type, position));
        return get().selection.nodes[0] ?? null;
      },
      connect(attempt) {
        const { graph } = get().project;
        const reason = checkConnection(graph, attempt, analysis().ctx);
        if (reason) return reason;
        const source = graph.nodes.find((n) => n.id === attempt.source)!;
        const target = graph.nodes.find((n) => n.id === attempt.target)!;
        const sourceHandle = attempt.sourceHandle ?? getNodeSpec(source.type)!.outputs[0]!.id;
        const targetHandle = attempt.targetHandle ?? getNodeSpec(target.type)!.inputs[0]!.id;
        return get().run(connectCommand({ source: attempt.source, sourceHandle, target: attempt.target, targetHandle }));
      },
      deleteSelection: () => void get().run(deleteSelectionCommand()),
      copy() {
        const clipboard = copySelection(doc());
        if (clipboard) set({ clipboard, pasteCount: 0 });
      },
      cut() {
        get().copy();
        get().deleteSelection();
      },
      paste() {
        const { clipboard, pasteCount } = get();
        if (!clipboard) return;
        const shift = PASTE_OFFSET * (pasteCount + 1);
        set({ pasteCount: pasteCount + 1 });
        get().run(pasteCommand(clipboard, { x: shift, y: shift }));
      },
      duplicate() {
        const clipboard = copySelection(doc());
        if (clipboard) get().run(pasteCommand(clipboard, { x: PASTE_OFFSET, y: PASTE_OFFSET }, 'Duplicate'));
      },
      selectAll: () => void get().run(selectAllCommand()),
      setSelection: (selection) => void get().run(setSelectionCommand(selection)),
      setParam(nodeId, name, value) {
        const node = get().project.graph.nodes.find((n) => n.id === nodeId);
        const paramSpec = node ? getNodeSpec(node.type)?.params[name] : undefined;
        if (!node || !paramSpec) return `There is no parameter '${name}' on node '${nodeId}'`;
        const problem = checkParamValue(paramSpec, value);
        return problem ?? get().run(setParamCommand(nodeId, name, value, paramSpec.label));
      },
      setLabel: (nodeId, label) => void get().run(setLabelCommand(nodeId, label)),
      setProjectName(name) {
        const text = name.trim();
        if (text) get().run(renameProjectCommand(text));
      },
      dragNodes: (positions) => set({ dragPositions: { ...get().dragPositions, ...positions } }),
      endDrag() {
        const positions = get().dragPositions;
        set({ dragPositions: null });
        if (positions) get().run(moveNodesCommand(positions));
      },
      moveNodes: (positions, label) => void get().run(moveNodesCommand(positions, label)),
      setData: (patch) => get().run(setDataCommand(patch)),
      replaceData: (data) => get().run(replaceDataCommand(data)),
      setTraining: (patch) => get().run(setTrainingCommand(patch)),
      setWeights: (weights) => void get().run(setWeightsCommand(weights)),
      setOptimizerState: (state) => void get().run(setOptimizerStateCommand(state)),
      editWeights(before, after) {
        const s = get();
        const withWeights = (w: SerializedWeights) => setWeightsCommand(w).perform(doc());
        commit(recordStep(s, withWeights(before), withWeights(after), 'Set weights by hand', true));
      },
      setRuns: (runs) => void get().run(setRunsCommand(runs)),
      setCsv: (csv) => set({ csv }),
      setTeacherMode: (teacherMode) => set({ teacherMode }),
      setLesson: (lesson) => get().run(setLessonCommand(lesson)),
      setLessonAnswer: (index, answer) => get().run(setLessonAnswerCommand(index, answer)),

      loadProject(text, fileName, path, cause = 'open') {
        const project = parseProject(text, fileName ?? undefined); // throws: nothing below runs
        set({ ...freshDocument(project), path, fileName, csv: null, pasteCount: 0, replaced: nextReplaced(get().replaced, cause) });
      },
      newProject(project, cause = 'new') {
        set({ ...freshDocument(project), path: null, fileName: null, csv: null, pasteCount: 0, replaced: nextReplaced(get().replaced, cause) });
      },
      markUnsaved() {
        set({ savedProject: blankProject(), savedText: '', dirty: true, path: null, fileName: null });
      },
      markSaved(path, fileName, saved) {
        const savedProject = saved?.project ?? get().project;
        const savedText = saved?.text ?? serializeProject(savedProject);
        set({ path, fileName, savedProject, savedText, dirty: isDirty(get().project, savedProject, savedText) });
      },
    };
  };
}

/**
 * Calls `listener` each time the document is replaced (open, new, import, revert), after the
 * store holds the new document; not for edits, undo or redo. Returns the unsubscribe function.
 */
export function onDocumentReplaced(store: Pick<StoreApi<ProjectStore>, 'subscribe'>, listener: (event: DocumentReplaced, state: ProjectStore) => void): () => void {
  return store.subscribe((s, prev) => {
    if (s.replaced !== prev.replaced) listener(s.replaced, s);
  });
}

/** A separate store (tests); the app uses `useProjectStore`. */
export function createProjectStore(initial: Project = blankProject()) {
  return createStore<ProjectStore>()(projectStoreCreator(initial));
}

/** The app's one document: a hook, with getState/setState/subscribe for code outside React. */
export const useProjectStore = create<ProjectStore>()(projectStoreCreator(blankProject()));
