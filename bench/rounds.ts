/**
 * Alternating rounds of a comparison against a reference (ours, then the reference, per round): a
 * ratio is the median of its per-round ratios, so a slow spell of a shared machine falls on both sides
 * of one round instead of on one side of the comparison. `--rounds N` on the command line (1–99).
 */
export function roundsFromArgs(argv: readonly string[], bench: string, fallback: number): number {
  const i = argv.indexOf('--rounds');
  if (i < 0) return fallback;
  const v = Number(argv[i + 1]);
  if (!Number.isInteger(v) || v < 1 || v > 99) {
    process.stderr.write(`${bench}: --rounds needs an integer from 1 to 99, got ${argv[i + 1] ?? 'nothing'}\n`);
    process.exit(2);
  }
  return v;
}

/** the median of a non-empty list (the lower one of an even count), and its index in the list */
export function medianOf(xs: readonly number[]): { value: number; index: number } {
  const value = [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
  return { value, index: xs.indexOf(value) };
}
