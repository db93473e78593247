#!/usr/bin/env python3
"""Where a 1-run sweep's seconds go: `bin/gdsweep run SPEC --timings`, end to end, N times with the
class-data archive and N times without it (GDSWEEP_CDS=0), in turn (A B A B ...), so that drift in the
machine's speed touches both alike. Prints the median of each phase, of the process's wall time (timed
from outside) and of its CPU time, for both, and their ratio. Run from the project root:

    python3 bench/startup.py [--runs 5] [--spec bench/specs/b1-startup.yaml]
"""
import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

PHASE = re.compile(r"^  (.+?)\s+(\d+\.\d+) s(?:\s+[\d.]+%)?$")


def one(spec, out, cds):
    env = dict(os.environ)
    env["GDSWEEP_CDS"] = "1" if cds else "0"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.run(["bin/gdsweep", "run", spec, "--out", out, "--quiet", "--timings"],
                       env=env, capture_output=True, text=True)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"bin/gdsweep run failed ({p.returncode}):\n{p.stderr}")
    phases = {}
    table = p.stdout[p.stdout.index("Time by phase:"):]
    for line in table.splitlines()[1:]:
        m = PHASE.match(line)
        if m and m.group(1) != "total":
            phases[m.group(1)] = phases.get(m.group(1), 0.0) + float(m.group(2))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, phases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--spec", default="bench/specs/b1-startup.yaml")
    args = ap.parse_args()
    if not os.path.exists("target/launcher/gdsweep.jsa"):
        sys.exit("no class-data archive: run `GDSWEEP_CDS=record bin/gdsweep --help` first")
    results = {True: [], False: []}
    with tempfile.TemporaryDirectory(prefix="gdsweep-startup-") as tmp:
        one(args.spec, f"{tmp}/warm", True)  # not counted: the page cache, the first JIT of the launcher
        for i in range(args.runs):
            for cds in (True, False):
                results[cds].append(one(args.spec, f"{tmp}/r{i}-{int(cds)}", cds))
    load = os.getloadavg()[0]
    names = list(results[True][0][2].keys())
    med = lambda xs: statistics.median(xs)
    print(f"`bin/gdsweep run {args.spec} --timings`, {args.runs} runs each, medians "
          f"(load average at the end {load:.1f})\n")
    print("| phase | with the archive, s | without, s | ratio |")
    print("|---|---:|---:|---:|")
    for n in names + ["total (--timings)"]:
        key = (lambda r: sum(r[2].values())) if n.startswith("total") else (lambda r, n=n: r[2].get(n, 0.0))
        a = med([key(r) for r in results[True]])
        b = med([key(r) for r in results[False]])
        print(f"| {n} | {a:.2f} | {b:.2f} | {a / b if b else float('nan'):.2f} |")
    for label, idx in (("wall, timed from outside", 0), ("CPU (user + system)", 1)):
        a = med([r[idx] for r in results[True]])
        b = med([r[idx] for r in results[False]])
        print(f"| **process {label}** | {a:.2f} | {b:.2f} | {a / b:.2f} |")


if __name__ == "__main__":
    main()
