/** What the harness's thread tells the io thread (io-thread.ts), and what it posts back. */
export type IoCommand =
  | { readonly op: 'start'; readonly id: number; readonly command: string; readonly cwd: string; readonly maxLine: number }
  | { readonly op: 'write'; readonly id: number; readonly line: string }
  | { readonly op: 'close-stdin'; readonly id: number }
  | { readonly op: 'kill'; readonly id: number };

export type IoEvent =
  | { readonly id: number; readonly kind: 'line'; readonly text: string }
  | { readonly id: number; readonly kind: 'overflow'; readonly limit: number }
  | { readonly id: number; readonly kind: 'exit'; readonly code: number | null; readonly signal: string | null; readonly stderr: string };
