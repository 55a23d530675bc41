/** Worker-thread entry: runs the case and target jobs the runner sends, one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import type { AnyBackend } from '../backends/backend.js';
import { loadBackend } from '../backends/index.js';
import { errorCase, runCase } from './run-case.js';
import { runTargetSearch } from './target-search.js';
import { withRunDeadline } from '../solver-process/run-deadline.js';
import { SolverFault } from '../solver-process/solver-fault.js';
import { useProcessGroupSlot } from '../solver-process/process-group-slot.js';
import type { DrawJob, WorkerReply, WorkerRequest } from './worker-protocol.js';
import { drawEntry } from './plan.js';
import { propertyById } from './property-lookup.js';
import { registerProblemSources } from './suite-problems.js';

const port = parentPort;
if (!port) throw new Error('case-worker.js runs as a worker thread');

const shared = workerData as { processGroup?: SharedArrayBuffer } | null;
if (shared?.processGroup) useProcessGroupSlot(shared.processGroup);

const backends = new Map<string, Promise<AnyBackend>>();

/** The backend a job names, loaded once per worker (tfjs selects its runtime asynchronously). */
function backendFor(name: string): Promise<AnyBackend> {
  if (!backends.has(name)) {
    backends.set(
      name,
      loadBackend(name).then((b) => {
        if (!b.ok) throw new Error(b.message);
        return b.backend;
      }),
    );
  }
  return backends.get(name) as Promise<AnyBackend>;
}

/** An entry's scenarios, drawn in this thread as the main thread would draw them. */
async function draw(job: DrawJob): Promise<WorkerReply> {
  try {
    await registerProblemSources(job.sources);
    const entry = { property: propertyById(job.property), cases: job.cases, powerCases: job.powerCases, seed: job.seed, subject: job.subject, ...(job.problems ? { problems: job.problems } : {}) };
    return { type: 'draws', entry: job.entry, draws: drawEntry(entry) };
  } catch (e) {
    return { type: 'draws', entry: job.entry, error: `threw: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
}

/** One request's reply; `deadline` is when the pool ends it. */
async function handle(request: WorkerRequest, deadline: number): Promise<WorkerReply> {
  if (request.type === 'target') return { type: 'target', ...runTargetSearch(request.job, await backendFor(request.job.backend)) };
  if (request.type === 'draw') return draw(request.job);
  const started = performance.now();
  try {
    const backend = await backendFor(request.job.backend);
    // a suite's user problems: this thread's registry learns them once per source
    if (request.job.problems) await registerProblemSources(request.job.problems);
    // a solver process that stops answering is a fault found before the pool's timeout ends this thread
    const left = deadline - Date.now();
    // the margin covers ending the solver's process group after its deadline (SolverChannel.close)
    const ms = Number.isFinite(left) ? left - Math.min(3000, 0.2 * left) : 24 * 3600 * 1000;
    return { type: 'case', result: withRunDeadline(ms, () => runCase(request.job, backend)) };
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { type: 'case', result: errorCase(request.job, e instanceof SolverFault ? message : `threw: ${message}`, (performance.now() - started) / 1000) };
  }
}

// the pool sends a task ahead while the one before it runs: one at a time, in the order received, so that replies come in that order
let previous: Promise<void> = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  previous = previous.then(async () => {
    const deadline = request.deadline ?? (request.timeoutMs === undefined ? Infinity : Date.now() + request.timeoutMs);
    port.postMessage(await handle(request, deadline));
  });
});
