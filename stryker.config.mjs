// Mutation testing of the engine and the shared model (npm run test:mutation; docs/testing.md).
// Scope a run with MUTATE (set by scripts/mutation.mjs): a comma-separated list of folders or
// files, e.g. MUTATE=src/engine/optim,src/engine/train.ts. Globs are by folder, so files moving
// between folders need no change here. Each scope keeps its own incremental file, so rerunning
// a folder only tests the mutants whose code or covering tests changed.
const scopes = (process.env.MUTATE ?? 'src/engine,src/shared').split(',').map((s) => s.trim().replace(/\/+$/, '')).filter(Boolean);
// MUTATION_NAME names the reports instead (a scope of many mutant ranges would make a name too long).
const slug = process.env.MUTATION_NAME || scopes.join('+').replace(/[^\w.+-]+/g, '_');

// Read by the tests that measure allocation (instrumented code allocates, so they skip here).
process.env.BPROP_MUTATION_RUN = '1';
// Property tests draw the same cases for every mutant (a mutant is killed or not, not by luck).
process.env.FC_SEED ??= '20251204';

// A file, a file with a mutant range (`file.ts:12:5-12:30`, as scripts/mutation-sample.mjs picks), or a folder.
const toGlob = (scope) => (/\.ts(:[\d:-]+)?$/.test(scope) ? scope : `${scope}/**/*.ts`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.node.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // MUTATION_IGNORE_STATIC=1 (scripts/mutation.mjs --ignore-static): skip static mutants (module-level
  // data: each reruns every test), to be estimated from a sample instead (docs/testing.md).
  ignoreStatic: process.env.MUTATION_IGNORE_STATIC === '1',
  mutate: [
    ...scopes.map(toGlob),
    '!**/*.d.ts',
    // Generated: the WebAssembly GEMM module as base64 (checked against its .wat by a test).
    '!src/engine/backend/wasm/gemm-module.ts',
  ],
  ignorePatterns: ['out', 'dist', 'release', 'reports', 'bench-results', 'test/e2e'],
  incremental: true,
  incrementalFile: `reports/mutation/${slug}.incremental.json`,
  reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${slug}.json` },
  htmlReporter: { fileName: `reports/mutation/${slug}.html` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 20_000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 15,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
