import { runScenario } from './dist/src/scenarios/scenario.js';
import { tfjsRuntime } from './dist/src/backends/tfjs/runtime.js';
import { tfjsBackend } from './dist/src/backends/tfjs/tfjs-backend.js';
import { COMPARED_THEOREMS } from './dist/src/theory/backend-agreement.js';
import { envelopeQsc } from './dist/src/theory/envelope-qsc.js';
const be = tfjsBackend(await tfjsRuntime());
const [family, m, n] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const params = family === 'logsumexp' ? { mu: 1, rows: m } : { samples: m, rho: 0.001 };
const s = { instance: { family, params, dim: n, seed: 1 }, hessian: 'exact', perturbations: [], mode: 'strict', gamma0: 1, maxIters: 12, gradTolRelative: 1e-9 };
let t = performance.now();
const out = runScenario(s, undefined, be);
console.log('run', ((performance.now() - t) / 1000).toFixed(1), 's', out.ok ? out.run.records.length + ' iterations ' + out.run.summary.status : out.skipped);
if (out.ok) for (const th of [...COMPARED_THEOREMS, envelopeQsc]) { t = performance.now(); const v = th.check(out.run); console.log(th.id, v.status, v.worstRatio?.toPrecision?.(3), ((performance.now() - t) / 1000).toFixed(1), 's'); }
