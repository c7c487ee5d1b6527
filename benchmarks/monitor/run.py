"""Drift benchmark: 10 numeric + 5 categorical columns with drifts injected in known columns.

    .venv/bin/python benchmarks/monitor/run.py [--rows 100000 1000000] [--modes auto ks+chi2 psi]
        [--workers 1 2] [--repeat 3] [--io]

Each size runs in a fresh subprocess that generates reference and current tables of N rows
each, times ``compare`` (best of --repeat), then measures its peak traced memory (tracemalloc,
separate run: tracing slows NumPy down) and reports the process's maximum RSS.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from datagen import SHOULD_FLAG, make_tables, write_parquet

from infranest.monitor.analysis import DriftOptions, compare
from infranest.monitor.data import read_table
from infranest.monitor.stats.drift import Method

OPTIONS = {
    "auto": DriftOptions(),
    "ks+chi2": DriftOptions(numeric_method=Method.ks, categorical_method=Method.chi2),
    "psi": DriftOptions(numeric_method=Method.psi, categorical_method=Method.psi),
}


def child(n: int, repeat: int, mode: str, workers: int) -> dict[str, Any]:
    ref, cur = make_tables(n)
    options = OPTIONS[mode]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        report = compare(ref, cur, options=options, workers=workers)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    compare(ref, cur, options=options, workers=workers)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    flagged = set(report.drifted_columns)
    return {
        "rows": n,
        "mode": mode,
        "seconds": min(times),
        "peak_mib": peak / 2**20,
        "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "caught": sorted(SHOULD_FLAG & flagged),
        "missed": sorted(SHOULD_FLAG - flagged),
        "false_alarms": sorted(flagged - SHOULD_FLAG),
        "dataset_drift": report.drifted,
        "drifted_share": report.drifted_share,
    }


def io_child(n: int) -> dict[str, Any]:
    """End to end from Parquet files: read both (pyarrow) and compare (auto tests, 1 thread)."""
    ref, cur = make_tables(n)
    with tempfile.TemporaryDirectory() as tmp:
        rp, cp = Path(tmp) / "ref.parquet", Path(tmp) / "cur.parquet"
        write_parquet(ref, rp)
        write_parquet(cur, cp)
        del ref, cur
        start = time.perf_counter()
        r = read_table(rp)
        c = read_table(cp, list(r))
        read = time.perf_counter() - start
        report = compare(r, c)
        total = time.perf_counter() - start
    return {"rows": n, "read_s": read, "total_s": total, "drifted": list(report.drifted_columns)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--modes", nargs="+", default=list(OPTIONS), choices=list(OPTIONS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--io", action="store_true", help="Also time reading Parquet files.")
    parser.add_argument("--io-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.io_child:
        print(json.dumps(io_child(args.rows[0])))
        return
    if args.child:
        print(json.dumps(child(args.rows[0], args.repeat, args.modes[0], args.workers[0])))
        return
    print(
        "| rows (each side) | tests | threads | time (s) | peak traced (MiB) | max RSS (MiB) "
        "| caught | missed | false alarms |"
    )
    print("|---:|---|---:|---:|---:|---:|---|---|---|")
    for n in args.rows:
        for mode in args.modes:
            for workers in args.workers:
                _row(n, mode, workers, args.repeat)
    if args.io:
        print("\n| rows (each side) | read 2 Parquet files (s) | read + compare (s) |")
        print("|---:|---:|---:|")
        for n in args.rows:
            cmd = [sys.executable, __file__, "--io-child", "--rows", str(n)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            r = json.loads(out)
            print(f"| {n:,} | {r['read_s']:.3f} | {r['total_s']:.3f} |", flush=True)


def _row(n: int, mode: str, workers: int, repeat: int) -> None:
    cmd = [sys.executable, __file__, "--child", "--rows", str(n), "--modes", mode]
    cmd += ["--repeat", str(repeat), "--workers", str(workers)]
    r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    print(
        f"| {n:,} | {mode} | {workers} | {r['seconds']:.3f} | {r['peak_mib']:.0f} "
        f"| {r['maxrss_mib']:.0f} | {', '.join(r['caught'])} "
        f"| {', '.join(r['missed']) or '-'} | {', '.join(r['false_alarms']) or '-'} |",
        flush=True,
    )


if __name__ == "__main__":
    main()
