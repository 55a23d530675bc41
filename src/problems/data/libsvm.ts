import { readFileSync } from 'node:fs';
import { type Matrix, matrix } from '../../linalg/matrix.js';

/**
 * LIBSVM / SVMlight sparse text data: one sample per line, `label index:value index:value …` with
 * 1-based, strictly increasing indices; omitted features are 0. Blank lines and `#` comments are
 * skipped. Read into a dense row-major matrix (feature j of sample i at data[i·n + j − 1]).
 */
export interface LibsvmDataset {
  /** N×n, dense */
  readonly features: Matrix;
  /** the label of each sample, after `labelMap` */
  readonly labels: Float64Array;
  readonly source: string;
}

export interface LibsvmOptions {
  /** label as read (its number, printed by String) → the label to store; a label missing from the map is an error */
  readonly labelMap?: Readonly<Record<string, number>>;
  /** the number of features n; default: the largest index present. An index above it is an error. */
  readonly features?: number;
}

/** The mushrooms data set labels its classes 1 and 2. */
export const MUSHROOMS_LABELS: Readonly<Record<string, number>> = { '1': 1, '2': -1 };

export class LibsvmFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'LibsvmFormatError';
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ENTRY = /^(\d+):(.+)$/;

export function parseLibsvm(text: string, source: string, options: LibsvmOptions = {}): LibsvmDataset {
  const limit = options.features;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) throw new RangeError(`parseLibsvm: features must be an integer ≥ 0, got ${limit}`);
  const labels: number[] = [];
  const rows: number[] = [];
  const cols: number[] = [];
  const values: number[] = [];
  let widest = 0;
  const lines = text.split('\n');
  lines.forEach((raw, k) => {
    const line = k + 1;
    const fail = (reason: string): never => {
      throw new LibsvmFormatError(source, line, reason);
    };
    const hash = raw.indexOf('#');
    const content = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (content === '') return;
    const [labelText, ...entries] = content.split(/\s+/);
    if (!NUMBER.test(labelText)) fail(`label '${labelText}' is not a number`);
    let label = Number(labelText);
    if (options.labelMap) {
      const mapped = options.labelMap[String(label)];
      if (mapped === undefined) fail(`label ${labelText} is not one of ${Object.keys(options.labelMap).join(', ')}`);
      label = mapped;
    }
    let previous = 0;
    for (const entry of entries) {
      const match = ENTRY.exec(entry);
      if (!match) fail(`'${entry}' is not index:value`);
      const [, indexText, valueText] = match!;
      const index = Number(indexText);
      if (!(index >= 1 && Number.isSafeInteger(index))) fail(`index ${indexText} is not a positive integer`);
      if (index <= previous) fail(`index ${index} does not increase (after ${previous})`);
      if (limit !== undefined && index > limit) fail(`index ${index} exceeds the ${limit} features`);
      if (!NUMBER.test(valueText) || !Number.isFinite(Number(valueText))) fail(`value '${valueText}' of index ${index} is not a finite number`);
      previous = index;
      rows.push(labels.length);
      cols.push(index - 1);
      values.push(Number(valueText));
    }
    widest = Math.max(widest, previous);
    labels.push(label);
  });
  if (labels.length === 0) throw new LibsvmFormatError(source, lines.length, 'no samples');
  const n = limit ?? widest;
  const features = matrix(labels.length, n);
  for (let e = 0; e < values.length; e++) features.data[rows[e] * n + cols[e]] = values[e];
  return { features, labels: Float64Array.from(labels), source };
}

export function readLibsvmFile(path: string, options: LibsvmOptions = {}): LibsvmDataset {
  return parseLibsvm(readFileSync(path, 'utf8'), path, options);
}
