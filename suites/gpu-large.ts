import { largeDataGpuProperty } from '../properties/large-data.js';
import type { Suite } from './suite.js';

/** Heavy: m = 10⁵ rows and n up to 2000 on tensors; sized for a GPU-backed tfjs backend (run with --require-gpu). */
export const gpuLarge: Suite = {
  name: 'gpu-large',
  description:
    'for `--backend tfjs --require-gpu`: data-heavy instances with m = 10⁵ rows and n up to 2000 (logistic n = 2000; LogSumExp n = 500 and 2000), the exact Hessian formed on the device, checked by A3, A6, A7 and the QSC envelope (the checks whose cost is O(n²) per iteration)',
  timeBudgetSeconds: 600,
  entries: () => [{ property: largeDataGpuProperty, cases: largeDataGpuProperty.cases, powerCases: 1, seed: 7000 }],
};
