import type { Method, MethodOptions } from '../methods/method.js';
import type { Scenario } from '../scenarios/scenario.js';

/**
 * The scenario with `method` in place of the method it names, with the options the scenario drew
 * that `method` has (e.g. the gradient method's L0 when it named the gradient method).
 */
export function withMethod(s: Scenario, method: Method): Scenario {
  const drawn: MethodOptions = s.method?.options ?? { mode: s.mode, gamma0: s.gamma0 };
  const options = Object.fromEntries(Object.entries(drawn).filter(([key]) => key in method.defaults));
  return { ...s, method: { id: method.id, options } };
}
