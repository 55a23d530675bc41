import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/linalg/wasm/cholesky-wasm.js', () => ({
  loadWasmCholeskyKernel: () => null,
  loadWasmRankKUpdate: () => null,
  loadWasmCentredRankKUpdate: () => null,
  loadWasmShiftedSystem: () => null,
}));

const { cholesky, choleskyKernel } = await import('../../src/linalg/cholesky.js');
const { symmetricRankK } = await import('../../src/linalg/rank-k.js');
const { fromRows } = await import('../../src/linalg/matrix.js');
const { prepareShifted } = await import('../../src/linalg/shifted-system.js');
const { centredRankK } = await import('../../src/linalg/rank-k.js');

describe('without wasm SIMD', () => {
  it('falls back to the JS kernels, and refuses to pretend when wasm is forced', () => {
    expect(choleskyKernel('auto').name).toBe('js');
    expect(cholesky(fromRows([[4, 2], [2, 5]]))).toMatchObject({ ok: true, kernel: 'js' });
    expect(() => choleskyKernel('wasm')).toThrow(/not available/);
    expect(Array.from(symmetricRankK(fromRows([[1, 2], [3, 4]])).data)).toEqual([10, 14, 14, 20]);
    expect(() => symmetricRankK(fromRows([[1]]), undefined, 'wasm')).toThrow(/not available/);
    const system = prepareShifted(fromRows([[3, 0], [0, 8]]), null);
    expect(system.kernel).toBe('js');
    expect(system.solve(1, Float64Array.of(4, 9))).toMatchObject({ ok: true, x: Float64Array.of(1, 1) });
    expect(system.solve(-5, Float64Array.of(4, 9))).toMatchObject({ ok: false, pivot: 0 });
    expect(() => prepareShifted(fromRows([[1]]), null, 'wasm')).toThrow(/not available/);
    expect(Array.from(centredRankK(fromRows([[1, 2], [3, 4]]), Float64Array.of(0.5, 0.5), 0).data)).toEqual([1, 1, 1, 1]);
    expect(() => centredRankK(fromRows([[1]]), Float64Array.of(1), 0, 'wasm')).toThrow(/not available/);
  });
});
