#!/usr/bin/env python3
"""Adam baseline: the Adam grid (bench/specs/adam-rosenbrock.yaml) advanced as numpy arrays, vectorised
over the runs.

The same grid, optimizer and stopping rules as the spec, generated as gdsweep generates them (b1_numpy.py's
grid and Rosenbrock, operation for operation as the Java built-in). All live runs step in lockstep from
k = 0, so the bias corrections 1 - beta^(k+1) are one number per iteration; a run leaves the arrays at
the iteration where it stops. At iteration k, with L = loss(w_k) and g = grad(w_k), in this order
  1. L, any g_i or any w_i not finite, or L > divergence_loss  -> DIVERGED
  2. ||g||_2 <= gradient_tolerance                              -> CONVERGED
  3. k == max_iterations                                        -> MAX_ITERATIONS
  4. m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g g
     w <- w - lr (m / (1 - b1^(k+1))) / (sqrt(v / (1 - b2^(k+1))) + eps)      (optim/Adam.java)
Python's pow and numpy's sqrt are the C library's; gdsweep's are Java's Math.pow and Math.sqrt. They
agree to the last bit on these values in practice, and the total iterations are checked against the
engine's (--expect-iterations).

Prints one line per repeat:  RESULT bench=adam impl=numpy iterations=... seconds=...
The time covers the descent loop only (not the import of numpy nor building the grid).
"""
import argparse
import sys
import time

import numpy as np

from b1_numpy import grid, rosenbrock, threadpool_note

BETA1, BETA2, EPSILON = 0.9, 0.999, 1e-8


def sweep(lr, w0, w1, max_iterations, tolerance, divergence):
    """Returns per-run (iterations, status) with status 0 converged, 1 diverged, 2 max_iterations."""
    n = lr.size
    iterations = np.zeros(n, dtype=np.int64)
    status = np.full(n, -1, dtype=np.int8)
    ids = np.arange(n)
    w0, w1, lr = w0.copy(), w1.copy(), lr.copy()
    m0, m1, v0, v1 = (np.zeros(n) for _ in range(4))
    keep1, keep2 = 1 - BETA1, 1 - BETA2
    k = 0
    with np.errstate(all="ignore"):
        while ids.size:
            value, g0, g1 = rosenbrock(w0, w1)
            finite = np.isfinite(np.stack((value, g0, g1, w0, w1))).all(axis=0)
            diverged = ~finite | (value > divergence)
            converged = ~diverged & (np.sqrt(g0 * g0 + g1 * g1) <= tolerance)
            stop = diverged | converged
            if k == max_iterations:
                stop[:] = True
            if stop.any():
                code = np.where(diverged, 1, np.where(converged, 0, 2)).astype(np.int8)
                gone = ids[stop]
                iterations[gone] = k
                status[gone] = code[stop]
                keep = ~stop
                ids, w0, w1, lr, g0, g1 = ids[keep], w0[keep], w1[keep], lr[keep], g0[keep], g1[keep]
                m0, m1, v0, v1 = m0[keep], m1[keep], v0[keep], v1[keep]
            c1 = 1 - BETA1 ** (k + 1)
            c2 = 1 - BETA2 ** (k + 1)
            m0 = BETA1 * m0 + keep1 * g0
            m1 = BETA1 * m1 + keep1 * g1
            v0 = BETA2 * v0 + keep2 * g0 * g0
            v1 = BETA2 * v1 + keep2 * g1 * g1
            w0 -= lr * (m0 / c1) / (np.sqrt(v0 / c2) + EPSILON)
            w1 -= lr * (m1 / c1) / (np.sqrt(v1 / c2) + EPSILON)
            k += 1
    return iterations, status


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--max-iterations", type=int, default=20000)
    ap.add_argument("--expect-iterations", type=int, default=None,
                    help="the engine's total; exit 1 when the relative difference exceeds --tolerance")
    ap.add_argument("--tolerance", type=float, default=1e-4)
    args = ap.parse_args()
    print(f"numpy {np.__version__}; BLAS: {threadpool_note()}", file=sys.stderr)
    lr, w0, w1 = grid(lr_from=1e-4, lr_to=1.0)
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        it, st = sweep(lr, w0, w1, args.max_iterations, 1e-6, 1e12)
        seconds = time.perf_counter() - t0
        total = int(it.sum())
        print(f"RESULT bench=adam impl=numpy loss=rosenbrock threads=1 runs={lr.size} iterations={total} "
              f"seconds={seconds:.4f} iters_per_s={total / seconds:.4e} runs_per_s={lr.size / seconds:.1f} "
              f"converged={int((st == 0).sum())} diverged={int((st == 1).sum())} "
              f"max_iterations={int((st == 2).sum())}", flush=True)
        if args.expect_iterations is not None:
            diff = abs(total - args.expect_iterations) / max(1, args.expect_iterations)
            ok = diff <= args.tolerance
            print(f"CHECK bench=adam numpy={total} engine={args.expect_iterations} "
                  f"rel_diff={diff:.2e} {'OK' if ok else 'MISMATCH'}", flush=True)
            if not ok:
                sys.exit(1)


if __name__ == "__main__":
    main()
