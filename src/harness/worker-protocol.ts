import type { CaseJob } from './case-job.js';
import type { EntryDraws } from './plan.js';
import type { CaseResult, TargetSummary } from './results.js';
import type { PlannedEntry } from './suite-source.js';
import type { ProblemSource } from './suite-problems.js';
import type { TargetJob } from './target-search.js';

/**
 * A suite entry whose scenarios a worker draws (plan.ts drawEntry): its property by id, and the sources
 * of the user problems its scenarios draw their instance from, registered in the worker first.
 */
export type DrawJob = Omit<PlannedEntry, 'property'> & { readonly entry: number; readonly property: string; readonly sources: readonly ProblemSource[] };

/** Messages from the runner to a worker thread, and back. */
/**
 * What runs in a task ends before the pool ends it (run-deadline.ts): `deadline` (Date.now() milliseconds)
 * for a task sent to an idle worker, when the pool's timer ends; `timeoutMs` for a task sent while the
 * one before it runs, counted from when the worker starts it (the pool's timer starts later, on the reply
 * before it). The pool sets them.
 */
export type WorkerRequest = ({ readonly type: 'case'; readonly job: CaseJob } | { readonly type: 'target'; readonly job: TargetJob } | { readonly type: 'draw'; readonly job: DrawJob }) & { readonly deadline?: number; readonly timeoutMs?: number };

export type WorkerReply =
  | { readonly type: 'case'; readonly result: CaseResult }
  | { readonly type: 'target'; readonly summary: TargetSummary; readonly nearMisses: readonly CaseResult[] }
  | ({ readonly type: 'draws'; readonly entry: number } & ({ readonly draws: EntryDraws } | { readonly error: string }));
