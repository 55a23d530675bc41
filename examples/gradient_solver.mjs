// The authors' gradient method with backtracking on L (src/solvers/gradient-method.ts) as a
// ratecheck solver process (docs/solver-protocol.md). Plain JavaScript, node ≥ 20, no dependencies:
//   ratecheck run --suite ci --solver-cmd 'node examples/gradient_solver.mjs'
import { realpathSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const PROTOCOL = 'ratecheck-solver/1';
const MAX_TRIALS = 30;
const L_MIN = 1e-5;

// ---- transport: one JSON object per line; non-finite numbers travel as "NaN", "Infinity", "-Infinity"

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })[Symbol.asyncIterator]();

const encodeNonFinite = (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);
const NON_FINITE = new Map([['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]]);
const decodeNonFinite = (_key, v) => (NON_FINITE.has(v) ? NON_FINITE.get(v) : v);

function send(message) {
  process.stdout.write(JSON.stringify(message, encodeNonFinite) + '\n');
}

/** the next message; on "stop" or at the end of stdin the solver exits */
async function receive() {
  const { value, done } = await lines.next();
  if (done) process.exit(0);
  const message = JSON.parse(value, decodeNonFinite);
  if (message.type === 'stop') process.exit(0);
  return message;
}

async function evaluate(x, want) {
  send({ type: 'evaluate', x, want });
  return receive();
}

// ---- vectors and the metric

const dot = (a, b) => a.reduce((s, ai, i) => s + ai * b[i], 0);
const add = (a, b) => a.map((ai, i) => ai + b[i]);
const allFinite = (a) => a.every(Number.isFinite);

/** lower-triangular C with C·Cᵀ = B (B's lower triangle is read) */
function cholesky(B) {
  const n = B.length;
  const C = B.map(() => new Array(n).fill(0));
  for (let j = 0; j < n; j++) {
    let d = B[j][j];
    for (let p = 0; p < j; p++) d -= C[j][p] * C[j][p];
    if (!(d > 0)) throw new Error(`the metric B is not positive definite (pivot ${j})`);
    C[j][j] = Math.sqrt(d);
    for (let i = j + 1; i < n; i++) {
      let s = B[i][j];
      for (let p = 0; p < j; p++) s -= C[i][p] * C[j][p];
      C[i][j] = s / C[j][j];
    }
  }
  return C;
}

/** B⁻¹s by C·y = s, then Cᵀ·z = y */
function choleskySolve(C, s) {
  const n = C.length;
  const y = s.slice();
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < i; p++) y[i] -= C[i][p] * y[p];
    y[i] /= C[i][i];
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let p = i + 1; p < n; p++) y[i] -= C[p][i] * y[p];
    y[i] /= C[i][i];
  }
  return y;
}

/** solve(g) = B⁻¹g and normSquared(h) = ‖h‖² = hᵀBh for the problem's metric */
function metricOf(spec) {
  if (spec.kind === 'identity') return { solve: (g) => g.slice(), normSquared: (h) => dot(h, h) };
  if (spec.kind !== 'dense') throw new Error(`unknown metric kind ${spec.kind}`);
  const B = spec.B;
  const C = cholesky(B);
  return { solve: (g) => choleskySolve(C, g), normSquared: (h) => dot(B.map((row) => dot(row, h)), h) };
}

// ---- the method (the authors' gradient_method, epfml/grad-norm-smooth)

/** the quadratic upper bound f(T) ≤ f(x) + ⟨∇f(x), T − x⟩ + (L/2)‖T − x‖² */
function upperBoundHolds(fT, f, g, h, L, metric) {
  return fT <= f + dot(g, h) + 0.5 * L * metric.normSquared(h);
}

/**
 * Backtracking from L: T = x − t(L)·B⁻¹g with t(L) = stepLength(L) = 1/L, L doubled while the test
 * fails (at most MAX_TRIALS trials); when none passes, the last trial is taken (as in the authors'
 * code). Returns the step h taken, its end T = x + h and f(T), the L it was taken with, and the L
 * carried on (doubled after a failure).
 */
async function lineSearch(x, f, g, metric, L, stepLength) {
  const direction = metric.solve(g);
  let taken = null;
  let accepted = false;
  for (let trials = 0; trials < MAX_TRIALS && !accepted; trials++) {
    const t = stepLength(L);
    const h = direction.map((d) => -t * d); // h = −B⁻¹g/L, rounded as the reference's scale(−1/L, ·)
    const T = add(x, h);
    // a point that is not finite cannot be evaluated (a protocol fault): its trial fails
    const fT = allFinite(T) ? (await evaluate(T, ['f'])).f : NaN;
    taken = { h, T, fT, L };
    accepted = upperBoundHolds(fT, f, g, h, L, metric);
    if (!accepted) L *= 2;
  }
  return { ...taken, accepted, carriedL: L };
}

/** The solver's session; `name` and `stepLength` are parts a variant may swap (examples/broken/). */
export async function main({ name = 'gradient_solver.mjs', stepLength = (L) => 1 / L } = {}) {
  send({ type: 'hello', protocol: PROTOCOL, name, capabilities: ['step-size', 'descent'] });
  const problem = await receive();
  const metric = metricOf(problem.metric);
  let L = problem.options?.L0 ?? 1;
  if (!(typeof L === 'number' && L > 0 && Number.isFinite(L))) throw new Error(`L0 must be a finite number > 0, got ${L}`);

  let x = problem.x0;
  let { f, grad } = await evaluate(x, ['f', 'grad']);
  for (let k = 0; ; k++) {
    if (!Number.isFinite(f) || !allFinite(grad)) {
      // no step from a point where f or ∇f is not finite (ratecheck stops here: non-finite)
      send({ type: 'iteration', k, x, h: null, accepted: false, f, grad, L, step_size: 1 / L });
      await receive();
      continue;
    }
    const step = await lineSearch(x, f, grad, metric, L, stepLength);
    const h = allFinite(step.T) ? step.h : null;
    send({ type: 'iteration', k, x, h, accepted: step.accepted, f, grad, L: step.L, step_size: 1 / step.L });
    L = Math.max(step.carriedL / 2, L_MIN);
    await receive(); // "continue" (on "stop" receive exits)
    if (h === null) continue;
    x = step.T;
    f = step.fT;
    grad = (await evaluate(x, ['grad'])).grad;
  }
}

// run as a command, not when a variant imports it
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) await main();
