// BROKEN on purpose: the step is h = −2B⁻¹g/L, twice the gradient step for the L it reports (the test and L are
// unchanged). It is examples/gradient_solver.mjs with that one part swapped.
import { main } from '../gradient_solver.mjs';

await main({ name: 'gradient_solver_double_step.mjs', stepLength: (L) => 2 / L });
