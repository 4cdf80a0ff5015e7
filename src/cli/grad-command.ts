/**
 * `bprop grad FILE [--at name=value …] [--h H] [--json]`: evaluates a computational-graph project —
 * g, and each variable's ∂g/∂θ by reverse mode, by forward mode and by central differences —
 * and how many passes each mode took.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseAnyProject } from '../shared/compgraph/any-project';
import { CompGraphEvaluationError, gradientReport } from '../shared/compgraph/evaluate';
import { DEFAULT_FD_STEP } from '../shared/compgraph/types';
import { ProjectError } from '../shared/project';
import { UsageError } from './args';

const USAGE = 'usage: bprop grad FILE [--at name=value …] [--h STEP] [--json]';

interface GradArgs {
  file: string;
  at: Record<string, number>;
  h?: number;
  json: boolean;
}

/** --at may repeat (the shared parser keeps one value per flag), so this command reads argv itself. */
function parseGradArgs(argv: string[]): GradArgs {
  const out: GradArgs = { file: '', at: {}, json: false };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = splitFlag(arg);
    if (flag === '--json') out.json = true;
    else if (flag === '--at' || flag === '--h') {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value\n${USAGE}`);
      if (flag === '--h') {
        const h = Number(value);
        if (!(h > 0) || !Number.isFinite(h) || h > 1) throw new UsageError(`--h must be a number in (0, 1] (got '${value}')`);
        out.h = h;
      } else {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(value);
        const v = m ? Number(m[2]) : NaN;
        if (!m || !Number.isFinite(v)) throw new UsageError(`--at takes name=value with a finite number, e.g. --at theta1=0.5 (got '${value}')`);
        out.at[m[1]!] = v;
      }
    } else if (flag.startsWith('--')) throw new UsageError(`unknown option ${flag} (expected --at, --h, --json)`);
    else files.push(arg);
  }
  if (files.length !== 1) throw new UsageError(USAGE);
  out.file = files[0]!;
  return out;
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

export async function gradCommand(argv: string[]): Promise<void> {
  const args = parseGradArgs(argv);
  let text: string;
  try {
    text = await fs.readFile(args.file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ProjectError(`${args.file}: ${code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(e)})`}`);
  }
  const name = path.basename(args.file);
  const opened = parseAnyProject(text, name);
  if (opened.kind !== 'computationalGraph')
    throw new ProjectError(`${name}: this is a network project; bprop grad evaluates computational graphs ("kind": "computationalGraph")`, 'kind', `bprop train ${args.file} trains a network`);
  const h = args.h ?? opened.project.finiteDifferences?.h ?? DEFAULT_FD_STEP;
  let report;
  try {
    report = gradientReport(opened.project.graph, h, args.at);
  } catch (e) {
    if (e instanceof CompGraphEvaluationError) throw new ProjectError(`${name}: ${e.message}`);
    throw e;
  }
  if (args.json) {
    const variables = Object.fromEntries(Object.entries(report.variables).map(([k, v]) => [k, { value: v.value, reverse: v.reverse, forward: v.forward, central: v.central }]));
    process.stdout.write(JSON.stringify({ g: report.g, variables, passes: report.passes }) + '\n');
    return;
  }
  const lines = [`g = ${report.g}`];
  const width = Math.max(8, ...Object.keys(report.variables).map((k) => k.length));
  lines.push(`${'variable'.padEnd(width)}  ${'value'.padStart(12)}  ${'reverse'.padStart(14)}  ${'forward'.padStart(14)}  ${`central h=${h}`.padStart(16)}`);
  for (const [k, v] of Object.entries(report.variables))
    lines.push(`${k.padEnd(width)}  ${num(v.value, 12)}  ${num(v.reverse, 14)}  ${num(v.forward, 14)}  ${num(v.central, 16)}`);
  lines.push(`passes: reverse mode ${report.passes.reverse} (one forward and one backward pass for all variables), forward mode ${report.passes.forward} (one per variable)`);
  process.stdout.write(lines.join('\n') + '\n');
}

const num = (x: number, width: number): string => Number(x.toPrecision(10)).toString().padStart(width);
