import { defineConfig } from 'vitest/config';

/**
 * The PyTorch export tests (`npm run test:torch`): they run the exported scripts with Python and
 * PyTorch (Debian's python3-torch), so they are not part of `npm test`, which needs only Node.
 */
export default defineConfig({
  test: {
    include: ['test/torch/**/*.torch.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
