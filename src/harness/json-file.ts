import { readFileSync } from 'node:fs';
import { InputError } from '../input-error.js';

/** A JSON object from a file the user named, or a one-line InputError naming the file and what is wrong. */
export function readJsonObject(path: string, what: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${what} ${path} is not valid JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new InputError(`${what} ${path}: expected a JSON object`);
  return data as Record<string, unknown>;
}
