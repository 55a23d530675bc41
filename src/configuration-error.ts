/** A solver or Hessian model that cannot run with the options given; the message is one line. */
export class SolverConfigurationError extends Error {
  override name = 'SolverConfigurationError';
}
