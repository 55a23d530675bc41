import { classById } from '../../classes/index.js';
import type { SmoothnessClass, SpotCheckResult } from '../../classes/smoothness-class.js';
import { symmetricEigenvalues } from '../../linalg/eigen.js';
import { type Matrix, matrix } from '../../linalg/matrix.js';
import { type Metric, metricOperatorNorm } from '../../linalg/metric.js';
import { dot } from '../../linalg/vector.js';
import { mixSeed } from '../../random/prng.js';
import type { Membership } from '../certificate.js';
import type { Instance } from '../instance.js';
import { metricOf } from '../metric.js';
import type { Oracle } from '../oracle.js';
import { falseCertificateClaim, formatScalar, formatVector, membershipLabel } from './claim-text.js';

export interface MembershipFindings {
  readonly falseClaims: readonly string[];
  readonly summaries: readonly string[];
}

function difference(a: Matrix, b: Matrix): Matrix {
  const out = matrix(a.rows, a.cols);
  for (let i = 0; i < out.data.length; i++) out.data[i] = a.data[i] - b.data[i];
  return out;
}

function spectralNorm(e: Matrix, metric: Metric): number {
  return Math.max(...Array.from(symmetricEigenvalues(metric.whiten(e)), Math.abs));
}

/** The class's inequality at its spot check's witness, as the quantities a reader can recompute. */
function witnessEvidence(o: Oracle, metric: Metric, m: Membership, w: SpotCheckResult['witness']): string {
  const x = w.x;
  const at = `at x = ${formatVector(x)}`;
  switch (m.class) {
    case 'lipschitz-gradient': {
      const y = w.y as Float64Array;
      const gx = o.grad(x);
      const gy = o.grad(y);
      const q = metric.dualNorm(gy.map((v, i) => v - gx[i])) / metric.norm(y.map((v, i) => v - x[i]));
      return `‖∇f(y) − ∇f(x)‖_* / ‖y − x‖ = ${formatScalar(q)} ${at}, y = ${formatVector(y)}`;
    }
    case 'holder-hessian': {
      const y = w.y as Float64Array;
      const q = spectralNorm(difference(o.hess(y), o.hess(x)), metric) / metric.norm(y.map((v, i) => v - x[i])) ** m.nu;
      return `‖∇²f(y) − ∇²f(x)‖ / ‖y − x‖^${m.nu} = ${formatScalar(q)} ${at}, y = ${formatVector(y)}`;
    }
    case 'holder-third': {
      const y = w.y as Float64Array;
      const h = w.direction as Float64Array;
      const t = (dot(o.third?.(y, h) as Float64Array, h) - dot(o.third?.(x, h) as Float64Array, h)) / metric.norm(h) ** 3;
      return `|D³f(y)[h,h,h] − D³f(x)[h,h,h]| / (‖h‖³‖y − x‖^${m.nu}) = ${formatScalar(Math.abs(t) / metric.norm(y.map((v, i) => v - x[i])) ** m.nu)} ${at}, y = ${formatVector(y)}, h = ${formatVector(h)}`;
    }
    case 'quasi-self-concordant': {
      const h = w.direction as Float64Array;
      const observed = metric.dualNorm(o.third?.(x, h) as Float64Array);
      return `‖D³f(x)[h,h]‖_* = ${formatScalar(observed)} > M⟨∇²f(x)h, h⟩ = ${formatScalar(m.M * dot(o.hvp(x, h), h))} ${at}, h = ${formatVector(h)} (‖h‖ = 1)`;
    }
    case 'l0-l1-smooth': {
      const bound = m.L0 + m.L1 * metric.dualNorm(o.grad(x));
      return `‖∇²f(x)‖ = ${formatScalar(metricOperatorNorm(o.hess(x), metric))} > L0 + L1‖∇f(x)‖_* = ${formatScalar(bound)} ${at}`;
    }
    case 'generalized-self-concordant': {
      const u = w.direction as Float64Array;
      const v = w.y as Float64Array;
      const observed = Math.abs(dot(o.third?.(x, u) as Float64Array, v));
      const bound = m.M * Math.max(0, dot(o.hvp(x, u), u)) * Math.max(0, dot(o.hvp(x, v), v)) ** ((m.nu - 2) / 2);
      return `|D³f(x)[u,u,v]| = ${formatScalar(observed)} > M⟨∇²f(x)u,u⟩‖v‖_x^(ν−2)‖v‖^(3−ν) = ${formatScalar(bound)} ${at}, u = ${formatVector(u)}, v = ${formatVector(v)} (‖u‖ = ‖v‖ = 1)`;
    }
  }
}

/**
 * Every claimed membership confronted with its class's spot check (src/classes: sampled probes and a
 * targeted search for the worst ratio observed/(bound + τ)), `samples` probes each. A claim is false
 * when the worst ratio exceeds 1 + slack — the class's rounding model (src/classes/rounding.ts:
 * slack = 32·n·κ(B)·u, τ = 32·n²·κ(B)·u times the magnitudes involved, points moved by η) — and the
 * message quotes the inequality at the witness. The instance is the one under verification (its
 * oracle guarded).
 */
export function checkMembershipClaims(instance: Instance, samples: number, seed: number): MembershipFindings {
  const falseClaims: string[] = [];
  const summaries: string[] = [];
  const metric = metricOf(instance.metric, instance.problem.dim);
  instance.certificate.memberships.forEach((m, k) => {
    const cls = classById[m.class] as SmoothnessClass;
    const r = cls.spotCheck(instance, m as never, { samples, seed: mixSeed(seed, k) });
    const label = membershipLabel(m);
    if (r.worstRatio > 1 + r.slack) {
      const evidence = witnessEvidence(instance.problem.oracle, metric, m, r.witness);
      falseClaims.push(falseCertificateClaim(label, `${evidence}; observed/bound = ${formatScalar(r.worstRatio)} > 1 + slack (slack ${r.slack.toExponential(2)}, τ and η of src/classes/rounding.ts)`));
    } else {
      const worst = Number.isNaN(r.worstRatio) ? 'no probe evaluable' : `worst observed/bound ${formatScalar(r.worstRatio)}`;
      summaries.push(`${label}: ${worst} over ${r.samples} probes (false above 1 + ${r.slack.toExponential(2)})`);
    }
  });
  return { falseClaims, summaries };
}
