#!/usr/bin/env python3
"""Benchmark B1 baseline: the whole 2-D grid advanced as numpy arrays, vectorised over the runs.

All live runs step in lockstep (they all start at k = 0), and a run leaves the arrays at the
iteration where it stops. The semantics are the engine's (README, "What the numbers mean"): at
iteration k, with L = loss(w_k) and g = grad(w_k), in this order
  1. L, any g_i or any w_i not finite, or L > divergence_loss  -> DIVERGED
  2. ||g||_2 <= gradient_tolerance                              -> CONVERGED
  3. patience > 0 and `patience` iterations without L < best - min_delta -> CONVERGED
  4. k == max_iterations                                        -> MAX_ITERATIONS
  5. w <- w - lr * g
The grid is the one of bench/specs/b1-*.yaml, generated here as gdsweep generates it: learning
rates exp(log(from) + t*(log(to) - log(from))), both ends exact; random initial points from the
counter-based SplitMix64 generator (grid/SeededUniform.java), min + u*(max - min). The loss formulas
are written in the same operation order as the Java built-ins, so the runs are the same to the bit
unless a libm exp/log differs in the last place for a learning rate.
Not reproduced: the engine's overflow/underflow-safe gradient norm; it cannot change a decision here
(the norm only meets the tolerance test, and a gradient whose square overflows is beyond 1e154).

Prints one line per repeat:  RESULT bench=b1 impl=numpy loss=... iterations=... seconds=...
The time covers the descent loop only (not the import of numpy nor building the grid).
"""
import argparse
import math
import sys
import time

import numpy as np

GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _mix(z):
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def seeded_uniform(seed, index, coordinate):
    """grid/SeededUniform.at for an array of indexes (uint64 arithmetic wraps as Java's long)."""
    with np.errstate(over="ignore"):
        index = np.asarray(index, dtype=np.uint64)
        s = np.array([seed], dtype=np.int64).astype(np.uint64)
        h = _mix(s * GOLDEN + np.uint64(0x632BE59BD9B4E019))
        h = _mix(h ^ (index * GOLDEN))
        h = _mix(h + np.uint64(coordinate + 1) * GOLDEN)
    return (h >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def log_rates(lo, hi, count):
    out = []
    for i in range(count):
        if i == 0:
            out.append(lo)
        elif i == count - 1:
            out.append(hi)
        else:
            t = i / (count - 1)
            out.append(math.exp(math.log(lo) + t * (math.log(hi) - math.log(lo))))
    return np.array(out)


# The built-ins, operation for operation as in loss/*.java: (value, g0, g1) for arrays w0, w1.
def rosenbrock(w0, w1, a=1.0, b=100.0):
    valley = w1 - w0 * w0
    offset = a - w0
    value = b * valley * valley + offset * offset
    g0 = (-4 * b) * w0 * valley - 2 * offset
    g1 = (2 * b) * valley
    return value, g0, g1


def himmelblau(w0, w1):
    p = w0 * w0 + w1 - 11
    q = w0 + w1 * w1 - 7
    g0 = 4 * w0 * p + 2 * q
    g1 = 2 * p + 4 * w1 * q
    return p * p + q * q, g0, g1


def quadratic(w0, w1, d0=1.0, d1=1.0):
    dw0 = d0 * w0
    dw1 = d1 * w1
    return 0.5 * (dw0 * w0 + dw1 * w1), dw0, dw1


LOSSES = {"rosenbrock": rosenbrock, "himmelblau": himmelblau, "quadratic": quadratic}


def grid(rates=100, points=100, seed=42, lo=-2.0, hi=2.0, lr_from=1e-5, lr_to=1e-1):
    """Run id i = rate index * points + point index, as gdsweep (learning-rate-major)."""
    lrs = log_rates(lr_from, lr_to, rates)
    idx = np.arange(points)
    p0 = lo + seeded_uniform(seed, idx, 0) * (hi - lo)
    p1 = lo + seeded_uniform(seed, idx, 1) * (hi - lo)
    return np.repeat(lrs, points), np.tile(p0, rates), np.tile(p1, rates)


def sweep(loss, lr, w0, w1, max_iterations, tolerance, divergence, patience=0, min_delta=0.0):
    """Returns per-run (iterations, status) with status 0 converged, 1 diverged, 2 max_iterations."""
    n = lr.size
    iterations = np.zeros(n, dtype=np.int64)
    status = np.full(n, -1, dtype=np.int8)
    ids = np.arange(n)
    w0 = w0.copy()
    w1 = w1.copy()
    lr = lr.copy()
    best = np.full(n, np.inf)
    since = np.zeros(n, dtype=np.int64)
    k = 0
    with np.errstate(all="ignore"):
        while ids.size:
            value, g0, g1 = loss(w0, w1)
            finite = np.isfinite(np.stack((value, g0, g1, w0, w1))).all(axis=0)
            diverged = ~finite | (value > divergence)
            converged = ~diverged & (np.sqrt(g0 * g0 + g1 * g1) <= tolerance)
            stop = diverged | converged
            if patience > 0:
                live = ~stop
                improved = value < best - min_delta
                best = np.where(live & improved, value, best)
                since = np.where(live & ~improved, since + 1, np.where(improved, 0, since))
                stalled = live & ~improved & (since >= patience)
                converged |= stalled
                stop |= stalled
            if k == max_iterations:
                stop[:] = True
            if stop.any():
                code = np.where(diverged, 1, np.where(converged, 0, 2)).astype(np.int8)
                gone = ids[stop]
                iterations[gone] = k
                status[gone] = code[stop]
                keep = ~stop
                ids, w0, w1, lr, g0, g1 = ids[keep], w0[keep], w1[keep], lr[keep], g0[keep], g1[keep]
                if patience > 0:
                    best, since = best[keep], since[keep]
            w0 -= lr * g0
            w1 -= lr * g1
            k += 1
    return iterations, status


def threadpool_note():
    try:
        from threadpoolctl import threadpool_info
        return "; ".join(f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} "
                         f"threads={i.get('num_threads')}" for i in threadpool_info()) or "none"
    except ImportError:
        return "threadpoolctl not installed"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--loss", choices=sorted(LOSSES), default="rosenbrock")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--max-iterations", type=int, default=50000)
    ap.add_argument("--rates", type=int, default=100, help="learning rates of the grid (specs/b1-*.yaml: 100)")
    ap.add_argument("--points", type=int, default=100,
                    help="initial points of the grid (specs/b1-*.yaml: 100; b1-rosenbrock-40k.yaml: 200 and 200)")
    ap.add_argument("--expect-iterations", type=int, default=None,
                    help="the engine's total; exit 1 when the relative difference exceeds --tolerance")
    ap.add_argument("--tolerance", type=float, default=1e-4)
    ap.add_argument("--blas-info", action="store_true", help="print the BLAS threadpoolctl reports, and exit")
    args = ap.parse_args()
    if args.blas_info:
        print(threadpool_note())
        return
    print(f"numpy {np.__version__}; BLAS: {threadpool_note()}", file=sys.stderr)
    lr, w0, w1 = grid(rates=args.rates, points=args.points)
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        it, st = sweep(LOSSES[args.loss], lr, w0, w1, args.max_iterations, 1e-6, 1e12)
        seconds = time.perf_counter() - t0
        total = int(it.sum())
        print(f"RESULT bench=b1 impl=numpy loss={args.loss} threads=1 runs={lr.size} iterations={total} "
              f"seconds={seconds:.4f} iters_per_s={total / seconds:.4e} runs_per_s={lr.size / seconds:.1f} "
              f"converged={int((st == 0).sum())} diverged={int((st == 1).sum())} "
              f"max_iterations={int((st == 2).sum())}", flush=True)
        if args.expect_iterations is not None:
            diff = abs(total - args.expect_iterations) / max(1, args.expect_iterations)
            ok = diff <= args.tolerance
            print(f"CHECK bench=b1 loss={args.loss} numpy={total} engine={args.expect_iterations} "
                  f"rel_diff={diff:.2e} {'OK' if ok else 'MISMATCH'}", flush=True)
            if not ok:
                sys.exit(1)


if __name__ == "__main__":
    main()
