import type { Verdict } from '../theory/verdict.js';

/** Where a theorem was violated on a run, read from its verdict's `where` ("k=79 δ=… E=…", "k=3 trial 2 rejected: …"). */
export interface ViolationMark {
  readonly theorem: string;
  /** the iteration k; null when `where` names none */
  readonly k: number | null;
  /** the trial of iteration k's search, when `where` names one */
  readonly trial: number | null;
  /** a diagnostic outside its margin, not a violation that fails the gate */
  readonly diagnostic: boolean;
}

/** The violated verdicts of a case with the iteration (and trial) each one names. */
export function violationMarks(verdicts: Readonly<Record<string, Verdict>>): ViolationMark[] {
  return Object.entries(verdicts)
    .filter(([, v]) => v.status === 'violated')
    .map(([theorem, v]) => {
      const k = /\bk=(\d+)/.exec(v.where ?? '');
      const trial = /\btrial (\d+)/.exec(v.where ?? '');
      return { theorem, k: k ? Number(k[1]) : null, trial: k && trial ? Number(trial[1]) : null, diagnostic: v.gating === false };
    });
}
