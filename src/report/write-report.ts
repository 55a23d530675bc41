import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Results } from '../harness/results.js';
import { csvFiles } from './csv.js';
import { renderReport } from './html.js';
import { renderJunit } from './junit.js';

/** Writes index.html, junit.xml and the CSV files into dir (created if missing); returns the paths written. results.json is the runner's. */
export function writeReport(results: Results, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files = [{ name: 'index.html', text: renderReport(results) }, { name: 'junit.xml', text: renderJunit(results) }, ...csvFiles(results)];
  return files.map(({ name, text }) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
}
