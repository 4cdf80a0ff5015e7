#!/usr/bin/env node
/**
 * npm run test:mutation [-- SCOPE ...]: Stryker on each scope in turn, then the mutation score
 * per folder (per file for files named on their own). A scope is a folder or a file under
 * src/engine or src/shared, or several joined by commas (one Stryker run: its start-up, about
 * four minutes of type checking and a first test run, is paid once); without one, the folders
 * docs/testing.md keeps scores for. Each scope has its own incremental file in
 * reports/mutation/, so a rerun only tests mutants whose code or tests changed. Slow: budget
 * minutes per folder on two cores (docs/testing.md has the measured times).
 *
 *   npm run test:mutation -- src/engine/optim src/engine/train.ts
 *   npm run test:mutation -- --summary src/engine/optim     (only print the last report's scores)
 *   npm run test:mutation -- --tests test/engine/metrics.test.ts,test/engine/train*.test.ts src/engine/metrics.ts
 *       (only those tests: faster, and a lower bound of the whole suite's score)
 *   npm run test:mutation -- --ignore-static --name templates src/shared/templates
 *       (skip static mutants, module-level data that reruns every test per mutant; --name: the
 *       reports' name, here reports/mutation/templates.json)
 *   npm run test:mutation -- --name templates-static --tests ... "$(node scripts/mutation-sample.mjs draw reports/mutation/templates.json 150)"
 *       (a random sample of the static mutants skipped above, run on their own: an estimate of their score)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const DEFAULT_SCOPES = [
  'src/engine/optim',
  'src/engine/ops',
  'src/engine/train.ts,src/engine/metrics.ts',
  'src/engine/data',
  'src/shared',
];

const args = process.argv.slice(2);
/** The value after `--flag` (and takes both out of `args`), or undefined. */
function option(flag) {
  const at = args.indexOf(flag);
  if (at < 0) return undefined;
  return args.splice(at, 2)[1];
}
/** Whether `--flag` is given (and takes it out of `args`). */
function flag(name) {
  const at = args.indexOf(name);
  if (at >= 0) args.splice(at, 1);
  return at >= 0;
}
const tests = option('--tests');
const name = option('--name');
const summaryOnly = flag('--summary');
const ignoreStatic = flag('--ignore-static');
const runScopes = args.length > 0 ? args : DEFAULT_SCOPES;
if (name !== undefined && runScopes.length > 1) {
  console.error('mutation: --name names one scope\'s reports; give one scope (join parts with commas)');
  process.exit(2);
}

// The same names stryker.config.mjs gives the reports.
const slugOf = (scope) =>
  name ??
  scope
    .split(',')
    .map((s) => s.trim().replace(/\/+$/, ''))
    .join('+')
    .replace(/[^\w.+-]+/g, '_');
const reportOf = (scope) => path.join('reports', 'mutation', `${slugOf(scope)}.json`);
/** A scope part's file or folder, without a mutant range (`file.ts:12:5-12:30`). */
const pathOf = (part) => part.replace(/:[\d:-]+$/, '');

let failed = false;
for (const scope of runScopes) {
  const missing = scope.split(',').map(pathOf).find((part) => !existsSync(part));
  if (missing !== undefined) {
    console.error(`mutation: no such file or folder: ${missing}`);
    process.exit(2);
  }
  if (summaryOnly) continue;
  console.log(`\n== mutation testing ${scope}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join('node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'), 'run', 'stryker.config.mjs'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      MUTATE: scope,
      ...(tests ? { MUTATION_TESTS: tests } : {}),
      ...(name ? { MUTATION_NAME: name } : {}),
      ...(ignoreStatic ? { MUTATION_IGNORE_STATIC: '1' } : {}),
    },
  });
  console.log(`== ${scope}: ${Math.round((Date.now() - started) / 60_000)} min`);
  if (r.status !== 0) failed = true;
}

// Stryker's score: (killed + timeout) / (every mutant except compile errors and ignored ones).
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const rows = [];
for (const scope of runScopes) {
  const file = reportOf(scope);
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const byFolder = new Map();
  for (const [fileName, f] of Object.entries(report.files)) {
    const rel = path.relative(process.cwd(), path.resolve(fileName));
    const key = scope.split(',').map(pathOf).includes(rel) ? rel : path.dirname(rel);
    const c = byFolder.get(key) ?? { detected: 0, undetected: 0, ignored: 0, survived: [] };
    for (const m of f.mutants) {
      if (m.status === 'Ignored') c.ignored++;
      else if (DETECTED.has(m.status)) c.detected++;
      else if (UNDETECTED.has(m.status)) {
        c.undetected++;
        c.survived.push(`${rel}:${m.location.start.line} ${m.mutatorName} (${m.status})`);
      }
    }
    byFolder.set(key, c);
  }
  for (const [folder, c] of byFolder) rows.push({ folder, ...c });
}
rows.sort((a, b) => a.folder.localeCompare(b.folder));
console.log('\nmutation score per folder (killed + timeout) / (killed + timeout + survived + no coverage):');
for (const r of rows) {
  const total = r.detected + r.undetected;
  const score = total > 0 ? ((100 * r.detected) / total).toFixed(1) : '—';
  const ignored = r.ignored > 0 ? `   (${r.ignored} ignored: static)` : '';
  console.log(`  ${r.folder.padEnd(28)} ${String(score).padStart(5)} %   ${r.detected}/${total}${ignored}`);
}
process.exit(failed ? 1 : 0);
