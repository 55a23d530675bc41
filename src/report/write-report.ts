import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Results } from '../harness/results.js';
import { packageRoot } from '../package-root.js';
import { csvFiles } from './csv.js';
import { renderReport } from './html.js';
import { renderJunit } from './junit.js';
import { THEORY_DOC } from './sections/theorem-sections.js';

/** docs/theory.md of this package as an href from dir (undefined when the package root cannot be found). */
function theoryDocFrom(dir: string): string | undefined {
  const root = packageRoot();
  if (root === null) return undefined;
  return relative(resolve(dir), join(root, THEORY_DOC)).split(sep).map(encodeURIComponent).join('/');
}

/** Writes index.html, junit.xml and the CSV files into dir (created if missing); returns the paths written. results.json is the runner's. */
export function writeReport(results: Results, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files = [{ name: 'index.html', text: renderReport(results, { theoryDoc: theoryDocFrom(dir) }) }, { name: 'junit.xml', text: renderJunit(results) }, ...csvFiles(results)];
  return files.map(({ name, text }) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
}
