import { InputError } from '../input-error.js';
import { assembleResults } from './assemble-results.js';
import { findProperty } from './property-lookup.js';
import { toJson } from './results-io.js';
import type { CaseResult, Results } from './results.js';

/** The settings shards of one run share. */
function runSettings(r: Results): string {
  const { shard: _shard, ...rest } = r.config;
  return toJson(rest);
}

/**
 * Joins the results of the shards of one run (same suite, seed, backend and settings; shards 1..n
 * each once) into the results of the whole run: cases are united and put in canonical order, and
 * every summary is recomputed from them, so the merge equals the unsharded run.
 */
export function mergeResults(parts: readonly Results[], runId: string): Results {
  if (parts.length < 2) throw new InputError('merge needs at least two results files');
  const first = parts[0];
  for (const r of parts.slice(1)) {
    if (runSettings(r) !== runSettings(first)) throw new InputError(`cannot merge: ${r.runId} and ${first.runId} differ in their settings (suite, seed, backend, …)`);
  }
  const count = first.config.shard?.count;
  if (count === undefined || parts.some((r) => r.config.shard === null || r.config.shard.count !== count)) throw new InputError('cannot merge: every file must be one shard i/n of the same n');
  const indices = parts.map((r) => r.config.shard?.index ?? 0).sort((a, b) => a - b);
  if (indices.length !== count || indices.some((i, j) => i !== j + 1)) throw new InputError(`cannot merge: expected shards 1..${count} once each, got ${indices.join(', ')}`);
  const cases = new Map<string, CaseResult>();
  for (const r of parts) {
    for (const c of r.cases) {
      if (cases.has(c.key)) throw new InputError(`cannot merge: case ${c.key} is in two shards`);
      cases.set(c.key, c);
    }
  }
  const properties = first.properties.map((s) => {
    const p = findProperty(s.id);
    if (!p) throw new InputError(`cannot merge: unknown property '${s.id}' in ${first.runId}`);
    return p;
  });
  return assembleResults({
    runId,
    createdAt: new Date().toISOString(),
    complete: parts.every((r) => r.complete),
    notRun: parts.reduce((s, r) => s + r.notRun, 0),
    config: { ...first.config, shard: null },
    workers: Math.max(...parts.map((r) => r.environment.workers)),
    properties,
    cases: [...cases.values()],
    targets: parts.flatMap((r) => r.targets),
    profiles: parts.flatMap((r) => r.profiles),
    paperRuns: parts.flatMap((r) => r.paperRuns ?? []),
    regressions: parts.flatMap((r) => r.regressions),
    seconds: parts.reduce((s, r) => s + r.seconds, 0),
  });
}
