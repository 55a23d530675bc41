import type { Instance } from '../instance.js';
import { parseJsonDocument, readDocumentText } from './json-document.js';
import { PROBLEM_FORMAT, parseProblemFile } from './problem-file.js';
import { ProblemFileError } from './problem-file-error.js';
import { parseReferenceFile, REFERENCE_FORMAT, type ReferenceSolverSettings, referenceInstance } from './reference-file.js';

/** An instance read from either file format, with the solver settings a reference file carries. */
export interface LoadedProblem {
  readonly format: typeof REFERENCE_FORMAT | typeof PROBLEM_FORMAT;
  readonly instance: Instance;
  readonly solver?: ReferenceSolverSettings;
}

/** Reads a `ratecheck-reference/1` or `ratecheck-problem/1` file, told apart by its "format" field. */
export function readAnyProblemFile(path: string): LoadedProblem {
  const text = readDocumentText(path);
  const doc = parseJsonDocument(text, path);
  const format = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as { format?: unknown }).format : undefined;
  if (format === REFERENCE_FORMAT) {
    const ref = parseReferenceFile(text, path);
    return { format, instance: referenceInstance(ref), solver: ref.solver };
  }
  if (format === PROBLEM_FORMAT) return { format, instance: parseProblemFile(text, path) };
  throw new ProblemFileError(path, 'format', `must be "${REFERENCE_FORMAT}" or "${PROBLEM_FORMAT}", got ${JSON.stringify(format)}`);
}
