#!/usr/bin/env python3
"""Algorithm 1 (the gradient-regularized Newton method with adaptive search) as a ratecheck solver.

Speaks `ratecheck-solver/1` (docs/solver-protocol.md) on stdin/stdout; Python standard library only.
"""
import json
import math
import sys

PROTOCOL = "ratecheck-solver/1"
NAME = "gns_solver.py"
MAX_TRIALS = 41
NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}



def encode(value):
    """Non-finite numbers as the strings "NaN", "Infinity", "-Infinity"."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {key: encode(v) for key, v in value.items()}
    if isinstance(value, list):
        return [encode(v) for v in value]
    return value


def decode(value):
    """Numbers as floats, the strings "NaN", "Infinity", "-Infinity" included."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        return NON_FINITE.get(value, value)
    if isinstance(value, dict):
        return {key: decode(v) for key, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def send(message):
    sys.stdout.write(json.dumps(encode(message), allow_nan=False) + "\n")
    sys.stdout.flush()


def receive():
    line = sys.stdin.readline()
    if not line:
        sys.exit(0)
    message = decode(json.loads(line))
    if message.get("type") == "stop":
        sys.exit(0)
    return message


def evaluate(x, want):
    send({"type": "evaluate", "x": x, "want": want})
    return receive()


def divide(a, b):
    """a / b in IEEE 754 arithmetic, as in JavaScript (Python raises on b = 0)."""
    try:
        return a / b
    except ZeroDivisionError:
        return math.nan if a == 0 or math.isnan(a) else math.copysign(math.inf, a) * math.copysign(1.0, b)



def norm2(v):
    """Euclidean norm, scaled by max |v_i| against overflow (as src/linalg/vector.ts norm2)."""
    big = 0.0
    for a in v:
        if math.isnan(a):
            return math.nan
        big = max(big, abs(a))
    if big == 0 or math.isinf(big):
        return big
    return big * math.sqrt(sum((a / big) ** 2 for a in v))


def cholesky(a):
    """Lower L with A = L·Lᵀ, or None when a pivot d_k ≤ 8(n+1)·u·a_kk, ≤ 0 or not finite
    (the pivot rule of src/linalg/cholesky.ts)."""
    n = len(a)
    tol = 8 * (n + 1) * 2.0 ** -53
    l = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i):
            l[i][j] = (a[i][j] - sum(l[i][k] * l[j][k] for k in range(j))) / l[j][j]
        d = a[i][i] - sum(l[i][k] * l[i][k] for k in range(i))
        if not (d > 0) or math.isinf(d):
            return None
        l[i][i] = math.sqrt(d)
        if l[i][i] * l[i][i] <= tol * a[i][i]:
            return None
    return l


def solve_lower(l, b):
    """L⁻¹·b."""
    y = []
    for i, row in enumerate(l):
        y.append((b[i] - sum(row[k] * y[k] for k in range(i))) / row[i])
    return y


def solve_lower_transpose(l, b):
    """L⁻ᵀ·b."""
    n = len(l)
    x = [0.0] * n
    for i in reversed(range(n)):
        x[i] = (b[i] - sum(l[k][i] * x[k] for k in range(i + 1, n))) / l[i][i]
    return x


class Metric:
    """‖h‖ = ⟨Bh, h⟩^½ and ‖g‖_* = ⟨g, B⁻¹g⟩^½ = ‖L⁻¹g‖₂ with B = L·Lᵀ (docs/theory.md#notation; B = I: the 2-norm)."""

    def __init__(self, spec, n):
        self.b = spec["B"] if spec["kind"] == "dense" else None
        self.l = cholesky(self.b) if self.b is not None else None
        if self.b is not None and self.l is None:
            raise ValueError("the metric B is not positive definite")
        self.n = n

    def dual_norm(self, g):
        return norm2(g if self.l is None else solve_lower(self.l, g))

    def shifted(self, h, lam):
        """H + λB."""
        if self.b is None:
            return [[h[i][j] + (lam if i == j else 0.0) for j in range(self.n)] for i in range(self.n)]
        return [[h[i][j] + lam * self.b[i][j] for j in range(self.n)] for i in range(self.n)]


