/**
 * Exact binomial tail probabilities and the one-sided Clopper–Pearson bound, for judging counts of
 * independent trials (a power check's catches among its applicable cases).
 */

/**
 * The terms P(X = i), i = 0…k, for X ~ Binomial(n, p), by the recurrence P(X = i + 1) = P(X = i)·
 * (n − i)/(i + 1)·p/(1 − p) in log space (O(k), no overflow); calls `each` until it returns false.
 */
function binomialTerms(k: number, n: number, p: number, each: (i: number, term: number) => boolean): void {
  const ratio = Math.log(p) - Math.log1p(-p);
  let log = n * Math.log1p(-p);
  for (let i = 0; i <= k; i++) {
    if (!each(i, Math.exp(log))) return;
    log += Math.log((n - i) / (i + 1)) + ratio;
  }
}

/** P(X ≤ k) for X ~ Binomial(n, p) (exact up to rounding; 1 for k ≥ n). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  let total = 0;
  binomialTerms(k, n, p, (_, term) => {
    total += term;
    return true;
  });
  return Math.min(1, total);
}

/** The smallest c with P(X ≤ c) ≥ level for X ~ Binomial(n, p) (n when no smaller c reaches it). */
export function binomialQuantile(level: number, n: number, p: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return n;
  let total = 0;
  let found = n;
  binomialTerms(n - 1, n, p, (i, term) => {
    total += term;
    if (total >= level) {
      found = i;
      return false;
    }
    return true;
  });
  return found;
}

/**
 * The one-sided Clopper–Pearson lower confidence bound on p after `caught` successes in n trials:
 * the p_L with P(X ≥ caught | p_L) = 1 − level (0 when caught = 0), found by bisection.
 */
export function clopperPearsonLower(caught: number, n: number, level: number): number {
  if (caught <= 0 || n <= 0) return 0;
  let lo = 0;
  let hi = caught / n;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (1 - binomialCdf(caught - 1, n, mid) < 1 - level) lo = mid;
    else hi = mid;
  }
  return lo;
}
