import { gradientDamping } from './gradient-damping.js';

/** Algorithm 1's regularization λ from ‖∇f(x)‖_* and γ, a part of the method; ε = 0 outside reference mode. */
export type LambdaRule = (gradNorm: number, gamma: number, eps: number) => number;

/** λ = ‖∇f(x)‖_* /(γ + ε) (Algorithm 1; ε of the authors' `grad_norm_smooth`, docs/theory.md#algorithm-1-and-its-search). */
export const lambdaOfGradNorm: LambdaRule = (gradNorm, gamma, eps) => gradientDamping(gradNorm, 1, 1, gamma + eps);
