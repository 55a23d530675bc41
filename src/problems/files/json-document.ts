import { readFileSync } from 'node:fs';
import { ProblemFileError } from './problem-file-error.js';

/** The parsed JSON of `text`; invalid JSON is a one-line `ProblemFileError` naming `file`. */
export function parseJsonDocument(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ProblemFileError(file, null, `is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** The text of the file at `path`; a missing or unreadable file is a one-line `ProblemFileError`. */
export function readDocumentText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${typeof code === 'string' ? code : String(e)})`;
    throw new ProblemFileError(path, null, reason);
  }
}
