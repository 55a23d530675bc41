import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The compiled CLI, as `npx ratecheck` runs it (`npm test` builds dist/ first). */
export const cli = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

export function ratecheck(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
