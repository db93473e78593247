#!/usr/bin/env python3
"""Turns bench/target/results.txt (and the JMH JSON beside it) into the median table, in Markdown.

usage: table.py RESULTS_TXT OUT_DIR
Every number is a median over the repetitions of one bench/run; every ratio is between medians of
the same run (the sides alternated A B A B in it).
"""
import json
import os
import re
import statistics
import sys


def parse(path):
    runs, header = {}, []
    for line in open(path):
        line = line.rstrip("\n")
        if line.startswith("#"):
            header.append(line[2:])
            continue
        m = re.match(r"(\S+) rep=(\d+) (RESULT|CHECK) (.*)", line)
        if not m:
            continue
        tag, kind, rest = m.group(1), m.group(3), m.group(4)
        fields = dict(kv.split("=", 1) for kv in rest.split() if "=" in kv)
        if kind == "CHECK":
            fields["check"] = rest.split()[-1]
            runs.setdefault(tag + ":check", []).append(fields)
        else:
            runs.setdefault(tag, []).append(fields)
    return header, runs


def med(runs, tag, key):
    vals = [float(r[key]) for r in runs.get(tag, []) if key in r and r[key] not in ("nan", "")]
    return statistics.median(vals) if vals else None


def spread(runs, tag, key):
    vals = [float(r[key]) for r in runs.get(tag, []) if key in r and r[key] not in ("nan", "")]
    if not vals:
        return "–"
    return f"{fmt(statistics.median(vals))} ({fmt(min(vals))}–{fmt(max(vals))}, n={len(vals)})"


def n(runs, tag):
    return len(runs.get(tag, []))


def fmt(x, digits=3):
    if x is None:
        return "–"
    if x == 0:
        return "0"
    if abs(x) >= 1e6 or abs(x) < 1e-3:
        return f"{x:.{digits}e}"
    return f"{x:,.{digits}g}" if abs(x) < 1000 else f"{x:,.0f}"


def verdict(value, target, higher_is_better=True):
    if value is None:
        return "not measured"
    ok = value >= target if higher_is_better else value <= target
    if ok:
        return "**met**"
    if higher_is_better:
        return f"**missed** (x{value / target:.2f} of the target)"
    return f"**missed** ({value / target:.2f}x the allowed)"


def jmh(out):
    rows = {}
    for name in ("jmh-kernels.json", "jmh-grid.json", "jmh-mlp.json"):
        p = os.path.join(out, name)
        if not os.path.exists(p):
            continue
        for b in json.load(open(p)):
            bench = b["benchmark"].rsplit(".", 2)[-2]
            params = b.get("params", {})
            alloc = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
            rows[(bench, tuple(sorted(params.items())))] = (b["primaryMetric"]["score"],
                                                          b["primaryMetric"]["scoreUnit"], alloc, params)
    return rows


