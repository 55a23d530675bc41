import type { Membership } from '../certificate.js';

/** The one-line texts of user-problem checks: numbers, vectors, claim labels and the "is false" sentence. */

/** five significant digits, enough to read evidence; exact values stay in the data */
export function formatScalar(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e6 || a < 1e-4 ? x.toExponential(4) : String(Number(x.toPrecision(5)));
}

/** `[a, b, c]`; past 6 entries the first 4 and the count */
export function formatVector(x: ArrayLike<number>): string {
  const n = x.length;
  const shown = Array.from({ length: Math.min(n, n > 6 ? 4 : n) }, (_, i) => formatScalar(x[i]));
  return n > 6 ? `[${shown.join(', ')}, … (${n} entries)]` : `[${shown.join(', ')}]`;
}

const CONSTANT_NAMES: Readonly<Record<string, string>> = { nu: 'ν' };

/** `lipschitz-gradient L = 0.5`, `holder-hessian ν = 1, L = 2` */
export function membershipLabel(m: Membership): string {
  const constants = Object.entries(m)
    .filter(([k]) => k !== 'class' && k !== 'how')
    .map(([k, v]) => `${CONSTANT_NAMES[k] ?? k} = ${String(v)}`);
  return `${m.class} ${constants.join(', ')}`;
}

/** `certificate claim '<label>' is false: <evidence>` */
export function falseCertificateClaim(label: string, evidence: string): string {
  return `certificate claim '${label}' is false: ${evidence}`;
}

/** `oracle claim '<label>' is false: <evidence>` (the functions the user gave disagree with each other or with ℝⁿ) */
export function falseOracleClaim(label: string, evidence: string): string {
  return `oracle claim '${label}' is false: ${evidence}`;
}
