import { defineConfig } from 'vitest/config';

// Tests start real PostgreSQL servers: run files one after another (2 cores), with room for slow machines.
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'styles/**/*.test.ts', 'composables/**/*.test.ts'],
    globalSetup: ['server/testing/no-orphans.global.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    reporters: ['default'],
  },
});
