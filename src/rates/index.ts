/** Rate diagnostics for convergent sequences (orders, linear rates, COC) and how to combine them across instances. */
export { gapFloor, usablePrefix, type FloorCut, type FloorOptions } from './floor.js';
export { tailWindow, type TailOptions, type TailWindow } from './tail-window.js';
export { fitLine, type LineFit } from './least-squares.js';
export { algebraicOrder, type AlgebraicOrder } from './algebraic-order.js';
export { geometricContraction, linearRate, type LinearRate } from './linear-rate.js';
export { computationalOrder, type Coc } from './coc.js';
export { bootstrapInterval, mean, median, quantileSorted, type BootstrapInterval } from './bootstrap.js';
export { violationProbabilityBound } from './rule-of-three.js';
export { iterationsTo, type IterationsTo } from './iterations-to.js';
