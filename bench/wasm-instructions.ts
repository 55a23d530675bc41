import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { findLinalgWasm, type WasmVariant } from '../src/linalg/wasm/linalg-module.js';

/**
 * What V8 compiled the linalg module's hot functions to on this machine: a child node runs a
 * factorization and a rank-k update with --print-wasm-code until they tier up to TurboFan, and the
 * floating-point instructions of each optimized function are counted by mnemonic.
 */
export interface CompiledFunction {
  readonly name: string;
  /** mnemonic → count, for the packed-double arithmetic (FMA, multiply, add/subtract, divide) */
  readonly counts: Readonly<Record<string, number>>;
}

const HOT = ['syrkTrailing', 'solveStrip', 'rankKImpl'];
const MNEMONIC = /\b(vfn?m(?:add|sub)\d{3}pd|v?(?:mul|add|sub|div)pd)\b/;

/** The internal names of the module's functions, in index order (the .wat printed next to the .wasm). */
function functionNames(variant: WasmVariant): string[] {
  const wasm = findLinalgWasm(variant);
  if (wasm === null) return [];
  const wat = readFileSync(wasm.replace(/\.wasm$/, '.wat'), 'utf8');
  return [...wat.matchAll(/^ \(func \$(\S+)/gm)].map((m) => m[1].split('/').pop() ?? m[1]);
}

export function compiledInstructions(variant: WasmVariant, modulePath: string): CompiledFunction[] | string {
  const script = `
    process.env.RATECHECK_WASM_VARIANT = ${JSON.stringify(variant)};
    const { loadWasmCholeskyKernel, loadWasmRankKUpdate } = await import(${JSON.stringify(modulePath)});
    const n = 256, a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = i === j ? n : 1 / (1 + i + j);
    const k = loadWasmCholeskyKernel(), rk = loadWasmRankKUpdate(), c = new Float64Array(n * n);
    for (let r = 0; r < 200; r++) { k.factor(a.slice(), n); rk(a, n, n, null, c); }`;
  const out = spawnSync(process.execPath, ['--print-wasm-code', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (out.status !== 0) return `node --print-wasm-code failed: ${out.stderr.trim().split('\n').pop() ?? ''}`;
  const names = functionNames(variant);
  const found = new Map<string, Record<string, number>>();
  let current: string | null = null;
  let turbofan = false;
  for (const line of out.stdout.split('\n')) {
    const name = /^name: wasm-function\[(\d+)\]/.exec(line);
    if (name) {
      current = names[Number(name[1])] ?? `wasm-function[${name[1]}]`;
      turbofan = false;
      continue;
    }
    if (line.startsWith('compiler: ')) {
      turbofan = line.includes('TurboFan');
      if (turbofan && current !== null && HOT.includes(current)) found.set(current, {});
      continue;
    }
    if (!turbofan || current === null || !found.has(current)) continue;
    const m = MNEMONIC.exec(line);
    if (m) {
      const counts = found.get(current)!;
      counts[m[1]] = (counts[m[1]] ?? 0) + 1;
    }
  }
  if (found.size === 0) return 'no optimized (TurboFan) code for the hot functions was printed';
  return [...found].map(([name, counts]) => ({ name, counts }));
}
