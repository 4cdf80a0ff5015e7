/**
 * The open computational graph (when one is open, the window shows it instead of the network
 * editor), its edit history, and the state of the differentiation the user is stepping through.
 * The maths is src/shared/compgraph; this store only decides what is shown.
 */
import { create } from 'zustand';
import { topologicalOrder } from '../../../shared/compgraph/analyze';
import {
  CompGraphEvaluationError, forwardMode, forwardPass, reverseMode,
  type ForwardMode, type ForwardPass, type ReverseMode,
} from '../../../shared/compgraph/evaluate';
import { compGraphLockReason } from '../../../shared/compgraph/lesson';
import { paramsWithDefaults, scalarOps, type ScalarOp } from '../../../shared/compgraph/ops';
import { DEFAULT_FD_STEP, type CompGraph, type CompGraphProject } from '../../../shared/compgraph/types';
import { GraphError, formatIssue } from '../../../shared/graph-types';
import { useUiStore } from '../store/ui-store';

/** What the canvas shows of a differentiation: nothing, a forward pass, then reverse or forward mode. */
export interface RunState {
  fwd: ForwardPass;
  rev: ReverseMode;
  tan: ForwardMode;
  /** Blocks of the backward pass done (0 … rev.steps.length); null: reverse mode not started. */
  reverseSteps: number | null;
  /** Forward-mode passes done (0 … number of variables); null: forward mode not started. */
  tangentPasses: number | null;
}

export interface CompGraphState {
  project: CompGraphProject | null;
  fileName: string | null;
  path: string | null;
  dirty: boolean;
  /** The text last saved or opened (for Revert). */
  savedText: string;
  selected: string | null;
  /** The variable whose per-path contributions the side panel lists. */
  pathsOf: string | null;
  past: CompGraph[];
  future: CompGraph[];
  run: RunState | null;
  /** Counts the documents opened, so the canvas fits each new one into view. */
  opened: number;
  /** Why the last forward pass could not run (the graph's problems or a non-finite value). */
  runError: string | null;

  open(project: CompGraphProject, fileName?: string | null, path?: string | null, text?: string): void;
  close(): void;
  markSaved(path: string | null, fileName: string, text: string): void;
  setName(name: string): void;
  setStep(h: number): void;
  select(id: string | null): void;
  showPathsOf(nodeId: string | null): void;
  edit(change: (graph: CompGraph) => CompGraph): void;
  moveNode(id: string, position: { x: number; y: number }): void;
  undo(): void;
  redo(): void;
  addNode(type: ScalarOp, position: { x: number; y: number }): string;
  /** Wires source → target's port; returns why not, or null when done. */
  connect(source: string, target: string, port: string): string | null;
  deleteSelected(): void;
  removeEdge(id: string): void;
  setParam(id: string, name: string, value: number | string): void;
  setOutput(id: string): void;
  /** Sets (or clears, with undefined) the student's answer to lesson goal `index`; returns why not, or null. */
  setLessonAnswer(index: number, answer: number | undefined): string | null;
  runForward(): boolean;
  runBackward(): void;
  stepBackward(): void;
  stepTangent(): void;
  resetRun(): void;
}

const HISTORY_LIMIT = 100;

