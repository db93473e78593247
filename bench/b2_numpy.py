#!/usr/bin/env python3
"""Benchmark B2 baseline: full-batch logistic regression, one configuration at a time, with X @ w.

Reads the data set, learning rates and initial weights that `Sweeps b2-data FILE` writes (see
bench/src/main/java/dev/gdsweep/bench/B2.java): little-endian float64, X (m*d, row-major), y (m),
rates (64), starts (4*(d+1)). Configuration id = rate index * 4 + start index.

The loss and gradient are LogisticRegressionLoss's (mean log-loss, l2 = 0, weights w_0..w_{d-1}, b):
  t = (1 - 2y) * (X w + b);  L = mean(max(t, 0) + log1p(exp(-|t|)));
  r = (1 - 2y) * sigma(t) = sigma(z) - y;  grad = (X^T r / m, mean(r))
and the stopping rules the engine's, in order (README "What the numbers mean"): not finite or
L > 1e12 -> diverged; ||g|| <= 1e-6 -> converged; patience 10 without L < best - 1e-9 (absolute)
-> converged; k == 2000 -> max_iterations; else w <- w - lr g.
The sums run in a different order from the Java loops (BLAS), so a run can stop an iteration or
so apart from the engine's: totals are compared within a tolerance.

Prints  RESULT bench=b2 impl=numpy ... iterations=... seconds=... gflops=...  (4*m*d flop-equivalents
per iteration); the time covers the descents only.
"""
import argparse
import sys
import time

import numpy as np

RATES, STARTS = 64, 4


def load(path, m, d):
    a = np.fromfile(path, dtype="<f8")
    want = m * d + m + RATES + STARTS * (d + 1)
    if a.size != want:
        sys.exit(f"{path}: {a.size} values, expected {want} for {m} x {d}")
    x = a[: m * d].reshape(m, d)
    y = a[m * d: m * d + m]
    rates = a[m * d + m: m * d + m + RATES]
    starts = a[m * d + m + RATES:].reshape(STARTS, d + 1)
    return np.ascontiguousarray(x), y.copy(), rates.copy(), starts.copy()


def run(x, sign, lr, w0, max_iterations=2000, tolerance=1e-6, patience=10, min_delta=1e-9, divergence=1e12):
    m, d = x.shape
    w = w0.copy()
    g = np.empty(d + 1)
    z = np.empty(m)
    e = np.empty(m)
    best = np.inf
    since = 0
    k = 0
    while True:
        np.dot(x, w[:d], out=z)
        z += w[d]
        z *= sign                       # z is now t
        np.abs(z, out=e)
        np.negative(e, out=e)
        np.exp(e, out=e)                # e = exp(-|t|)
        loss = (np.maximum(z, 0).sum() + np.log1p(e).sum()) / m
        # sigma(t) = 1/(1+e) for t >= 0, e/(1+e) otherwise; r = sign * sigma(t)
        r = np.where(z >= 0, 1.0, e)
        r /= 1.0 + e
        r *= sign
        np.dot(r, x, out=g[:d])
        g[d] = r.sum()
        g /= m
        if not (np.isfinite(loss) and np.isfinite(g).all() and np.isfinite(w).all()) or loss > divergence:
            return k, 1
        if np.sqrt(g @ g) <= tolerance:
            return k, 0
        if patience > 0:
            if loss < best - min_delta:
                best = loss
                since = 0
            else:
                since += 1
                if since >= patience:
                    return k, 0
        if k == max_iterations:
            return k, 2
        w -= lr * g
        k += 1


def threadpool_note():
    try:
        from threadpoolctl import threadpool_info
        return "; ".join(f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} "
                         f"threads={i.get('num_threads')}" for i in threadpool_info()) or "none"
    except ImportError:
        return "threadpoolctl not installed"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data")
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--features", type=int, default=20)
    ap.add_argument("--configs", default="all", help="all, or comma-separated configuration ids")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--expect-iterations", type=int, default=None)
    ap.add_argument("--tolerance", type=float, default=1e-2)
    args = ap.parse_args()
    print(f"numpy {np.__version__}; BLAS: {threadpool_note()}", file=sys.stderr)
    x, y, rates, starts = load(args.data, args.rows, args.features)
    sign = 1.0 - 2.0 * y
    ids = list(range(RATES * STARTS)) if args.configs == "all" else [int(s) for s in args.configs.split(",")]
    m, d = x.shape
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        total = 0
        converged = 0
        for i in ids:
            k, status = run(x, sign, rates[i // STARTS], starts[i % STARTS])
            total += k
            converged += status == 0
        seconds = time.perf_counter() - t0
        print(f"RESULT bench=b2 impl=numpy threads=blas rows={m} features={d} runs={len(ids)} iterations={total} "
              f"seconds={seconds:.4f} iters_per_s={total / seconds:.2f} "
              f"gflops={4.0 * m * d * total / seconds / 1e9:.3f} converged={converged}", flush=True)
        if args.expect_iterations is not None:
            diff = abs(total - args.expect_iterations) / max(1, args.expect_iterations)
            ok = diff <= args.tolerance
            print(f"CHECK bench=b2 numpy={total} engine={args.expect_iterations} rel_diff={diff:.2e} "
                  f"{'OK' if ok else 'MISMATCH'}", flush=True)
            if not ok:
                sys.exit(1)


if __name__ == "__main__":
    main()
