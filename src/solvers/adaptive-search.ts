import type { SearchTrial } from '../methods/step-record.js';
import { SolverConfigurationError } from '../configuration-error.js';
import { type EvaluatedTrial, evaluateTrial, type SearchIteration, type SearchOutcome, type SearchPolicy, searchTrial } from './search-policy.js';

/**
 * The adaptive search of Algorithm 1 (docs/theory.md#algorithm-1-and-its-search): from the γ carried in, trials at
 * λ = parts.lambda(‖g‖_*, γ, ε) until parts.accepts passes, γ moved by parts.updateGamma after each.
 * A failed factorization or a non-finite f or ‖∇f‖_* is a rejected trial.
 * reference mode: the last evaluated trial is taken when none is accepted (a failed factorization is
 * never taken). strict mode: an exhausted search takes no step.
 */
export const adaptiveSearch: SearchPolicy = {
  start({ gamma0 }) {
    if (!(gamma0 > 0)) throw new SolverConfigurationError('gns: gamma0 must be > 0');
    return {
      gamma0,
      iterate<V, M>({ state: s, gamma: gammaStart, steps, rule, parts }: SearchIteration<V, M>): SearchOutcome<V> {
        const trials: SearchTrial[] = [];
        let gamma = gammaStart;
        let failures = 0;
        let taken: EvaluatedTrial<V> | null = null;
        let acceptedGamma: number | null = null;
        for (let i = 0; i < rule.maxTrials; i++) {
          const lambda = parts.lambda(s.gradNorm, gamma, rule.eps);
          const step = steps.at(lambda);
          if (!step.ok) {
            failures++;
            trials.push({ gamma, lambda, outcome: 'not-positive-definite' });
            gamma = parts.updateGamma.rejected(gamma);
            continue;
          }
          const trial = evaluateTrial(s, lambda, step);
          if (!Number.isFinite(trial.fNext) || !Number.isFinite(trial.aNext)) {
            trials.push(searchTrial(gamma, 'non-finite', trial));
            if (rule.reference) taken = trial;
            gamma = parts.updateGamma.rejected(gamma);
            continue;
          }
          if (parts.accepts({ f: s.fx, fNext: trial.fNext, gradNormNext: trial.aNext, lambda })) {
            trials.push(searchTrial(gamma, 'accepted', trial));
            acceptedGamma = gamma;
            taken = trial;
            gamma = parts.updateGamma.accepted(gamma, rule.gammaMin);
            break;
          }
          trials.push(searchTrial(gamma, 'rejected', trial));
          if (rule.reference) taken = trial;
          gamma = parts.updateGamma.rejected(gamma);
        }
        const exhausted = acceptedGamma === null;
        return {
          search: { gammaStart, gammaAccepted: acceptedGamma, trials, factorizationFailures: failures, exhausted },
          taken: exhausted && !rule.reference ? null : taken,
          gammaNext: gamma,
        };
      },
    };
  },
};
