/** Helpers for the store tests: a fresh store per test and a compact view of its graph. */
import { createProjectStore } from '../../src/renderer/src/store';
import { blankProject, findTemplate } from '../../src/shared/templates';

export function freshStore(templateId?: string) {
  const project = templateId ? findTemplate(templateId)!.build() : blankProject();
  return createProjectStore(project);
}

export type TestStore = ReturnType<typeof freshStore>;

/** "a→b" strings of the graph's edges. */
export function edgeList(store: TestStore): string[] {
  return store.getState().project.graph.edges.map((e) => `${e.source}→${e.target}`);
}

export function nodeIdsOf(store: TestStore): string[] {
  return store.getState().project.graph.nodes.map((n) => n.id);
}
