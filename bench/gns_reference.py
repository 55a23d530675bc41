"""numpy/scipy reference of the GNS solve for bench/solve.ts: one JSON object on stdout.

usage: python3 bench/gns_reference.py JOBS.json

JOBS.json is {"jobs": [{"id", "file", "label", "maxIters", "fTol", "budgetS"}], "profile": bool}; each `file` is a
`ratecheck-reference/1` document (shared/reference/README.md), `label` one of gns-exact,
gns-weighted-gauss-newton, gns-gauss-newton, gns-fisher-term-rank-one.

The loop is the authors' `grad_norm_smooth` in reference semantics (docs/theory.md#algorithm-1-and-its-search): λ = a/(γ + ε),
Lemma-1 test f − f⁺ ≥ ‖g⁺‖²_*/(8λ), γ ← max(2γ, γ_min) on acceptance, γ/2 on rejection, the last
trial taken when none is accepted; as in ratecheck's reference mode, a failed Cholesky factorization
is a rejected trial (no stale step). Dense H: scipy.linalg.cho_factor/cho_solve of H + λB. Rank-one
H = α·vvᵀ: Sherman–Morrison with the Cholesky factor of B (docs/theory.md#rank-one-step), B⁻¹g and B⁻¹v formed once per
outer iteration. ‖s‖_* = ‖L⁻¹s‖₂ with B = LLᵀ. Timed: the whole solve, including the factorization
of B; not timed: reading the file. Thread counts come from the environment (the caller sets
OPENBLAS_NUM_THREADS etc. to 1).

With "profile": true, each phase of bench/solve-profile.ts is timed as well (exclusive ms of the
median run in the row's "phases", its timed calls in "phaseCalls"); without it no timer runs inside
the solve.
"""
import ctypes
import json
import math
import os
import sys
import time

import numpy as np
import scipy
import scipy.linalg as sl

UNIT_ROUNDOFF = 2.0 ** -53
PHASES = ("factor", "triangular", "oracle", "hessian", "rankK", "metric")


# ---------------------------------------------------------------------------------------------
# problems


class LogSumExp:
    """f = μ·log Σ exp((Ax − b)/μ); A is already zero-shifted in the files."""

    def __init__(self, a, b, mu):
        self.A, self.b, self.mu = a, b, mu
        self.dim = a.shape[1]

    def _softmax(self, x):
        z = (self.A @ x - self.b) / self.mu
        zmax = z.max()
        e = np.exp(z - zmax)
        s = e.sum()
        return zmax + math.log(s), e / s

    def f(self, x):
        lse, _ = self._softmax(x)
        return self.mu * lse

    def grad(self, x):
        _, pi = self._softmax(x)
        return self.A.T @ pi

    def weighted_gram(self, w):
        """Aᵀ·diag(w)·A: the rank-k update of the Hessian models."""
        return (self.A.T * w) @ self.A

    def weighted_gauss_newton(self, x):
        _, pi = self._softmax(x)
        return self.weighted_gram(pi) / self.mu

    def hess(self, x):
        _, pi = self._softmax(x)
        g = self.A.T @ pi
        return (self.weighted_gram(pi) - np.outer(g, g)) / self.mu


class Rosenbrock:
    def __init__(self, a, b):
        self.a, self.b = a, b
        self.dim = 2

    def f(self, x):
        d = x[1] - x[0] * x[0]
        return (self.a - x[0]) ** 2 + self.b * d * d

    def grad(self, x):
        d = x[1] - x[0] * x[0]
        return np.array([-2 * (self.a - x[0]) - 4 * self.b * x[0] * d, 2 * self.b * d])

    def hess(self, x):
        off = -4 * self.b * x[0]
        return np.array([[2 - 4 * self.b * (x[1] - 3 * x[0] * x[0]), off], [off, 2 * self.b]])


class LinearResidual:
    def __init__(self, a, b):
        self.A, self.b = a, b
        self.dim = a.shape[1]

    def value(self, x):
        return self.A @ x - self.b

    def jacobian(self, x):
        return self.A

    def weighted_hessian(self, x, w):
        return None


