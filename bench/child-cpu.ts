import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** clock ticks per second of /proc's times (sysconf(_SC_CLK_TCK)); 100 where getconf cannot say */
const CLOCK_TICKS = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(r.stdout?.trim());
  return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
})();

/**
 * CPU seconds (user + system) of this process's children that have ended and been waited for
 * (proc(5): fields cutime and cstime of /proc/self/stat); null where /proc cannot be read.
 */
export function childrenCpuSeconds(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // fields[0] is field 3 (state): cutime and cstime are fields 16 and 17
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks / CLOCK_TICKS : null;
  } catch {
    return null;
  }
}

/** `run`'s result with the CPU seconds of the children that ended while it was awaited (null without /proc) */
export async function withCpu<T extends object>(run: () => Promise<T>): Promise<T & { cpu: number | null }> {
  const before = childrenCpuSeconds();
  const result = await run();
  const after = childrenCpuSeconds();
  return { ...result, cpu: before === null || after === null ? null : after - before };
}
