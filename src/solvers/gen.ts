import { cpuBackend } from '../backends/cpu.js';
import type { GenRateFields, StepRecord } from '../methods/step-record.js';
import type { MetricSpec } from '../problems/instance.js';
import type { Oracle } from '../problems/oracle.js';
import { dot } from '../linalg/vector.js';
import { genDirection, type GenDirectionKind } from './gen-direction.js';
import { type RateEstimate, type RateEstimator } from './gen-rate-estimate.js';
import { type MinibatchSampler, withReplacementSampler } from '../problems/minibatch.js';
import { acceptsEstimate, nextRate } from './gen-rate-rule.js';
import { type RowLoss, rowLossOf } from '../problems/row-loss.js';
import { SolverConfigurationError } from '../configuration-error.js';
import type { SolverSummary, StoppingRule } from './iteration-record.js';
import { outerIterations, SolverState } from './solver-state.js';

export interface GenOptions extends StoppingRule {
  readonly metric: MetricSpec;
  readonly direction: GenDirectionKind;
  readonly smoothing: number;
  readonly clamp: boolean;
  /** Φ: an estimate every Φ-th iteration */
  readonly lazy: number;
  readonly eta0: number;
  /** the preconditioner's seed */
  readonly seed: number;
  /** c of the direction c·d_t actually used */
  readonly directionScale: number;
  /** B rows per estimate, a fresh minibatch for L₀, L₊, L₋ each time (seeded by `seed`); 0: the full batch */
  readonly batch: number;
}

/** The parts of GeN a power check may swap (each honest one is the default). */
export interface GenParts {
  readonly estimate: RateEstimator;
  readonly accepts: (e: RateEstimate) => boolean;
  /** the rate the step applies, from the rate η_t of the rule */
  readonly appliedRate: (eta: number) => number;
  /** the rows L₀ is evaluated on, given the minibatch of L₊ and L₋ */
  readonly batchOfL0: (batch: Uint32Array, sampler: MinibatchSampler) => Uint32Array;
}

const NO_ESTIMATE = { L0: NaN, Lplus: NaN, Lminus: NaN, fitCurvature: NaN, fitSlope: NaN, fitR2: NaN, candidate: NaN } as const;

/**
 * GeN (Bu & Xu 2025, arXiv 2407.02772, Algorithm 1): w_{t+1} = w_t − η_t·d_t, d_t the base direction
 * computed once per iteration; every Φ-th iteration the rate is re-estimated along d_t with the probe
 * step η_{t−1}, and an accepted candidate (a > 0, b > 0, R² > 0.99) gives η_t by the rate rule; otherwise
 * η_t = η_{t−1}. In float64 (the Hessian-vector products and Newton directions are the oracle's).
 * With a batch size B > 0, L₀, L₊, L₋ are the mean losses over one fresh minibatch per estimate
 * (all three on the same rows, the official code's rule [P code]); the direction stays full-batch.
 */
export function gen(problem: Oracle, x0: Float64Array, options: GenOptions, parts: GenParts): Generator<StepRecord & GenRateFields, SolverSummary, void> {
  const backend = cpuBackend();
  const s = new SolverState('GeN', problem, x0, options.metric, backend);
  const base = genDirection(options.direction, problem, options.seed);
  const c = options.directionScale;
  const rowLoss = options.batch > 0 ? rowLossOf(problem) : null;
  if (options.batch > 0 && !rowLoss) throw new SolverConfigurationError('GeN: a minibatch needs a problem with row losses (rowLoss)');
  const sampler = rowLoss ? withReplacementSampler(rowLoss.rowCount, options.batch, options.seed) : null;
  let rate = options.eta0;
  return outerIterations(s, options, (start) => {
    const x = start.x;
    const unscaled = base.next(x, s.g);
    if (unscaled === null) return { record: { direction: new Float64Array(x.length), preconditioner: base.preconditioner, ratePrevious: rate, estimated: false, ...NO_ESTIMATE, rateFromFit: false, rate, batch: null }, step: null };
    const d = c === 1 ? unscaled : unscaled.map((v) => c * v);
    const ratePrevious = rate;
    const estimated = start.k % options.lazy === 0;
    let fields: Omit<GenRateFields, 'direction' | 'preconditioner' | 'ratePrevious' | 'estimated' | 'rateFromFit' | 'rate' | 'batch'> = NO_ESTIMATE;
    let rateFromFit = false;
    let batch: Uint32Array | null = null;
    if (estimated) {
      batch = sampler ? sampler.next() : null;
      const rows = batch;
      const batchLoss = (on: Uint32Array, y: Float64Array): number => {
        s.fCalls++;
        return (rowLoss as RowLoss).loss(y, on);
      };
      const probeAt = (eta: number): Float64Array => x.map((xi, i) => xi - eta * d[i]);
      const e = parts.estimate({
        probe: ratePrevious,
        f0: rows && sampler ? batchLoss(parts.batchOfL0(rows, sampler), x) : start.f,
        lossAt: (eta) => (rows ? batchLoss(rows, probeAt(eta)) : s.f(s.pointAt(probeAt(eta)))),
        slope: () => dot(s.g, d),
        curvature: () => dot(d, problem.hvp(x, d)),
      });
      fields = { L0: e.L0, Lplus: e.Lplus, Lminus: e.Lminus, fitCurvature: e.a, fitSlope: e.b, fitR2: e.r2, candidate: e.candidate };
      rateFromFit = parts.accepts(e);
      if (rateFromFit) rate = nextRate(options, ratePrevious, e.candidate);
    }
    const applied = parts.appliedRate(rate);
    const h = d.map((v) => -applied * v);
    return {
      record: { direction: d, preconditioner: base.preconditioner, ratePrevious, estimated, ...fields, rateFromFit, rate, batch },
      step: { to: s.plus(h), h, accepted: true },
    };
  });
}

export const HONEST_GEN_PARTS = { accepts: acceptsEstimate, appliedRate: (eta: number) => eta, batchOfL0: (batch: Uint32Array) => batch } as const;
