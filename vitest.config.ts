import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // suites run through `npm run suite:<name>` (RATECHECK_SUITE), not as part of `npm test`
    exclude: process.env.RATECHECK_SUITE ? [] : ['test/suites/**'],
    testTimeout: 60_000,
    // vitest's default is one file at a time on 2 cores (cores − 1); most files wait on processes they
    // spawn (the CLI, solver processes), so two at a time keeps the README's test command near its budget
    maxWorkers: 2,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
    },
  },
});
