/**
 * A problem or reference file that cannot be used. The message is one line naming the file and, where
 * one is to blame, the field: `lse.json: problem.params.mu: must be > 0, got -1`. A CLI prints it as
 * is, never with a stack trace.
 */
export class ProblemFileError extends Error {
  constructor(
    readonly file: string,
    readonly field: string | null,
    readonly reason: string,
  ) {
    super(oneLine(field === null ? `${file}: ${reason}` : `${file}: ${field}: ${reason}`));
    this.name = 'ProblemFileError';
  }
}

const MAX_LENGTH = 400;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_LENGTH ? flat : `${flat.slice(0, MAX_LENGTH - 1)}…`;
}
