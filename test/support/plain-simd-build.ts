import { WASM_VARIANT_ENV } from '../../src/linalg/wasm/linalg-module.js';

// Imported first by the test files that compare the default wasm path with the JS reference bit for
// bit: the process then runs the plain SIMD build, whose rounding is that of the JS kernels (the FMA
// build is tested against its own reference in test/linalg/kernel-builds.test.ts).
process.env[WASM_VARIANT_ENV] = 'simd';