class RosenbrockResidual:
    def __init__(self, a, b):
        self.a, self.s = a, math.sqrt(b)
        self.dim = 2

    def value(self, x):
        return np.array([self.a - x[0], self.s * (x[1] - x[0] * x[0])])

    def jacobian(self, x):
        return np.array([[-1.0, 0.0], [-2 * self.s * x[0], self.s]])

    def weighted_hessian(self, x, w):
        return np.array([[-2 * self.s * w[1], 0.0], [0.0, 0.0]])


class ChebyshevResidual:
    def __init__(self, n):
        self.dim = n
        self.idx = np.arange(1, n)

    def value(self, x):
        u = np.empty(self.dim)
        u[0] = 0.5 * (1 - x[0])
        u[1:] = x[1:] - (2 * x[:-1] ** 2 - 1)
        return u

    def jacobian(self, x):
        n = self.dim
        j = np.zeros((n, n))
        j[0, 0] = -0.5
        j[self.idx, self.idx] = 1.0
        j[self.idx, self.idx - 1] = -4 * x[:-1]
        return j

    def weighted_hessian(self, x, w):
        return np.diag(np.concatenate([-4 * w[1:], [0.0]]))


class NonlinearEquations:
    """f = (1/p)‖u‖^p; ∇f = r^(p−2)Jᵀu, ∇²f = r^(p−2)(JᵀJ + (p−2)q̂q̂ᵀ + Σuᵢ∇²uᵢ), q̂ = Jᵀu/r."""

    def __init__(self, residual, p):
        self.res, self.p = residual, p
        self.dim = residual.dim

    def f(self, x):
        return np.linalg.norm(self.res.value(x)) ** self.p / self.p

    def grad(self, x):
        u = self.res.value(x)
        r = np.linalg.norm(u)
        return r ** (self.p - 2) * (self.res.jacobian(x).T @ u)

    def gram(self, j):
        """JᵀJ: the rank-k update of the Hessian models."""
        return j.T @ j

    def _gn(self, x, curvature):
        u = self.res.value(x)
        r = np.linalg.norm(u)
        j = self.res.jacobian(x)
        h = self.gram(j)
        if r == 0:
            return h if self.p == 2 else np.zeros_like(h)
        if self.p != 2:
            q = j.T @ (u / r)
            h += (self.p - 2) * np.outer(q, q)
        if curvature:
            c = self.res.weighted_hessian(x, u)
            if c is not None:
                h += c
        return r ** (self.p - 2) * h

    def hess(self, x):
        return self._gn(x, True)

    def gauss_newton(self, x):
        return self._gn(x, False)

    def fisher_term(self, x):
        """(α, v) with H = α·vvᵀ, v = Jᵀu/r, α = (p−2)r^(p−2); None for H = 0."""
        u = self.res.value(x)
        r = np.linalg.norm(u)
        if r == 0 or self.p == 2:
            return None
        return (self.p - 2) * r ** (self.p - 2), self.res.jacobian(x).T @ (u / r)


def load(path):
    with open(path) as fh:
        doc = json.load(fh)
    pr = doc["problem"]
    kind, params, data = pr["kind"], pr["params"], pr.get("data", {})
    if kind == "logsumexp":
        oracle = LogSumExp(np.array(data["A"], dtype=float), np.array(data["b"], dtype=float), float(params["mu"]))
    elif kind == "nonlinear-equations-linear":
        res = LinearResidual(np.array(data["A"], dtype=float), np.array(data["b"], dtype=float))
        oracle = NonlinearEquations(res, float(params["p"]))
    elif kind == "rosenbrock":
        oracle = Rosenbrock(float(params["a"]), float(params["b"]))
    elif kind == "nle-rosenbrock":
        oracle = NonlinearEquations(RosenbrockResidual(float(params["a"]), float(params["b"])), float(params["p"]))
    elif kind == "chebyshev":
        oracle = NonlinearEquations(ChebyshevResidual(int(params["n"])), float(params["p"]))
    else:
        raise ValueError(f"unknown kind {kind}")
    metric = None if pr["metric"] == "identity" else np.array(pr["metric"]["B"], dtype=float)
    return oracle, metric, np.array(pr["x0"], dtype=float), float(pr["fStar"]), doc["solver"]


# ---------------------------------------------------------------------------------------------
# the solver


