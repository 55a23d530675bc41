import { createHash } from 'node:crypto';
import type { StepRecord } from '../methods/step-record.js';
import type { GnsRecord } from '../solvers/gns-record.js';

/** sha-256 over the bits of every record's x_k, f_k, ‖g_k‖_* and γ_k (NaN for a method without γ): equal digests ⇔ the same trajectory. */
export function traceDigest(records: readonly StepRecord[]): string {
  const h = createHash('sha256');
  const scalars = new Float64Array(3);
  for (const r of records) {
    h.update(new Uint8Array(r.x.buffer, r.x.byteOffset, r.x.byteLength));
    scalars[0] = r.f;
    scalars[1] = r.gradNorm;
    scalars[2] = (r as Partial<GnsRecord>).gammaAccepted ?? NaN;
    h.update(new Uint8Array(scalars.buffer));
  }
  return h.digest('hex').slice(0, 32);
}
