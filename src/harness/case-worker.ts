/** Worker-thread entry: runs the case and target jobs the runner sends, one at a time. */
import { parentPort } from 'node:worker_threads';
import { errorCase, runCase } from './run-case.js';
import { runTargetSearch } from './target-search.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('case-worker.js runs as a worker thread');

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  if (request.type === 'case') {
    const started = performance.now();
    try {
      reply = { type: 'case', result: runCase(request.job) };
    } catch (e) {
      const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
      reply = { type: 'case', result: errorCase(request.job, `threw: ${message}`, (performance.now() - started) / 1000) };
    }
  } else {
    reply = { type: 'target', ...runTargetSearch(request.job) };
  }
  port.postMessage(reply);
});
