/**
 * The tests Stryker runs against each mutant (npm run test:mutation; docs/testing.md).
 * Only in-process tests can kill a mutant: Stryker switches mutants on inside the test
 * process, so suites that spawn the CLI or run the engine host in a worker thread see the
 * unmutated code and would only cost time. The e2e suite (a browser) is out for the same reason.
 * Also out: the allocation test (Stryker's instrumentation allocates on every mutant switch, so
 * it cannot hold there) and the slow learning tests (templates, MNIST: minutes per mutant under
 * instrumentation; learning.test.ts keeps whole trainings in the run).
 *
 * MUTATION_TESTS (comma-separated globs; scripts/mutation.mjs --tests) narrows the run to the
 * tests that target a folder. That is much faster, and its score is a lower bound of the
 * whole suite's: fewer tests can only kill fewer mutants.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: process.env.MUTATION_TESTS
      ? process.env.MUTATION_TESTS.split(',')
      : ['test/engine/**/*.test.ts', 'test/shared/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/properties/**/*.test.ts'],
    exclude: [
      'test/engine/host/**',
      'test/engine/allocation.test.ts',
      'test/engine/templates-learning.test.ts',
      'test/engine/cnn-learning.test.ts',
      'test/cli/cli.test.ts',
      'test/cli/*spawn*.test.ts',
      '**/node_modules/**',
    ],
    environment: 'node',
    testTimeout: 180_000,
  },
});
