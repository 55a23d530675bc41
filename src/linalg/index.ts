export * from './vector.js';
export * from './matrix.js';
export * from './triangular.js';
export * from './rank-k.js';
export * from './cholesky.js';
export type { CholeskyKernel } from './cholesky-kernel.js';
export * from './metric.js';
export * from './eigen.js';
