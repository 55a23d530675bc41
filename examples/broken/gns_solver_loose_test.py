#!/usr/bin/env python3
"""BROKEN on purpose: the acceptance test divides by 80λ, not Lemma 1's 8λ, so it accepts steps that miss the guaranteed decrease.

It is examples/gns_solver.py with that one part (`accepts`) swapped.
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.realpath(__file__)), ".."))
import gns_solver  # noqa: E402


def loose_accepts(f, f_next, grad_norm_next, lam):
    """Lemma 1's test with 80λ for 8λ."""
    return f - f_next >= gns_solver.divide(grad_norm_next * grad_norm_next, 80 * lam)


gns_solver.accepts = loose_accepts
gns_solver.NAME = "gns_solver_loose_test.py"

if __name__ == "__main__":
    gns_solver.run()
