import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/linalg/wasm/cholesky-wasm.js', () => ({
  loadWasmCholeskyKernel: () => null,
  loadWasmRankKUpdate: () => null,
}));

const { cholesky, choleskyKernel } = await import('../../src/linalg/cholesky.js');
const { symmetricRankK } = await import('../../src/linalg/rank-k.js');
const { fromRows } = await import('../../src/linalg/matrix.js');

describe('without wasm SIMD', () => {
  it('falls back to the JS kernels, and refuses to pretend when wasm is forced', () => {
    expect(choleskyKernel('auto').name).toBe('js');
    expect(cholesky(fromRows([[4, 2], [2, 5]]))).toMatchObject({ ok: true, kernel: 'js' });
    expect(() => choleskyKernel('wasm')).toThrow(/not available/);
    expect(Array.from(symmetricRankK(fromRows([[1, 2], [3, 4]])).data)).toEqual([10, 14, 14, 20]);
    expect(() => symmetricRankK(fromRows([[1]]), undefined, 'wasm')).toThrow(/not available/);
  });
});
