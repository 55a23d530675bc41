import { ProblemFileError } from '../../../src/problems/files/problem-file-error.js';

/** The message of the ProblemFileError that fn throws; any other error is rethrown, and no error is one. */
export function fileErrorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProblemFileError) return e.message;
    throw e;
  }
  throw new Error('no error');
}
