import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // The integration suites each start a server jar; run files one at a time on the 2-core machine.
    fileParallelism: false,
  },
});
