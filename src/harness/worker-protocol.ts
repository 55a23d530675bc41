import type { CaseJob } from './case-job.js';
import type { CaseResult, TargetSummary } from './results.js';
import type { TargetJob } from './target-search.js';

/** Messages from the runner to a worker thread, and back. */
/** a case's `timeoutMs` is the pool's limit for it: what runs in the case ends before it (run-deadline.ts) */
export type WorkerRequest = { readonly type: 'case'; readonly job: CaseJob; readonly timeoutMs: number } | { readonly type: 'target'; readonly job: TargetJob };

export type WorkerReply =
  | { readonly type: 'case'; readonly result: CaseResult }
  | { readonly type: 'target'; readonly summary: TargetSummary; readonly nearMisses: readonly CaseResult[] };
