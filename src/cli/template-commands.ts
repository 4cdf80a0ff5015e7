/**
 * `bprop templates [--json]`: every template the app's New ▾ offers (its Templates, Lectures and
 * Lessons groups, and the lectures' variants), one per line: id, group and label.
 * `bprop new TEMPLATE-ID --out FILE`: that template as a project file, ready to train
 * (`bprop train FILE`) or open in the app.
 */
import { closestNames } from '../shared/closest-names';
import { allTemplates, findTemplate, lessonTemplates, type ProjectTemplate } from '../shared/templates';
import { checkFlags, parseArgs, stringFlag, UsageError } from './args';
import { writeProjectFile } from './project-file';

const NEW_USAGE = 'usage: bprop new TEMPLATE-ID --out FILE.bprop   (bprop templates lists the ids)';

function groupOf(t: ProjectTemplate): 'templates' | 'lectures' | 'lessons' | 'variant' {
  if (t.variantOf) return 'variant';
  if (t.group === 'lectures') return 'lectures';
  return lessonTemplates.includes(t) ? 'lessons' : 'templates';
}

function group(t: ProjectTemplate): string {
  return t.variantOf ? `variant of ${t.variantOf}` : groupOf(t);
}

export async function templatesCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['json']);
  checkFlags(args, ['json']);
  if (args.positionals.length > 0) throw new UsageError('usage: bprop templates [--json]');
  if (args.flags.has('json')) {
    for (const t of allTemplates) {
      const line = { id: t.id, group: groupOf(t), label: t.label, description: t.description, ...(t.variantOf ? { variantOf: t.variantOf } : {}), ...(t.lecture ? { example: t.lecture.example } : {}) };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
    return;
  }
  const width = Math.max(...allTemplates.map((t) => t.id.length));
  for (const t of allTemplates) process.stdout.write(`${t.id.padEnd(width)}  ${group(t).padEnd(10)}  ${t.label}\n`);
}

export async function newCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, []);
  checkFlags(args, ['out']);
  const [id, ...rest] = args.positionals;
  const out = stringFlag(args, 'out');
  if (!id || !out || rest.length > 0) throw new UsageError(NEW_USAGE);
  const template = findTemplate(id);
  if (!template) {
    const near = closestNames(id, allTemplates.map((t) => t.id));
    throw new UsageError(`no template '${id}'${near.length ? ` (did you mean ${near.map((n) => `'${n}'`).join(' or ')}?)` : ''}; bprop templates lists them`);
  }
  const project = template.build();
  await writeProjectFile(out, project);
  process.stdout.write(`wrote ${out}: ${template.label} (${project.graph.nodes.length} nodes)\n`);
}