class Metric:
    def __init__(self, b, n):
        self.n = n
        self.B = b
        self.L = None if b is None else sl.cholesky(b, lower=True, check_finite=False)

    def dual_norm(self, s):
        if self.L is None:
            return float(np.linalg.norm(s))
        return float(np.linalg.norm(sl.solve_triangular(self.L, s, lower=True, check_finite=False)))

    def solve(self, s):
        if self.L is None:
            return s.copy()
        return sl.cho_solve((self.L, True), s, check_finite=False)

    def shifted(self, h, lam):
        if self.B is None:
            out = h.copy()
            out[np.diag_indices(self.n)] += lam
            return out
        return h + lam * self.B


def shifted_factor(metric, h, lam):
    """The Cholesky factor of H + λB, or None when H + λB is not (numerically) positive definite (ratecheck's pivot test)."""
    m = metric.shifted(h, lam)
    try:
        c = sl.cho_factor(m, lower=True, check_finite=False)
    except np.linalg.LinAlgError:
        return None
    n = metric.n
    d = np.diagonal(c[0])
    if not np.all(d * d > 8 * (n + 1) * UNIT_ROUNDOFF * np.diagonal(m)):
        return None
    return c


def factor_solve(c, g):
    """(H + λB)⁻¹g from the factor: the two triangular solves."""
    return sl.cho_solve(c, g, check_finite=False)


class Parts:
    """The calls of the solve that the profile times, each a phase of bench/solve-profile.ts."""

    def __init__(self, oracle, model):
        self.f, self.grad, self.model = oracle.f, oracle.grad, model
        self.fisher_term = getattr(oracle, "fisher_term", None)
        self.metric = Metric
        self.factor, self.solve = shifted_factor, factor_solve


class PhaseClock:
    """Exclusive time by phase over nested timed calls: each second counted once, in the innermost call."""

    def __init__(self):
        self.inner = []
        self.reset()

    def reset(self):
        self.ms = dict.fromkeys(PHASES, 0.0)
        self.calls = dict.fromkeys(PHASES, 0)

    def wrap(self, phase, fn):
        clock = self

        def timed(*args):
            clock.inner.append(0.0)
            t0 = time.perf_counter()
            try:
                return fn(*args)
            finally:
                dt = time.perf_counter() - t0
                inner = clock.inner.pop()
                clock.ms[phase] += 1e3 * (dt - inner)
                clock.calls[phase] += 1
                if clock.inner:
                    clock.inner[-1] += dt

        return timed


def profiled_parts(oracle, model, clock):
    """Parts with every phase timed on `clock`, the rank-k update inside the models included."""
    parts = Parts(oracle, model)
    for name in ("weighted_gram", "gram"):
        if hasattr(oracle, name) and name not in vars(oracle):
            setattr(oracle, name, clock.wrap("rankK", getattr(oracle, name)))
    parts.f, parts.grad = clock.wrap("oracle", parts.f), clock.wrap("oracle", parts.grad)
    if callable(model):
        parts.model = clock.wrap("hessian", model)
    if parts.fisher_term is not None:
        parts.fisher_term = clock.wrap("hessian", parts.fisher_term)

    def metric(b, n):
        m = Metric(b, n)
        m.dual_norm, m.solve = clock.wrap("metric", m.dual_norm), clock.wrap("metric", m.solve)
        return m

    parts.metric = clock.wrap("factor", metric)
    parts.factor, parts.solve = clock.wrap("factor", shifted_factor), clock.wrap("triangular", factor_solve)
    return parts


