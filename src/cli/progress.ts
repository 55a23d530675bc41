import type { Progress } from '../harness/run-suite.js';

const BAR = 30;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

/**
 * Progress on stderr: a redrawn bar with counts and ETA when stderr is a terminal, otherwise a
 * plain line per phase and at every tenth of the way.
 */
export function progressReporter(stream: NodeJS.WriteStream): { update(p: Progress): void; end(): void } {
  const started = performance.now();
  let phase = '';
  let phaseStart = started;
  let lastTenth = -1;
  let drawn = false;
  return {
    update(p) {
      const now = performance.now();
      if (p.phase !== phase) {
        if (drawn) stream.write('\n');
        drawn = false;
        phase = p.phase;
        phaseStart = now;
        lastTenth = -1;
      }
      const fraction = p.total === 0 ? 1 : p.done / p.total;
      const rate = (now - phaseStart) / 1000 / Math.max(1, p.done);
      const eta = duration((p.total - p.done) * rate);
      const counts = `${p.done}/${p.total} ${p.phase} · ${p.violated} violated · ${p.errors} errors`;
      if (stream.isTTY) {
        const filled = Math.round(fraction * BAR);
        stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(BAR - filled)}] ${counts} · ETA ${eta}   `);
        drawn = true;
        return;
      }
      const tenth = Math.floor(fraction * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        stream.write(`ratecheck: ${counts} (${Math.round(fraction * 100)}%, ETA ${eta})\n`);
      }
    },
    end() {
      if (drawn) stream.write('\n');
    },
  };
}
