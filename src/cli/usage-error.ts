/** A mistake in how ratecheck was called or configured: one line on stderr, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
