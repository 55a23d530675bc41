"""LAPACK reference for bench/linalg.ts: scipy cho_factor/cho_solve timings, one JSON object on stdout.

usage: python3 bench/lapack_reference.py N [N ...]
Thread counts are taken from the environment (the caller sets OPENBLAS_NUM_THREADS etc. to 1).
"""
import json
import os
import sys
import time

import numpy as np
import scipy
import scipy.linalg as sl


def spd(n, seed):
    rng = np.random.default_rng(seed)
    s = rng.uniform(-0.5, 0.5, size=(n, n))
    a = np.tril(s) + np.tril(s, -1).T
    a[np.diag_indices(n)] += 0.5 * n + 1.0
    return a


def median_ms(fn, min_reps, budget_s):
    for _ in range(3):
        fn()
    times = []
    start = time.perf_counter()
    while len(times) < min_reps or (time.perf_counter() - start < budget_s and len(times) < 2000):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return 1e3 * times[len(times) // 2], len(times)


def main():
    sizes = [int(x) for x in sys.argv[1:]] or [100, 200, 400, 800]
    rows = []
    for n in sizes:
        a = spd(n, n)
        b = np.random.default_rng(n + 1).uniform(-1, 1, size=n)

        def factor():
            return sl.cho_factor(a, lower=True, check_finite=False)

        def factor_solve():
            c = sl.cho_factor(a, lower=True, check_finite=False)
            return sl.cho_solve(c, b, check_finite=False)

        x = factor_solve()
        res = float(np.max(np.abs(a @ x - b)))
        f_ms, f_reps = median_ms(factor, 7, 0.5)
        fs_ms, fs_reps = median_ms(factor_solve, 7, 0.5)
        rows.append({"n": n, "factorMs": f_ms, "factorSolveMs": fs_ms, "reps": fs_reps, "residual": res})
    env = {k: os.environ.get(k) for k in (
        "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    blas = None
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg.get("Build Dependencies", {}).get("blas", {}).get("name")
    except Exception:
        pass
    print(json.dumps({"numpy": np.__version__, "scipy": scipy.__version__, "blas": blas, "env": env, "rows": rows}))


if __name__ == "__main__":
    main()
