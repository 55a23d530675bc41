// A solver process for bench/solver-protocol.ts: `calls` evaluate requests at x0 asking for `want` (`binary`: base64 replies), then one iteration without a step and its end.
import { createInterface } from 'node:readline';

const [calls, want, binary] = [Number(process.argv[2]), process.argv[3].split(','), process.argv[4] === 'binary'];
const send = (m) => process.stdout.write(`${JSON.stringify(m)}\n`);
send({ type: 'hello', protocol: 'ratecheck-solver/1', capabilities: [] });
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const problem = JSON.parse((await lines.next()).value);
const v = problem.x0.map(() => 1);
for (let i = 0; i < calls; i++) {
  send({ type: 'evaluate', x: problem.x0, want, ...(want.includes('hvp') ? { v } : {}), ...(binary ? { binary } : {}) });
  const reply = JSON.parse((await lines.next()).value);
  if (binary && want.includes('hess')) new Float64Array(new Uint8Array(Buffer.from(reply.hess, 'base64')).buffer);
}
// one iteration without a step, then the end where it started
send({ type: 'iteration', k: 0, x: problem.x0, h: null });
await lines.next();
send({ type: 'end', x: problem.x0, status: 'done' });