function freeId(graph: CompGraph, base: string): string {
  const taken = new Set(graph.nodes.map((n) => n.id));
  for (let i = 1; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

function freeVariableName(graph: CompGraph): string {
  const taken = new Set(graph.nodes.filter((n) => n.type === 'variable').map((n) => String(n.params.name)));
  for (let i = 1; ; i++) if (!taken.has(`theta${i}`)) return `theta${i}`;
}

function freeEdgeId(graph: CompGraph): string {
  const taken = new Set(graph.edges.map((e) => e.id));
  for (let i = 1; ; i++) if (!taken.has(`e${i}`)) return `e${i}`;
}

function computeRun(graph: CompGraph): RunState {
  const fwd = forwardPass(graph);
  return { fwd, rev: reverseMode(graph, fwd), tan: forwardMode(graph, fwd), reverseSteps: null, tangentPasses: null };
}

export const useCompGraphStore = create<CompGraphState>()((set, get) => {
  const graph = (): CompGraph => get().project!.graph;
  /** Why the lesson refuses graph changes (shown as a notice), or null. */
  const refused = (): string | null => {
    const reason = compGraphLockReason(get().project);
    if (reason) useUiStore.getState().showNotice(reason);
    return reason;
  };
  /** A change to the document: recorded for undo, marks it unsaved, and clears shown results. Refused while the lesson locks the graph. */
  const commit = (next: CompGraph): void => {
    const { project, past } = get();
    if (!project || refused()) return;
    set({ project: { ...project, graph: next }, past: [...past, project.graph].slice(-HISTORY_LIMIT), future: [], dirty: true, run: null, runError: null });
  };

  return {
    project: null,
    fileName: null,
    path: null,
    dirty: false,
    savedText: '',
    selected: null,
    pathsOf: null,
    past: [],
    future: [],
    run: null,
    runError: null,
    opened: 0,

    open: (project, fileName = null, path = null, text = '') =>
      set({ opened: get().opened + 1, project, fileName, path, savedText: text, dirty: false, selected: null, pathsOf: null, past: [], future: [], run: null, runError: null }),
    close: () => set({ project: null, fileName: null, path: null, dirty: false, run: null, runError: null, past: [], future: [], selected: null }),
    markSaved: (path, fileName, text) => set({ path, fileName, savedText: text, dirty: false }),
    setName: (name) => {
      const { project } = get();
      if (project) set({ project: { ...project, name }, dirty: true });
    },
    setStep: (h) => {
      const { project } = get();
      if (project) set({ project: { ...project, finiteDifferences: h === DEFAULT_FD_STEP ? undefined : { h } }, dirty: true });
    },
    select: (selected) => set({ selected }),
    showPathsOf: (pathsOf) => set({ pathsOf, selected: null }),
    edit: (change) => commit(change(graph())),
    moveNode: (id, position) => {
      const { project } = get();
      if (!project) return;
      const nodes = project.graph.nodes.map((n) => (n.id === id ? { ...n, position } : n));
      set({ project: { ...project, graph: { ...project.graph, nodes } }, dirty: true });
    },
    undo: () => {
      const { project, past, future } = get();
      if (!project || past.length === 0) return;
      set({ project: { ...project, graph: past[past.length - 1]! }, past: past.slice(0, -1), future: [project.graph, ...future], dirty: true, run: null, runError: null });
    },
    redo: () => {
      const { project, past, future } = get();
      if (!project || future.length === 0) return;
      set({ project: { ...project, graph: future[0]! }, past: [...past, project.graph], future: future.slice(1), dirty: true, run: null, runError: null });
    },

    addNode: (type, position) => {
      const g = graph();
      const id = freeId(g, type === 'variable' ? 'theta' : type);
      const params: Record<string, number | string> = type === 'variable' ? { name: freeVariableName(g), value: 1 } : {};
      const first = g.nodes.length === 0 || (g.output === undefined && type !== 'variable' && type !== 'constant');
      commit({ ...g, nodes: [...g.nodes, { id, type, position, params }], ...(first && type !== 'variable' && type !== 'constant' ? { output: id } : {}) });
      set({ selected: id });
      return id;
    },
    connect: (source, target, port) => {
      const g = graph();
      const locked = refused();
      if (locked) return locked;
      if (source === target) return 'A block cannot read its own value.';
      const existing = g.edges.find((e) => e.target === target && e.targetHandle === port);
      const edges = [...g.edges.filter((e) => e !== existing), { id: freeEdgeId(g), source, sourceHandle: 'out', target, targetHandle: port }];
      if (!topologicalOrder({ ...g, edges })) return `That wire would make a loop: '${source}' already depends on '${target}'.`;
      commit({ ...g, edges }); // a wire into a port that was taken replaces the old one
      return null;
    },
    deleteSelected: () => {
      const { selected } = get();
      if (!selected) return;
      const g = graph();
      commit({
        nodes: g.nodes.filter((n) => n.id !== selected),
        edges: g.edges.filter((e) => e.source !== selected && e.target !== selected),
        ...(g.output !== selected && g.output !== undefined ? { output: g.output } : {}),
      });
      set({ selected: null });
    },
    removeEdge: (id) => commit({ ...graph(), edges: graph().edges.filter((e) => e.id !== id) }),
    setParam: (id, name, value) => {
      const g = graph();
      const nodes = g.nodes.map((n) => (n.id === id ? { ...n, params: { ...paramsWithDefaults(n.type as ScalarOp, n.params), [name]: value } } : n));
      let edges = g.edges;
      if (name === 'inputs') {
        // Fewer inputs: the wires into ports that no longer exist go.
        const node = nodes.find((n) => n.id === id)!;
        const ports = scalarOps.expression.inputs(node.params as Record<string, number | string>);
        edges = edges.filter((e) => e.target !== id || ports.includes(e.targetHandle));
      }
      commit({ ...g, nodes, edges });
    },
    setOutput: (id) => commit({ ...graph(), output: id }),

    runForward: () => {
      try {
        set({ run: computeRun(graph()), runError: null });
        return true;
      } catch (err) {
        if (err instanceof GraphError) set({ run: null, runError: err.issues.map(formatIssue).join('\n') });
        else if (err instanceof CompGraphEvaluationError) set({ run: null, runError: err.message });
        else throw err;
        return false;
      }
    },
    runBackward: () => {
      if (!get().run && !get().runForward()) return;
      const run = get().run!;
      set({ run: { ...run, reverseSteps: run.rev.steps.length } });
    },
    stepBackward: () => {
      if (!get().run && !get().runForward()) return;
      const run = get().run!;
      const done = run.reverseSteps ?? 0;
      set({ run: { ...run, reverseSteps: done >= run.rev.steps.length ? 0 : done + 1 } });
    },
    stepTangent: () => {
      if (!get().run && !get().runForward()) return;
      const run = get().run!;
      const done = run.tangentPasses ?? 0;
      set({ run: { ...run, tangentPasses: done >= run.tan.passes.length ? 1 : done + 1 } });
    },
    resetRun: () => set({ run: null, runError: null }),
    setLessonAnswer: (index, answer) => {
      const { project } = get();
      const goal = project?.lesson?.goals[index];
      if (!project?.lesson || goal?.kind !== 'answer') return `There is no answer goal ${index + 1}.`;
      const goals = project.lesson.goals.map((g, i) => {
        if (i !== index || g.kind !== 'answer') return g;
        const { answer: _old, ...rest } = g;
        return answer === undefined ? rest : { ...rest, answer };
      });
      // An answer is the student's work, not a graph edit: saved with the file, outside the graph's undo history.
      set({ project: { ...project, lesson: { ...project.lesson, goals } }, dirty: true });
      return null;
    },
  };
});

/** True while a computational graph is open (the window shows it instead of the network editor). */
export const isCompGraphOpen = (): boolean => useCompGraphStore.getState().project !== null;