def gns(parts, n, metric_matrix, x0, f_star, f_tol, max_iters, gamma0, eps, gamma_min, max_trials):
    model = parts.model
    metric = parts.metric(metric_matrix, n)
    x = x0.copy()
    f = parts.f(x)
    g = parts.grad(x)
    a = metric.dual_norm(g)
    gamma = gamma0
    grad_calls = 1
    trials = failures = 0
    k = 0
    while True:
        if not (math.isfinite(f) and math.isfinite(a)):
            status = "non-finite"
            break
        if f_tol is not None and f - f_star < f_tol:
            status = "success"
            break
        if k >= max_iters:
            status = "iterations_exceeded"
            break
        if model == "rank-one":
            rk = parts.fisher_term(x)
            bg = metric.solve(g)
            if rk is not None:
                alpha, v = rk
                bv = metric.solve(v)
                vbv = alpha * float(v @ bv)
                vbg = alpha * float(v @ bg)
        else:
            h = model(x)
        taken = None
        for _ in range(max_trials):
            trials += 1
            lam = a / (gamma + eps)
            if model == "rank-one":
                if rk is None:
                    step = -bg / lam
                else:
                    den = lam + vbv
                    step = None if not den > 0 else -(bg - (vbg / den) * bv) / lam
            else:
                c = parts.factor(metric, h, lam)
                step = None if c is None else -parts.solve(c, g)
            if step is None:
                failures += 1
                gamma /= 2
                continue
            x_next = x + step
            f_next = parts.f(x_next)
            g_next = parts.grad(x_next)
            grad_calls += 1
            a_next = metric.dual_norm(g_next) if np.all(np.isfinite(g_next)) else math.nan
            cand = (x_next, f_next, g_next, a_next)
            if not (math.isfinite(f_next) and math.isfinite(a_next)):
                taken = cand
                gamma /= 2
                continue
            if f - f_next >= a_next * a_next / (8 * lam):
                taken = cand
                gamma = max(2 * gamma, gamma_min)
                break
            taken = cand
            gamma /= 2
        if taken is not None:
            x, f, g, a = taken
        k += 1
    return {"status": status, "iterations": k, "gradCalls": grad_calls, "trials": trials, "failures": failures, "f": f,
            "gradNorm": a}


def model_for(oracle, label):
    if label == "gns-exact":
        return oracle.hess
    if label == "gns-weighted-gauss-newton":
        return oracle.weighted_gauss_newton
    if label == "gns-gauss-newton":
        return oracle.gauss_newton
    if label == "gns-fisher-term-rank-one":
        return "rank-one"
    raise ValueError(f"unknown label {label}")


def run_job(job, profile):
    oracle, b, x0, f_star, solver = load(job["file"])
    model = model_for(oracle, job["label"])
    clock = PhaseClock() if profile else None
    parts = profiled_parts(oracle, model, clock) if profile else Parts(oracle, model)

    def solve():
        return gns(parts, oracle.dim, b, x0, f_star, job.get("fTol"), int(job["maxIters"]),
                   float(solver["gamma0"]), float(solver["eps"]), float(solver["gammaMin"]), int(solver["maxTrials"]))

    def timed_solve():
        if clock is not None:
            clock.reset()
        t0 = time.perf_counter()
        result = solve()
        return time.perf_counter() - t0, result, None if clock is None else (clock.ms, clock.calls)

    budget = float(job.get("budgetS", 1.5))
    first = timed_solve()
    result = first[1]
    runs = [first]
    if first[0] < budget:
        # the first run was a warm-up; repeat within the budget and take the median
        runs = []
        start = time.perf_counter()
        while not runs or (time.perf_counter() - start < budget and len(runs) < 50):
            runs.append(timed_solve())
    runs.sort(key=lambda r: r[0])
    seconds, _, phases = runs[len(runs) // 2]
    row = {"id": job["id"], **result, "ms": 1e3 * seconds, "reps": len(runs)}
    if phases is not None:
        row["phases"], row["phaseCalls"] = phases
    return row


def openblas_core():
    """The core types of the OpenBLAS builds loaded (numpy's for @, scipy's for LAPACK): their kernels' instruction set, or None."""
    try:
        with open("/proc/self/maps") as fh:
            paths = {line.split()[-1] for line in fh if "openblas" in line.lower() and ".so" in line}
    except OSError:
        return None
    names = set()
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for symbol in ("scipy_openblas_get_corename", "scipy_openblas_get_corename64_", "openblas_get_corename"):
            fn = getattr(lib, symbol, None)
            if fn is not None:
                fn.restype = ctypes.c_char_p
                names.add(fn().decode())
                break
    return "/".join(sorted(names)) or None


def main():
    with open(sys.argv[1]) as fh:
        spec = json.load(fh)
    profile = bool(spec.get("profile", False))
    rows = [run_job(job, profile) for job in spec["jobs"]]
    env = {k: os.environ.get(k) for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    blas = None
    simd = None
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg.get("Build Dependencies", {}).get("blas", {}).get("name")
        simd = cfg.get("SIMD Extensions", {}).get("found")
    except Exception:
        pass
    print(json.dumps({"numpy": np.__version__, "scipy": scipy.__version__, "python": sys.version.split()[0],
                      "blas": blas, "blasCore": openblas_core(), "numpySimd": simd, "env": env, "rows": rows}))


if __name__ == "__main__":
    main()
