#!/usr/bin/env node
/**
 * Static mutants (module-level data: a template's numbers, a catalogue's names) rerun every test
 * of a run per mutant, which makes folders of data take hours. This script measures them by sample
 * instead (docs/testing.md, "Static mutants"):
 *
 *   node scripts/mutation-sample.mjs draw REPORT N [SEED]
 *       prints, as one comma-separated scope for scripts/mutation.mjs, the exact ranges
 *       (`file.ts:line:col-line:col`) of N static mutants drawn at random (seeded: the same draw
 *       every time) from the Stryker JSON report of a run made with --ignore-static;
 *   node scripts/mutation-sample.mjs score REPORT SAMPLE_REPORT [SEED] [N]
 *       the sample's score (counting only the drawn mutants, not others that share their range)
 *       with a 95 % Wilson interval, and the estimate for the whole report.
 *
 * A range that would hold more than MAX_NESTED other static mutants (an object literal around a
 * whole template) is not drawn: running it would run all of those too. How many mutants that
 * leaves out is printed; the estimate covers the rest.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const MAX_NESTED = 8;
const [mode, reportFile, ...rest] = process.argv.slice(2);

function usage() {
  console.error('usage: node scripts/mutation-sample.mjs draw REPORT N [SEED] | score REPORT SAMPLE_REPORT [SEED] [N]');
  process.exit(2);
}

/** Every static mutant the report ignored: its mutate range (Stryker columns are 0-based there, 1-based in reports). */
function ignoredStatic(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const out = [];
  for (const [fileName, f] of Object.entries(report.files)) {
    const rel = path.relative(process.cwd(), path.resolve(fileName));
    for (const m of f.mutants) {
      if (!m.static || m.status !== 'Ignored') continue;
      out.push({ rel, loc: m.location, range: rangeOf(rel, m.location) });
    }
  }
  return out;
}
const rangeOf = (rel, { start, end }) => `${rel}:${start.line}:${start.column - 1}-${end.line}:${end.column - 1}`;
const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column);
const inside = (outer, inner) => before(outer.start, inner.start) && before(inner.end, outer.end);

/** The seeded draw: ranges with few nested static mutants, shuffled (mulberry32 + partial Fisher–Yates). */
function draw(all, count, seed) {
  const byFile = new Map();
  for (const m of all) byFile.set(m.rel, [...(byFile.get(m.rel) ?? []), m]);
  const candidates = [...new Set(all.filter((m) => byFile.get(m.rel).filter((o) => inside(m.loc, o.loc)).length - 1 <= MAX_NESTED).map((m) => m.range))].sort();
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const take = Math.min(count, candidates.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (candidates.length - i));
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  const eligible = all.filter((m) => candidates.includes(m.range)).length;
  return { sample: candidates.slice(0, take), eligible, ranges: candidates.length };
}

if (!reportFile) usage();
const all = ignoredStatic(reportFile);
if (all.length === 0) {
  console.error(`mutation-sample: no ignored static mutants in ${reportFile} (run it with --ignore-static)`);
  process.exit(1);
}
if (mode === 'draw') {
  const [countText, seedText = '20261206'] = rest;
  const count = Number(countText);
  if (!Number.isInteger(count) || count < 1) usage();
  const { sample, eligible, ranges } = draw(all, count, Number(seedText));
  console.error(`mutation-sample: ${sample.length} of ${ranges} ranges (${eligible} of ${all.length} static mutants are in drawable ranges)`);
  console.log(sample.join(','));
} else if (mode === 'score') {
  const [sampleFile, seedText = '20261206', countText = '120'] = rest;
  if (!sampleFile) usage();
  const { sample, eligible } = draw(all, Number(countText), Number(seedText));
  const drawn = new Set(sample);
  const measured = JSON.parse(readFileSync(sampleFile, 'utf8'));
  let detected = 0;
  let total = 0;
  const survivors = [];
  for (const [fileName, f] of Object.entries(measured.files)) {
    const rel = path.relative(process.cwd(), path.resolve(fileName));
    for (const m of f.mutants) {
      const range = rangeOf(rel, m.location);
      if (!drawn.has(range) || m.status === 'CompileError' || m.status === 'Ignored') continue;
      total++;
      if (m.status === 'Killed' || m.status === 'Timeout') detected++;
      else survivors.push(`${rel}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} ${JSON.stringify(m.replacement ?? '')} (${m.status})`);
    }
  }
  // Wilson score interval, 95 %.
  const z = 1.96;
  const p = detected / total;
  const centre = (p + (z * z) / (2 * total)) / (1 + (z * z) / total);
  const half = (z / (1 + (z * z) / total)) * Math.sqrt((p * (1 - p)) / total + (z * z) / (4 * total * total));
  const pct = (x) => (100 * x).toFixed(1);
  console.log(`sample: ${detected}/${total} detected = ${pct(p)} % (95 % interval ${pct(centre - half)}–${pct(centre + half)} %)`);
  console.log(`covers ${eligible} of ${all.length} static mutants (the rest sit in ranges holding more than ${MAX_NESTED} others)`);
  for (const s of survivors) console.log(`  survived: ${s}`);
} else usage();
