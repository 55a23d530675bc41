import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Results } from '../../src/harness/results.js';
import { ratecheck } from '../cli/run-cli.js';
import { fixture, ratecheckAsync, readJson, runDir, tempDir } from './run-support.js';

describe('the related methods under the harness', () => {
  it('a broken P-GD, GeN, R-Kalman and LEHI fail the gate with shrunk violations whose replay strings reproduce them bit for bit; the honest ones hold; the report has their section', async () => {
    const out = tempDir('peers-defective');
    const run = await ratecheckAsync(['run', '--suite', fixture('peers-defective.suite.json'), '--workers', '1', '--out', out]).done;
    expect(run.code, run.stderr).toBe(1);
    const dir = runDir(out);
    const results = readJson<Results>(join(dir, 'results.json'));
    const honest = results.cases.filter((c) => c.kind === 'case');
    expect(honest.length).toBeGreaterThan(0);
    expect(honest.every((c) => c.status === 'holds' || c.status === 'skipped')).toBe(true);
    for (const property of ['pgd-descent', 'gen-kantorovich', 'natural-gradient-push-through', 'lehi-adam-reduction']) {
      const caught = results.cases.filter((c) => c.kind === 'defect' && c.property === property && c.status === 'violated');
      expect(caught.length, property).toBeGreaterThan(0);
      const c = caught[0];
      expect(c.shrunk, property).toBeDefined();
      const replay = ratecheck('replay', c.replay);
      expect(replay.stdout).toContain('status: violated');
      expect(replay.stdout).toContain(`digest: ${c.digest}`);
    }
    const page = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(page).toContain('<h2 id="related-methods">Related methods</h2>');
    expect(page).toMatch(/<table class="constants">/);
  });
});
