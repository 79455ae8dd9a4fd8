import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Tests spawn the built CLI and open real SQLite files; two cores, so keep workers few.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
