/**
 * The outcome of checking one theorem on one run. `worstRatio` is the largest observed/bound ratio
 * over the points checked (for equalities: |observed − predicted| / allowed deviation), so the
 * theorem holds when worstRatio ≤ 1 with the slack already inside the bound.
 */
export interface Verdict {
  readonly status: 'holds' | 'violated' | 'not-applicable';
  readonly worstRatio: number;
  /** where the worst ratio was seen: iteration k (and trial, direction, …) */
  readonly where: string | null;
  /** the floating-point slack model used, in words and numbers */
  readonly slack: string;
  /** how many points (iterations, trials, samples) were checked */
  readonly checked: number;
  /** iterations not checked because the run was past its precision floor */
  readonly pastFloor: number;
  /** for not-applicable: the assumption that failed; otherwise notes (e.g. "uses empirical M̂") */
  readonly note?: string;
  /** false when the theorem is a diagnostic (`Theorem.gating`): its verdict is shown, never gated */
  readonly gating?: false;
}

/** A violation that fails the gate: the verdict of a gating theorem, violated. */
export function failsGate(v: Verdict): boolean {
  return v.status === 'violated' && v.gating !== false;
}

export function notApplicable(reason: string): Verdict {
  return { status: 'not-applicable', worstRatio: NaN, where: null, slack: '', checked: 0, pastFloor: 0, note: reason };
}

/** Accumulates observed/bound ratios and remembers where the worst one was. */
export class WorstRatio {
  worst = 0;
  where: string | null = null;
  checked = 0;
  pastFloor = 0;

  see(ratio: number, where: string): void {
    this.checked++;
    if (Number.isNaN(ratio)) {
      this.worst = NaN;
      this.where = `${where} (NaN)`;
      return;
    }
    if (!Number.isNaN(this.worst) && ratio > this.worst) {
      this.worst = ratio;
      this.where = where;
    }
  }

  skipPastFloor(): void {
    this.pastFloor++;
  }

  verdict(slack: string, note?: string): Verdict {
    const ok = !Number.isNaN(this.worst) && this.worst <= 1;
    return { status: ok ? 'holds' : 'violated', worstRatio: this.worst, where: this.where, slack, checked: this.checked, pastFloor: this.pastFloor, ...(note ? { note } : {}) };
  }
}