def main():
    results, out = sys.argv[1], sys.argv[2]
    header, r = parse(results)
    p = print
    p("## Environment\n")
    for h in header:
        p(f"- {h}")
    p()

    # ---- B1
    p("## B1: 2-D analytic grid, 100 learning rates x 100 starts (10,000 runs)\n")
    p("Engine: `Sweeps b1` in one JVM, timed after warm-up sweeps (three capped at 2,000 iterations, then one whole). numpy: "
      "`b1_numpy.py`, all live runs as arrays. Medians over the repetitions.\n")
    p("| loss | impl | runs | total iterations | seconds | iterations/s | runs/s | engine (2 threads) ÷ this row | same totals as the engine |")
    p("|---|---|---:|---:|---:|---:|---:|---:|---|")
    b1_ratios = {}
    for loss in ("rosenbrock", "himmelblau", "quadratic"):
        e_ips = med(r, f"b1-{loss}-engine2", "iters_per_s")
        for impl, tag in (("engine, 2 threads", f"b1-{loss}-engine2"), ("engine, 1 thread", f"b1-{loss}-engine1"),
                          ("engine one run at a time (`--scalar`), 2 threads", f"b1-{loss}-scalar2"),
                          ("RunComputer (engine + per-run analysis), 2 threads", f"b1-{loss}-runcomputer2"),
                          ("numpy (1 thread)", f"b1-{loss}-numpy")):
            if not n(r, tag):
                continue
            ips = med(r, tag, "iters_per_s")
            checks = r.get(tag + ":check", [])
            same = ""
            if checks:
                same = "yes" if all(c["check"] == "OK" for c in checks) else "NO"
                same += f" (rel. diff {max(float(c['rel_diff']) for c in checks):.0e})"
            ratio = e_ips / ips if e_ips and ips and "engine, 2" not in impl else None
            if "numpy" in impl:
                b1_ratios[loss] = ratio
            p(f"| {loss} | {impl} | {r[tag][0]['runs']} | {int(float(r[tag][0]['iterations'])):,} | "
              f"{spread(r, tag, 'seconds')} | {fmt(ips)} | {fmt(med(r, tag, 'runs_per_s'))} | "
              f"{fmt(ratio) if ratio else ''} | {same} |")
    p()

    # ---- formula
    f_lanes = med(r, "b1-rosenbrock-formula-engine2", "seconds")
    b_lanes = med(r, "b1-rosenbrock-engine2", "seconds")
    formula_ratio = f_lanes / b_lanes if f_lanes and b_lanes else None
    if f_lanes:
        p("## Rosenbrock as a formula against the built-in (B1 grid, 2 threads)\n")
        p("| impl | total iterations | seconds | iterations/s | time ÷ built-in's, same mode |")
        p("|---|---:|---:|---:|---:|")
        for impl, tag, base in (("built-in, lockstep lanes", "b1-rosenbrock-engine2", None),
                                ("formula, lockstep lanes", "b1-rosenbrock-formula-engine2", "b1-rosenbrock-engine2"),
                                ("built-in, one run at a time", "b1-rosenbrock-scalar2", None),
                                ("formula, one run at a time", "b1-rosenbrock-formula-scalar2", "b1-rosenbrock-scalar2")):
            if not n(r, tag):
                continue
            secs = med(r, tag, "seconds")
            ratio = secs / med(r, base, "seconds") if base and n(r, base) else None
            p(f"| {impl} | {int(float(r[tag][0]['iterations'])):,} | {spread(r, tag, 'seconds')} | "
              f"{fmt(med(r, tag, 'iters_per_s'))} | {fmt(ratio) if ratio else ''} |")
        p()

    # ---- B2
    p("## B2: logistic regression, 10,000 x 20, full batch\n")
    e2 = "b2-engine2"
    p("| impl | configurations | iterations | seconds | iterations/s | GFLOP/s-eq (4md/iter) | engine / impl |")
    p("|---|---:|---:|---:|---:|---:|---:|")
    e_ips = med(r, e2, "iters_per_s")
    b2_numpy_ratio = mllib_ratio = None
    for impl, tag in (("engine, 2 threads", e2), ("numpy, per configuration (X @ w)", "b2-numpy"),
                      ("MLlib runMiniBatchSGD, local[2], per configuration", "b2-mllib"),
                      ("engine, 2 threads, all 256 (once)", "b2-full-engine2")):
        if not n(r, tag):
            continue
        ips = med(r, tag, "iters_per_s")
        ratio = e_ips / ips if e_ips and ips and tag not in (e2, "b2-full-engine2") else None
        if tag == "b2-numpy":
            b2_numpy_ratio = ratio
        if tag == "b2-mllib":
            mllib_ratio = ratio
        p(f"| {impl} | {r[tag][0]['runs']} | {int(float(r[tag][0]['iterations'])):,} | {spread(r, tag, 'seconds')} | "
          f"{fmt(ips)} | {fmt(med(r, tag, 'gflops'))} | {fmt(ratio) if ratio else ''} |")
    checks = r.get("b2-numpy:check", [])
    if checks:
        p(f"\nnumpy and the engine took the same number of iterations: "
          f"{'yes' if all(c['check'] == 'OK' for c in checks) else 'NO'} "
          f"(largest relative difference {max(float(c['rel_diff']) for c in checks):.1e}).")
    full_iters = med(r, "b2-full-engine2", "iterations")
    mllib_spi = med(r, "b2-mllib", "s_per_iter")
    if mllib_spi:
        p(f"\nMLlib: {fmt(mllib_spi)} s per iteration (median), Spark start-up in that process "
          f"{fmt(med(r, 'b2-mllib', 'spark_startup_s'))} s (not in the per-iteration time).")
        if full_iters:
            hours = mllib_spi * full_iters / 3600
            p(f"Projected to all 256 configurations with the engine's {int(full_iters):,} iterations: "
              f"**{hours:.1f} h** for MLlib against {fmt(med(r, 'b2-full-engine2', 'seconds'))} s for the engine.")
    p()

    # ---- B3
    b3_numpy_ratio = None
    if n(r, "b3-engine2"):
        p("## B3: softmax regression, 10 classes, 10,000 x 20, full batch\n")
        p("| impl | configurations | iterations | seconds | iterations/s | GFLOP/s-eq (4mdK/iter) | engine / impl |")
        p("|---|---:|---:|---:|---:|---:|---:|")
        e3 = med(r, "b3-engine2", "iters_per_s")
        for impl, tag in (("engine, 2 threads", "b3-engine2"), ("numpy, per configuration (X @ W^T)", "b3-numpy")):
            if not n(r, tag):
                continue
            ips = med(r, tag, "iters_per_s")
            ratio = e3 / ips if e3 and ips and tag != "b3-engine2" else None
            if tag == "b3-numpy":
                b3_numpy_ratio = ratio
            p(f"| {impl} | {r[tag][0]['runs']} | {int(float(r[tag][0]['iterations'])):,} | {spread(r, tag, 'seconds')} | "
              f"{fmt(ips)} | {fmt(med(r, tag, 'gflops'))} | {fmt(ratio) if ratio else ''} |")
        checks = r.get("b3-numpy:check", [])
        if checks:
            p(f"\nnumpy and the engine took the same number of iterations: "
              f"{'yes' if all(c['check'] == 'OK' for c in checks) else 'NO'} "
              f"(largest relative difference {max(float(c['rel_diff']) for c in checks):.1e}).")
        p()
    b4_section(p, r)

    # ---- Spark
    p("## `bin/gdsweep run` of B1 (rosenbrock) against the engine alone\n")
    start = med(r, "spark-startup", "wall_s")
    spark = med(r, "spark-b1-rosenbrock", "wall_s")
    eng = med(r, "b1-rosenbrock-engine2", "seconds")
    spark_ratio = spark / (eng + start) if spark and eng and start else None
    if spark:
        p("| measurement | median s (min–max, n) |")
        p("|---|---:|")
        p(f"| Spark start-up: `bin/gdsweep run b1-startup.yaml` (1 run), wall | {spread(r, 'spark-startup', 'wall_s')} |")
        p(f"| `bin/gdsweep run b1-rosenbrock.yaml` (10,000 runs), wall | {spread(r, 'spark-b1-rosenbrock', 'wall_s')} |")
        p(f"| same, the sweep time gdsweep prints (session up to report written) | {spread(r, 'spark-b1-rosenbrock', 'sweep_s')} |")
        p(f"| same for the 1-run sweep | {spread(r, 'spark-startup', 'sweep_s')} |")
        p(f"| engine alone, 2 threads, B1 rosenbrock | {spread(r, 'b1-rosenbrock-engine2', 'seconds')} |")
        p(f"| **ratio** run / (engine + start-up) | {fmt(spark_ratio)} |")
        bstart = med(r, "spark-startup-bare", "wall_s")
        bspark = med(r, "spark-b1-rosenbrock-bare", "wall_s")
        if bstart and bspark:
            p(f"| start-up, `--no-report --set record.trajectories=0`, wall | {spread(r, 'spark-startup-bare', 'wall_s')} |")
            p(f"| B1 run, `--no-report --set record.trajectories=0`, wall | {spread(r, 'spark-b1-rosenbrock-bare', 'wall_s')} |")
            p(f"| ratio without report.html and trajectories: run / (engine + start-up) | {fmt(bspark / (eng + bstart))} |")
        extra = spark - start if start else None
        p(f"| run − start-up (the sweep's own cost under Spark) | {fmt(extra)} (engine alone {fmt(eng)}: "
          f"x{fmt(extra / eng) if extra and eng else '–'}) |")
        p()

    p("## `bin/gdsweep run` of B2 (all 256 configurations) against the engine alone\n")
    b2_start = med(r, "spark-b2-startup", "wall_s")
    b2_spark = med(r, "spark-b2", "wall_s")
    b2_eng = med(r, "b2-full-engine2", "seconds")
    b2_spark_ratio = b2_spark / (b2_eng + b2_start) if b2_spark and b2_eng and b2_start else None
    if b2_spark:
        p("| measurement | median s (min–max, n) |")
        p("|---|---:|")
        p(f"| start-up: `bin/gdsweep run b2-startup.yaml` (same data, 1 run of 1 iteration), wall | {spread(r, 'spark-b2-startup', 'wall_s')} |")
        p(f"| `bin/gdsweep run b2.yaml` (256 runs), wall | {spread(r, 'spark-b2', 'wall_s')} |")
        p(f"| engine alone, 2 threads, all 256 | {spread(r, 'b2-full-engine2', 'seconds')} |")
        p(f"| **ratio** run / (engine + start-up) | {fmt(b2_spark_ratio)} |")
        p(f"| run − start-up, over the engine alone | x{fmt((b2_spark - b2_start) / b2_eng) if b2_start and b2_eng else '–'} |")
        checks = r.get("spark-b2-iterations:check", [])
        if checks:
            p(f"\nThe report's runs table has the engine's total iterations: "
              f"{'yes' if all(c['check'] == 'OK' for c in checks) else 'NO'} "
              f"({int(float(r['spark-b2-iterations'][0]['iterations'])):,}).")
        p()

    p("## Scale\n")
    v_small = med(r, "scale-validate-b1-startup", "wall_s")
    v_big = med(r, "scale-validate-scale-1e9", "wall_s")
    if v_big:
        p("| measurement | value |")
        p("|---|---:|")
        p(f"| `bin/gdsweep validate` of a 1-run spec, wall s | {spread(r, 'scale-validate-b1-startup', 'wall_s')} |")
        p(f"| `bin/gdsweep validate specs/scale-1e9.yaml` (10^9 runs), wall s | {spread(r, 'scale-validate-scale-1e9', 'wall_s')} |")
        if v_small:
            p(f"| the 10^9 grid's extra time over the 1-run spec | {fmt(v_big - v_small)} s |")
    p()
    sized = [(size, r[f"scale-{size}"][0]) for size in ("1e5", "1e6", "1e7") if r.get(f"scale-{size}")]
    if sized:
        p("`bin/gdsweep run specs/scale-1eN.yaml --master local[2]` with `GDSWEEP_JAVA_OPTS=-Xmx1g`, report.html "
          "included, one fresh process each:\n")
        p("| runs | wall s | peak RSS MiB | largest heap after a GC, MiB | exit | load (1 min) before → after |")
        p("|---:|---:|---:|---:|---:|---|")
        for size, b in sized:
            rss = f"{int(b['max_rss_kb']) / 1024:,.0f}" if b.get("max_rss_kb") else "–"
            p(f"| {int(b['runs']):,} | {b['wall_s']} | {rss} | {b.get('max_heap_after_gc_mb', '–')} | {b['exit']} | "
              f"{b.get('load_before', '–')} → {b.get('load_after', '–')} |")
    p()

    # ---- JMH
    rows = jmh(out)
    alloc_per_iter = []
    if rows:
        p("## JMH (single fork; -prof gc)\n")
        p("| benchmark | params | score | per iteration | alloc B/op |")
        p("|---|---|---:|---:|---:|")
        kernels = {}
        for (bench, _), (score, unit, alloc, params) in sorted(rows.items()):
            per = ""
            if bench == "KernelBench":
                it = int(params["iterations"])
                ns = score * (1000 if unit.startswith("us") else 1) / it
                per = f"{ns:.2f} ns"
                kernels.setdefault(params["loss"], {})[it] = alloc
            elif bench == "ModelKernelBench":
                # B3's 10,000 x 20; softmax has 10 classes: 4·m·d(·K) flop-equivalents per evaluation.
                units = 10 if params.get("model") == "softmax" else 1
                per = f"{4 * 10_000 * 20 * units / (score * 1000):.2f} GFLOP/s-eq"
            elif bench == "LogisticBench":
                ns = score * 1000
                per = f"{4 * int(params['rows']) * int(params['features']) / ns:.2f} GFLOP/s-eq"
            elif bench == "MlpBench":
                per = f"{6 * 10_000 * (20 * 32 + 32 * 10) / (score * 1e6):.2f} GFLOP/s-eq"
            elif bench == "GridBench" and params.get("loss") == "rosenbrock":
                per = f"{289_834_863 / (score / 1000):.3e} iterations/s"
                if alloc is not None:
                    per += f", {alloc / 289_834_863:.4f} B/iteration ({alloc / 10_000:.0f} B/run)"
            ps = ", ".join(f"{k}={v}" for k, v in sorted(params.items()))
            p(f"| {bench} | {ps} | {score:.2f} {unit} | {per} | {fmt(alloc) if alloc is not None else '–'} |")
        p()
        for loss, by in sorted(kernels.items()):
            if 1000 in by and 10000 in by and by[1000] is not None and by[10000] is not None:
                slope = (by[10000] - by[1000]) / 9000
                alloc_per_iter.append(slope)
                p(f"- {loss}: {by[1000]:.0f} B per 1,000-iteration run, {by[10000]:.0f} B per 10,000-iteration run: "
                  f"**{slope:.4f} B per iteration** (the per-run constant is the RunResult and its weight copy)")
        p()

    # ---- targets
    p("## Targets\n")
    p("| target | measured | verdict |")
    p("|---|---:|---|")
    for loss, ratio in b1_ratios.items():
        p(f"| B1 {loss}: engine (2 threads) >= 4x numpy iterations/s | {fmt(ratio)}x | {verdict(ratio, 4)} |")
    p(f"| Rosenbrock formula within 3x of the built-in (engine, 2 threads) | {fmt(formula_ratio)}x | "
      f"{verdict(formula_ratio, 3, higher_is_better=False)} |")
    p(f"| B2: engine >= 2x numpy per configuration | {fmt(b2_numpy_ratio)}x | {verdict(b2_numpy_ratio, 2)} |")
    p(f"| B3 (softmax, 10 classes): engine against numpy per configuration (no target yet) | "
      f"{fmt(b3_numpy_ratio)}x | {'measured' if b3_numpy_ratio else 'not measured'} |")
    p(f"| `bin/gdsweep run` B1 <= 1.25 x (engine alone + start-up) | {fmt(spark_ratio)}x | "
      f"{verdict(spark_ratio, 1.25, higher_is_better=False)} |")
    p(f"| `bin/gdsweep run` B2 <= 1.25 x (engine alone + start-up) | {fmt(b2_spark_ratio)}x | "
      f"{verdict(b2_spark_ratio, 1.25, higher_is_better=False)} |")
    p(f"| `validate` of a 10^9-run grid < 1 s (the process, JVM start-up included) | {fmt(v_big)} s | "
      f"{verdict(v_big, 1.0, higher_is_better=False)} |")
    for size in ("1e6", "1e7"):
        big = r.get(f"scale-{size}", [])
        ok = big and big[0]["exit"] == "0"
        p(f"| a 10^{size[2:]}-run sweep on local[2] with the heap capped at 1 GB | "
          f"{'exit ' + big[0]['exit'] if big else '–'} | {'not measured' if not big else ('**met**' if ok else '**missed**')} |")
    p(f"| B2: engine >= 100x faster than per-configuration runMiniBatchSGD | {fmt(mllib_ratio)}x | "
      f"{verdict(mllib_ratio, 100)} |")
    worst = max(alloc_per_iter) if alloc_per_iter else None
    p(f"| zero bytes allocated per iteration (JMH -prof gc) | {fmt(worst) if worst is not None else '–'} B/iteration "
      f"(largest) | {'not measured' if worst is None else ('**met**' if worst < 0.01 else '**missed**')} |")


