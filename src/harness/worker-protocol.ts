import type { CaseJob } from './case-job.js';
import type { CaseResult, TargetSummary } from './results.js';
import type { TargetJob } from './target-search.js';

/** Messages from the runner to a worker thread, and back. */
/**
 * What runs in a task ends before the pool ends it (run-deadline.ts): `deadline` (Date.now() milliseconds)
 * for a task sent to an idle worker, when the pool's timer ends; `timeoutMs` for a task sent while the
 * one before it runs, counted from when the worker starts it (the pool's timer starts later, on the reply
 * before it). The pool sets them.
 */
export type WorkerRequest = ({ readonly type: 'case'; readonly job: CaseJob } | { readonly type: 'target'; readonly job: TargetJob }) & { readonly deadline?: number; readonly timeoutMs?: number };

export type WorkerReply =
  | { readonly type: 'case'; readonly result: CaseResult }
  | { readonly type: 'target'; readonly summary: TargetSummary; readonly nearMisses: readonly CaseResult[] };
