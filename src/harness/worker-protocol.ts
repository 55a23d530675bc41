import type { CaseJob } from './case-job.js';
import type { CaseResult, TargetSummary } from './results.js';
import type { TargetJob } from './target-search.js';

/** Messages from the runner to a worker thread, and back. */
/** `deadline` (Date.now() milliseconds) is when the pool ends the task: what runs in it ends before (run-deadline.ts); the pool sets it */
export type WorkerRequest = ({ readonly type: 'case'; readonly job: CaseJob } | { readonly type: 'target'; readonly job: TargetJob }) & { readonly deadline?: number };

export type WorkerReply =
  | { readonly type: 'case'; readonly result: CaseResult }
  | { readonly type: 'target'; readonly summary: TargetSummary; readonly nearMisses: readonly CaseResult[] };
