/**
 * `bprop templates [--json]`: every template the app's New ▾ offers (its Templates, Lectures and
 * Lessons groups, the lectures' variants, and the computational graphs with their lessons), one
 * per line: id, group and label.
 * `bprop new TEMPLATE-ID --out FILE`: that template as a project file, ready to train
 * (`bprop train FILE`) or open in the app.
 */
import { writeFileAtomic } from '../node/atomic-write';
import { closestNames } from '../shared/closest-names';
import { serializeCompGraphProject } from '../shared/compgraph/project-file';
import { allTemplates, findTemplate, lessonTemplates, type ProjectTemplate } from '../shared/templates';
import { findGraphTemplate, graphTemplates, templateIds } from '../shared/templates/files';
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
    for (const { template: t, group: g } of graphTemplates) {
      process.stdout.write(`${JSON.stringify({ id: t.id, group: g, kind: 'computationalGraph', label: t.label, description: t.description })}\n`);
    }
    return;
  }
  const width = Math.max(...allTemplates.map((t) => t.id.length), ...graphTemplates.map((g) => g.template.id.length));
  for (const t of allTemplates) process.stdout.write(`${t.id.padEnd(width)}  ${group(t).padEnd(10)}  ${t.label}\n`);
  for (const { template: t, group: g } of graphTemplates) process.stdout.write(`${t.id.padEnd(width)}  ${g.padEnd(10)}  ${t.label} (computational graph)\n`);
}

export async function newCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, []);
  checkFlags(args, ['out']);
  const [id, ...rest] = args.positionals;
  const out = stringFlag(args, 'out');
  if (!id || !out || rest.length > 0) throw new UsageError(NEW_USAGE);
  const graph = findGraphTemplate(id);
  if (graph) {
    const project = graph.build();
    await writeFileAtomic(out, serializeCompGraphProject(project));
    process.stdout.write(`wrote ${out}: ${graph.label} (computational graph, ${project.graph.nodes.length} blocks)\n`);
    return;
  }
  const template = findTemplate(id);
  if (!template) {
    const near = closestNames(id, templateIds());
    throw new UsageError(`no template '${id}'${near.length ? ` (did you mean ${near.map((n) => `'${n}'`).join(' or ')}?)` : ''}; bprop templates lists them`);
  }
  const project = template.build();
  await writeProjectFile(out, project);
  process.stdout.write(`wrote ${out}: ${template.label} (${project.graph.nodes.length} nodes)\n`);
}