def b4_section(p, r):
    """B4, the MLP: the engine against numpy per configuration (bench/b4_numpy.py)."""
    e4 = "b4-engine2"
    if not n(r, e4):
        return
    p("## B4: MLP 20 -> 32 tanh -> 10 softmax, 10,000 rows, full batch\n")
    p("| impl | configurations | iterations | seconds | iterations/s | GFLOP/s-eq (6m(dH+HK)/iter) | engine / impl |")
    p("|---|---:|---:|---:|---:|---:|---:|")
    e_ips = med(r, e4, "iters_per_s")
    for impl, tag in (("engine, 2 threads", e4), ("numpy, 2 processes x 1 BLAS thread", "b4-numpy")):
        if not n(r, tag):
            continue
        ips = med(r, tag, "iters_per_s")
        ratio = e_ips / ips if e_ips and ips and tag != e4 else None
        p(f"| {impl} | {r[tag][0]['runs']} | {int(float(r[tag][0]['iterations'])):,} | {spread(r, tag, 'seconds')} | "
          f"{fmt(ips)} | {fmt(med(r, tag, 'gflops'))} | {fmt(ratio) if ratio else ''} |")
    checks = r.get("b4-numpy:check", [])
    if checks:
        p(f"\nnumpy's total iterations within 1% of the engine's: "
          f"{'yes' if all(c['check'] == 'OK' for c in checks) else 'NO'} "
          f"(largest relative difference {max(float(c['rel_diff']) for c in checks):.1e}).")
    p()


if __name__ == "__main__":
    main()
