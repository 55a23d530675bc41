/** The library API of ratecheck (the CLI lives in `cli/`). */
export * from './linalg/index.js';
export * from './backends/index.js';
