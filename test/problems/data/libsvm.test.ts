import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LibsvmFormatError, MUSHROOMS_LABELS, parseLibsvm, readLibsvmFile } from '../../../src/problems/data/libsvm.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const mushroomsPath = resolve(repoRoot, '../shared/data/mushrooms.libsvm');

function formatError(text: string): LibsvmFormatError {
  try {
    parseLibsvm(text, 'bad.libsvm');
  } catch (e) {
    if (e instanceof LibsvmFormatError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('LIBSVM reader', () => {
  it('loads mushrooms as 8124 × 112 binary features with labels ±1 (1 → +1, 2 → −1)', () => {
    const { features, labels, source } = readLibsvmFile(mushroomsPath, { labelMap: MUSHROOMS_LABELS });
    expect(source).toBe(mushroomsPath);
    expect([features.rows, features.cols]).toEqual([8124, 112]);
    expect(labels).toHaveLength(8124);
    expect(labels.every((y) => y === 1 || y === -1)).toBe(true);
    expect(labels.filter((y) => y === 1)).toHaveLength(3916);
    expect(features.data.every((v) => v === 0 || v === 1)).toBe(true);
    for (let i = 0; i < features.rows; i++) {
      let ones = 0;
      for (let j = 0; j < features.cols; j++) ones += features.data[i * features.cols + j];
      expect(ones).toBe(21);
    }
    // first line: "1 6:1 8:1 15:1 …"
    expect(labels[0]).toBe(1);
    expect([features.data[5], features.data[7], features.data[14], features.data[6]]).toEqual([1, 1, 1, 0]);
    expect(labels[1]).toBe(-1);
  });

  it('parses 1-based sparse entries into dense rows, skipping blank lines and comments, tolerating CRLF', () => {
    const { features, labels } = parseLibsvm('+1 1:0.5 3:-2e-3\r\n\n# a comment\n-1 2:7 # trailing\n0\n', 'inline');
    expect([features.rows, features.cols]).toEqual([3, 3]);
    expect(Array.from(features.data)).toEqual([0.5, 0, -2e-3, 0, 7, 0, 0, 0, 0]);
    expect(Array.from(labels)).toEqual([1, -1, 0]);
  });

  it('pads to a requested width and rejects indices beyond it', () => {
    expect(parseLibsvm('1 2:1', 'inline', { features: 5 }).features.cols).toBe(5);
    expect(() => parseLibsvm('1 2:1\n1 6:1', 'inline', { features: 5 })).toThrow(/inline:2: index 6 exceeds the 5 features/);
  });

  it('maps labels, and an unmapped label is an error naming file and line', () => {
    expect(Array.from(parseLibsvm('2 1:1\n1 1:1', 'x', { labelMap: { '1': 1, '2': -1 } }).labels)).toEqual([-1, 1]);
    expect(Array.from(parseLibsvm('2.0 1:1', 'x', { labelMap: { '2': 5 } }).labels)).toEqual([5]);
    expect(() => parseLibsvm('1 1:1\n3 1:1', 'x', { labelMap: MUSHROOMS_LABELS })).toThrow(/^x:2: label 3 is not one of 1, 2$/);
  });

  it('rejects malformed lines with the file and 1-based line number', () => {
    const cases: [string, number, RegExp][] = [
      ['1 1:1\nabc 1:1', 2, /label 'abc' is not a number/],
      ['1 0:1', 1, /index 0 is not a positive integer/],
      ['1 1:1\n\n1 2:1 2:3', 3, /index 2 does not increase/],
      ['1 3:1 2:1', 1, /index 2 does not increase/],
      ['1 1:x', 1, /value 'x' of index 1 is not a finite number/],
      ['1 1:1e999', 1, /not a finite number/],
      ['1 qid:3 1:1', 1, /'qid:3' is not index:value/],
      ['1 1', 1, /'1' is not index:value/],
      ['1 -1:2', 1, /'-1:2' is not index:value/],
      ['\n# only comments\n', 3, /no samples/],
    ];
    for (const [text, line, reason] of cases) {
      const e = formatError(text);
      expect(e.file).toBe('bad.libsvm');
      expect(e.line, text).toBe(line);
      expect(e.message, text).toMatch(reason);
      expect(e.message.startsWith(`bad.libsvm:${line}: `)).toBe(true);
    }
  });

  it('names the file when reading from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'libsvm-'));
    const path = join(dir, 'broken.libsvm');
    writeFileSync(path, '1 1:1\n1 1:1 1:2\n');
    expect(() => readLibsvmFile(path)).toThrow(`${path}:2: index 1 does not increase (after 1)`);
  });
});