def regularized_step(hess, metric, g, lam):
    """h = −(H + λB)⁻¹g (Algorithm 1, docs/theory.md#algorithm-1-and-its-search), or None when H + λB is not positive definite."""
    l = cholesky(metric.shifted(hess, lam))
    if l is None:
        return None
    return solve_lower_transpose(l, solve_lower(l, [-gi for gi in g]))



def accepts(f, f_next, grad_norm_next, lam):
    """Lemma 1's test: f(x) − f(x + h) ≥ ‖∇f(x + h)‖²_* /(8λ)."""
    return f - f_next >= divide(grad_norm_next * grad_norm_next, 8 * lam)


def adaptive_search(x, f, grad_norm, g, hess, metric, gamma, reference):
    """The trials of one outer iteration (Algorithm 1, docs/theory.md#algorithm-1-and-its-search).

    Returns (trials, taken, gamma_next); taken is the trial whose step is applied, or None.
    """
    eps, gamma_min = (1e-8, 1e-9) if reference else (0.0, 0.0)
    trials, taken = [], None
    for _ in range(MAX_TRIALS):
        lam = divide(grad_norm, gamma + eps)
        h = regularized_step(hess, metric, g, lam)
        if h is None:
            trials.append({"gamma": gamma, "lambda": lam, "outcome": "not-positive-definite", "h": None})
            gamma = gamma / 2
            continue
        point = [xi + hi for xi, hi in zip(x, h)]
        if not all(math.isfinite(v) for v in point):
            # a point that is not finite cannot be asked for (docs/solver-protocol.md §4): a non-finite trial without a step
            trials.append({"gamma": gamma, "lambda": lam, "outcome": "non-finite", "h": None})
            gamma = gamma / 2
            continue
        values = evaluate(point, ["f", "grad"])
        f_next, g_next = values["f"], values["grad"]
        a_next = metric.dual_norm(g_next) if all(math.isfinite(v) for v in g_next) else math.nan
        if not (math.isfinite(f_next) and math.isfinite(a_next)):
            outcome = "non-finite"
        else:
            outcome = "accepted" if accepts(f, f_next, a_next, lam) else "rejected"
        trials.append({"gamma": gamma, "lambda": lam, "outcome": outcome, "h": h, "f": f_next, "grad": g_next})
        if outcome == "accepted":
            return trials, trials[-1], max(2 * gamma, gamma_min)
        if reference:
            taken = trials[-1]
        gamma = gamma / 2
    return trials, taken, gamma


def main():
    send({"type": "hello", "protocol": PROTOCOL, "name": NAME,
          "capabilities": ["regularized-step", "adaptive-search", "descent"]})
    problem = receive()
    options = problem["options"]
    reference = options["mode"] == "reference"
    gamma = options["gamma0"]
    metric = Metric(problem["metric"], int(problem["dim"]))
    x = problem["x0"]
    start = evaluate(x, ["f", "grad"])
    f, g = start["f"], start["grad"]
    k = 0
    while True:
        grad_norm = metric.dual_norm(g)
        if not reference and (grad_norm == 0 or gamma == 0):
            send({"type": "end", "x": x, "status": "stationary" if grad_norm == 0 else "stalled", "gamma_start": gamma})
            return
        hess = evaluate(x, ["hess"])["hess"]
        gamma_start = gamma
        trials, taken, gamma = adaptive_search(x, f, grad_norm, g, hess, metric, gamma, reference)
        send({"type": "iteration", "k": k, "x": x, "h": taken["h"] if taken else None,
              "accepted": taken is not None and taken["outcome"] == "accepted",
              "f": f, "grad": g, "lambda": taken["lambda"] if taken else math.nan, "gamma_start": gamma_start,
              "trials": [{key: t[key] for key in ("gamma", "lambda", "outcome", "h")} for t in trials]})
        receive()
        k += 1
        if taken is not None:
            x = [xi + hi for xi, hi in zip(x, taken["h"])]
            f, g = taken["f"], taken["grad"]
        elif any(t["outcome"] == "non-finite" for t in trials) and not any(t["outcome"] == "rejected" for t in trials):
            # strict mode met only non-finite values or failed factorizations: stop (src/solvers/gns.ts)
            send({"type": "end", "x": x, "status": "non-finite", "gamma_start": gamma})
            return


def run():
    try:
        main()
    except BrokenPipeError:
        sys.stdout = None


if __name__ == "__main__":
    run()
