import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // suites run through `npm run suite:<name>` (RATECHECK_SUITE), not as part of `npm test`
    exclude: process.env.RATECHECK_SUITE ? [] : ['test/suites/**'],
    testTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
    },
  },
});
