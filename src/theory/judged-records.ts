/**
 * The records a check judged and those it could not, by reason. A check that judged no record says nothing
 * about the run: its verdict is not applicable, not "holds" (a pass over no record is vacuous).
 */
import { notApplicable, type Verdict, type WorstRatio } from './verdict.js';

export class JudgedRecords {
  judged = 0;
  private readonly skipped = new Map<string, number>();

  /** one record judged */
  judge(): void {
    this.judged++;
  }

  /** one record not judged, for `reason` */
  skip(reason: string): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1);
  }

  /** "3 records not judged: 2 (reason), 1 (reason)", or undefined where every record was judged */
  note(): string | undefined {
    let total = 0;
    for (const n of this.skipped.values()) total += n;
    if (total === 0) return undefined;
    const parts = [...this.skipped].map(([reason, n]) => `${n} (${reason})`);
    return `${total} record${total === 1 ? '' : 's'} not judged: ${parts.join(', ')}`;
  }

  /** w's verdict with the unjudged records in its note; not applicable (`nothingJudged`) where no record was judged and nothing was violated */
  verdict(w: WorstRatio, slack: string, nothingJudged: string, extraNote?: string): Verdict {
    const note = [this.note(), extraNote].filter((s) => s !== undefined).join('; ');
    const v = w.verdict(slack, note === '' ? undefined : note);
    if (this.judged === 0 && v.status === 'holds') return notApplicable(note === '' ? nothingJudged : `${nothingJudged}: ${note}`);
    return v;
  }
}

/** w's verdict, not applicable (`nothingChecked`) where it saw no point at all */
export function verdictOfChecked(w: WorstRatio, slack: string, nothingChecked: string, note?: string): Verdict {
  return w.checked === 0 ? notApplicable(nothingChecked) : w.verdict(slack, note);
}
