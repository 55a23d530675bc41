import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The files that take minutes (the README's commands run verbatim, the headless-Chromium reader, the
 * CLI end to end, the example solvers), started first: vitest orders a fresh checkout by file size, which
 * started the README recipes (≈ 340 s alone) about a minute late, so that one worker finished long after the other.
 */
const LONGEST_FIRST = ['test/cli/readme-recipes.test.ts', 'test/report/reader-chromium.test.ts', 'test/harness/run.test.ts', 'test/examples/examples.test.ts'];

class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification): number => {
      const i = LONGEST_FIRST.findIndex((name) => f.moduleId.endsWith(name));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // suites run through `npm run suite:<name>` (RATECHECK_SUITE), not as part of `npm test`
    exclude: process.env.RATECHECK_SUITE ? [] : ['test/suites/**'],
    testTimeout: 60_000,
    // vitest's default is one file at a time on 2 cores (cores − 1); most files wait on processes they
    // spawn (the CLI, solver processes), so two at a time keeps the README's test command near its budget
    maxWorkers: 2,
    sequence: { sequencer: LongestFirstSequencer },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
    },
  },
});
