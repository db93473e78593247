#!/usr/bin/env python3
"""Benchmark B4 baseline: full-batch gradient descent on an MLP (20 -> 32 tanh -> 10 softmax), one
configuration at a time, every row at once through matrix products.

Reads the data set, learning rates and initial weights that `Sweeps b4-data FILE` writes (see
bench/src/main/java/dev/gdsweep/bench/B4.java): little-endian float64, X (m*d, row-major), y (m, class
indexes), rates (16), starts (4*dim) in MlpLoss's layout: hidden layer [H][d+1], then output layer
[K][H+1], each unit's bias last. Configuration id = rate index * 4 + start index.

The loss and gradient are MlpLoss's (mean softmax cross-entropy, l2 = 0), by backpropagation:
  H = tanh(X W1^T + b1);  Z = H W2^T + b2;  L = mean(logsumexp(Z) - Z[y])
  D2 = (softmax(Z) - onehot(y)) / m;  gW2 = D2^T H, gb2 = sum(D2);  D1 = (D2 W2) * (1 - H^2);  gW1 = D1^T X, gb1 = sum(D1)
and the engine's stopping rules, in its order (README "What the numbers mean"): not finite or
L > 1e12 -> diverged; ||g|| <= 1e-6 -> converged; patience 10 without L < best - 1e-9 (absolute)
-> plateau; k == 300 -> max_iterations; else w <- w - lr g.
numpy's sums (BLAS), tanh and exp differ from the engine's in the last bits, so a run that stops by
patience or diverges could stop an iteration or so apart: totals are compared within a tolerance
(identical so far), and the figure compared is iterations per second.

Parallelism as the engine's: configurations shared by 2 worker processes (--processes), each numpy
with ONE BLAS thread (OPENBLAS_NUM_THREADS=1 unless set). OpenBLAS's own 2 threads lose on products this
small: on this machine, under load, a 10 x 10,000 by 10,000 x 32 product took 23 ms with 2 threads and
0.4 ms with 1, and a whole iteration 57 ms against 9.6 ms.

Prints  RESULT bench=b4 impl=numpy ... iterations=... seconds=... gflops=...  (6*m*(d*H + H*K)
flop-equivalents per iteration, as the engine's line); the time covers the descents only.
"""
import argparse
import multiprocessing
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy loads OpenBLAS; see the docstring
import numpy as np  # noqa: E402

RATES, STARTS = 16, 4
M, D, H, K = 10000, 20, 32, 10
MAX_ITERATIONS = 300


def load(path):
    dim = H * (D + 1) + K * (H + 1)
    a = np.fromfile(path, dtype="<f8")
    want = M * D + M + RATES + STARTS * dim
    if a.size != want:
        sys.exit(f"{path}: {a.size} values, expected {want}")
    x = a[: M * D].reshape(M, D)
    y = a[M * D: M * D + M].astype(np.int64)
    rates = a[M * D + M: M * D + M + RATES]
    starts = a[M * D + M + RATES:].reshape(STARTS, dim)
    return np.ascontiguousarray(x), y, rates.copy(), starts.copy()


def run(x, y, lr, w0, max_iterations=MAX_ITERATIONS, tolerance=1e-6, patience=10, min_delta=1e-9,
        divergence=1e12):
    m = x.shape[0]
    rows = np.arange(m)
    w = w0.copy()
    split = H * (D + 1)
    # Views into w and g: the hidden layer [H][D+1] and the output layer [K][H+1], biases last.
    w1 = w[:split].reshape(H, D + 1)
    w2 = w[split:].reshape(K, H + 1)
    g = np.empty_like(w)
    g1 = g[:split].reshape(H, D + 1)
    g2 = g[split:].reshape(K, H + 1)
    hidden = np.empty((m, H))
    logits = np.empty((m, K))
    best = np.inf
    since = 0
    k = 0
    while True:
        np.dot(x, w1[:, :D].T, out=hidden)
        hidden += w1[:, D]
        np.tanh(hidden, out=hidden)
        np.dot(hidden, w2[:, :H].T, out=logits)
        logits += w2[:, H]
        top = logits.max(axis=1, keepdims=True)
        logits -= top                           # shifted logits, each <= 0
        picked = logits[rows, y].copy()
        np.exp(logits, out=logits)              # e^(z - max)
        total = logits.sum(axis=1)
        loss = (np.log(total) - picked).sum() / m
        logits /= total[:, None]                # softmax
        logits[rows, y] -= 1.0
        logits /= m                             # D2
        g2[:, :H] = logits.T @ hidden
        g2[:, H] = logits.sum(axis=0)
        back = logits @ w2[:, :H]               # D2 W2
        hidden *= hidden
        np.subtract(1.0, hidden, out=hidden)
        back *= hidden                          # D1
        g1[:, :D] = back.T @ x
        g1[:, D] = back.sum(axis=0)
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
                    return k, 3
        if k == max_iterations:
            return k, 2
        w -= lr * g
        k += 1


_worker = {}


def _load_in_worker(path):
    _worker["data"] = load(path)


def _run_config(i):
    x, y, rates, starts = _worker["data"]
    return run(x, y, rates[i // STARTS], starts[i % STARTS])


def _ready(_):
    return "data" in _worker


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
    ap.add_argument("--configs", default="all", help="all, or comma-separated configuration ids")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--expect-iterations", type=int, default=None)
    ap.add_argument("--tolerance", type=float, default=1e-2)
    ap.add_argument("--processes", type=int, default=2, help="worker processes sharing the configurations")
    args = ap.parse_args()
    print(f"numpy {np.__version__}; BLAS: {threadpool_note()}", file=sys.stderr)
    ids = list(range(RATES * STARTS)) if args.configs == "all" else [int(s) for s in args.configs.split(",")]
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(args.processes, initializer=_load_in_worker, initargs=(args.data,)) as pool:
        pool.map(_ready, range(args.processes))  # every worker started and loaded, untimed
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            results = pool.map(_run_config, ids, chunksize=1)
            seconds = time.perf_counter() - t0
            report(args, ids, results, seconds)


def report(args, ids, results, seconds):
    total = sum(k for k, _ in results)
    converged = sum(1 for _, status in results if status == 0)
    diverged = sum(1 for _, status in results if status == 1)
    plateau = sum(1 for _, status in results if status == 3)
    flops = 6.0 * M * (D * H + H * K) * total
    print(f"RESULT bench=b4 impl=numpy processes={args.processes} "
          f"blas_threads={os.environ.get('OPENBLAS_NUM_THREADS')} rows={M} features={D} hidden={H} classes={K} "
          f"runs={len(ids)} iterations={total} seconds={seconds:.4f} iters_per_s={total / seconds:.2f} "
          f"gflops={flops / seconds / 1e9:.3f} converged={converged} plateau={plateau} diverged={diverged}", flush=True)
    if args.expect_iterations is not None:
        diff = abs(total - args.expect_iterations) / max(1, args.expect_iterations)
        ok = diff <= args.tolerance
        print(f"CHECK bench=b4 numpy={total} engine={args.expect_iterations} rel_diff={diff:.2e} "
              f"{'OK' if ok else 'MISMATCH'}", flush=True)
        if not ok:
            sys.exit(1)


if __name__ == "__main__":
    main()
