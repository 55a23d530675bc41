/**
 * Which implementation runs a hot kernel: 'auto' takes the WebAssembly SIMD kernel when it loads and
 * falls back to the plain JS reference; 'js' and 'wasm' force one (forcing an unavailable wasm throws).
 */
export type KernelChoice = 'auto' | 'js' | 'wasm';

/** The wasm implementation `load` gives for `choice`, or null when the JS reference should run. */
export function pickWasm<T>(choice: KernelChoice, load: () => T | null, what: string): T | null {
  if (choice === 'js') return null;
  const wasm = load();
  if (wasm === null && choice === 'wasm') throw new Error(`the WebAssembly SIMD ${what} kernel is not available`);
  return wasm;
}
