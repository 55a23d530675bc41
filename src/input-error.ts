/**
 * Bad input to ratecheck — its arguments, a suite file, a replay string, a results or baseline file:
 * the CLI reports it as one line on stderr with exit code 2.
 */
export class InputError extends Error {
  override name = 'InputError';
}
