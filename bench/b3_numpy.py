#!/usr/bin/env python3
"""Benchmark B3 baseline: full-batch softmax regression, 10 classes, one configuration at a time.

Reads the data set, learning rates and initial weights that `Sweeps b3-data FILE` writes (see
bench/src/main/java/dev/gdsweep/bench/B3.java): little-endian float64, X (m*d, row-major), y (m,
class indexes), rates (16), starts (4*K*(d+1)). Configuration id = rate index * 4 + start index.

The loss and gradient are SoftmaxRegressionLoss's (mean cross-entropy, l2 = 0, weights class-major:
class c's d weights then its bias):
  Z = X W^T + b;  L = mean(z_max + log(sum_c exp(z_c - z_max)) - z_y)
  P = softmax(Z);  P[i, y_i] -= 1;  grad W = P^T X / m, grad b = mean(P, axis 0)
and the stopping rules the engine's, in its order (as b2_numpy.py): not finite or L > 1e12 ->
diverged; ||g|| <= 1e-6 -> converged; patience 10 without L < best - 1e-9 (absolute) -> converged;
k == 2000 -> max_iterations; else w <- w - lr g. The sums run in BLAS's order, not the engine's,
so totals are compared within a tolerance.

Prints  RESULT bench=b3 impl=numpy ... iterations=... seconds=... gflops=...  (4*m*d*K flop-equivalents
per iteration); the time covers the descents only.
"""
import argparse
import sys
import time

import numpy as np

RATES, STARTS, CLASSES = 16, 4, 10


def load(path, m, d):
    dim = CLASSES * (d + 1)
    a = np.fromfile(path, dtype="<f8")
    want = m * d + m + RATES + STARTS * dim
    if a.size != want:
        sys.exit(f"{path}: {a.size} values, expected {want} for {m} x {d}, {CLASSES} classes")
    x = a[: m * d].reshape(m, d)
    y = a[m * d: m * d + m].astype(np.int64)
    rates = a[m * d + m: m * d + m + RATES]
    starts = a[m * d + m + RATES:].reshape(STARTS, dim)
    return np.ascontiguousarray(x), y, rates.copy(), starts.copy()


def run(x, y, lr, w0, max_iterations=2000, tolerance=1e-6, patience=10, min_delta=1e-9, divergence=1e12):
    m, d = x.shape
    # Class-major flat weights as two contiguous arrays: a strided view of W makes X @ W.T ~10x slower.
    start = w0.reshape(CLASSES, d + 1)
    weights = np.ascontiguousarray(start[:, :d])
    bias = start[:, d].copy()
    gw = np.empty((CLASSES, d))
    gb = np.empty(CLASSES)
    z = np.empty((m, CLASSES))
    rows = np.arange(m)
    best = np.inf
    since = 0
    k = 0
    while True:
        np.dot(x, weights.T, out=z)
        z += bias
        z_max = z.max(axis=1)
        z_y = z[rows, y]
        z -= z_max[:, None]
        np.exp(z, out=z)                # z is now e^{z_c - z_max}
        total = z.sum(axis=1)
        loss = (z_max.sum() + np.log(total).sum() - z_y.sum()) / m
        z /= total[:, None]             # p
        z[rows, y] -= 1.0               # p - [c = y]
        np.dot(z.T, x, out=gw)
        np.sum(z, axis=0, out=gb)
        gw /= m
        gb /= m
        if not (np.isfinite(loss) and np.isfinite(gw).all() and np.isfinite(gb).all()
                and np.isfinite(weights).all() and np.isfinite(bias).all()) \
                or loss > divergence:
            return k, 1
        if np.sqrt(np.vdot(gw, gw) + gb @ gb) <= tolerance:
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
        weights -= lr * gw
        bias -= lr * gb
        k += 1


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
    x, y, rates, starts = load(args.data, args.rows, args.features)
    ids = list(range(RATES * STARTS)) if args.configs == "all" else [int(s) for s in args.configs.split(",")]
    m, d = x.shape
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            total = 0
            converged = 0
            for i in ids:
                k, status = run(x, y, rates[i // STARTS], starts[i % STARTS])
                total += k
                converged += status == 0
            seconds = time.perf_counter() - t0
            print(f"RESULT bench=b3 impl=numpy threads=blas rows={m} features={d} classes={CLASSES} runs={len(ids)} "
                  f"iterations={total} seconds={seconds:.4f} iters_per_s={total / seconds:.2f} "
                  f"gflops={4.0 * m * d * CLASSES * total / seconds / 1e9:.3f} converged={converged}", flush=True)
            if args.expect_iterations is not None:
                diff = abs(total - args.expect_iterations) / max(1, args.expect_iterations)
                ok = diff <= args.tolerance
                print(f"CHECK bench=b3 numpy={total} engine={args.expect_iterations} rel_diff={diff:.2e} "
                      f"{'OK' if ok else 'MISMATCH'}", flush=True)
                if not ok:
                    sys.exit(1)


if __name__ == "__main__":
    main()
