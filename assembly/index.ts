// The linalg module's exports (build/wasm/linalg.wasm, and linalg-fma.wasm with fused multiply–add).
export * from './cholesky';
export { mulSubProbe } from './fused';
export * from './products';
