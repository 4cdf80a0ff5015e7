/** Writing Python source text: literals, indentation, and what every section of the exported script shares. */
import type { TrainingWithDefaults } from '../../shared/project-defaults';
import type { ResolvedNode } from '../../shared/graph';
import type { ModelPlan } from '../source';

export const str = (s: string): string => JSON.stringify(s);
export const list = (items: readonly string[]): string => `[${items.map(str).join(', ')}]`;
export const pyNumber = (v: number): string => (Number.isInteger(v) ? `${v}` : String(v));
export const pyBool = (v: boolean): string => (v ? 'True' : 'False');
export const indent = (text: string, by = '    '): string =>
  text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');

/** What the script sections share: the plan, the Python names of its nodes and the training settings. */
export interface Emitted {
  plan: ModelPlan;
  names: Map<string, string>;
  training: TrainingWithDefaults;
  /** Values forward() returns: what the losses, penalties and metrics read. */
  returned: string[];
}

/** How the script finds its data. */
export interface ScriptData {
  /** The CSV, relative to the script. */
  file: string;
  /** Column names (or, without a header row, 1-based `columnN` names as the app shows them). */
  features: string[];
  targets: string[];
  delimiter: string;
  hasHeader: boolean;
  /** Semicolon files from spreadsheets write 1,5 for 1.5. */
  decimalComma: boolean;
  /** The file's sha256, checked before training (a project's own CSV); absent for a CSV we wrote. */
  sha256?: string;
  rows: number;
}

export interface ScriptOptions {
  /** The script's own file name, for its usage lines. */
  scriptName: string;
  weightsFile: string;
  data: ScriptData;
}

/** The activity penalty a node declares, when it has a non-zero weight. */
export function activityPenalty(n: ResolvedNode): 'l1' | 'kl' | null {
  const p = n.params as { activityRegularizer?: string; activityL1?: number; sparsityWeight?: number };
  if (p.activityRegularizer === 'l1' && (p.activityL1 ?? 0) > 0) return 'l1';
  if (p.activityRegularizer === 'kl' && (p.sparsityWeight ?? 0) > 0) return 'kl';
  return null;
}
