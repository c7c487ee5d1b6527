"""Benchmark the spec toolchain on a 200-entity spec, beside JHipster's JDL parser.

    .venv/bin/python benchmarks/parse/run.py [--entities 200] [--runs 15] [--jdl-runs 30]

Writes the spec it measures (``generated/bench.nest``) and the same entities as JDL
(``generated/bench.jdl``), times parse, validate, format and all three together (median of
``--runs`` runs after a warm-up, ``time.perf_counter``), measures peak memory with
tracemalloc, times the JDL parser in Node (``node/jdl_bench.mjs``, if ``node/node_modules``
is installed: ``npm ci --ignore-scripts`` in ``node/``), and writes the results as markdown
into ``README.md`` between the RESULTS markers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import time
import tracemalloc
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from spec_gen import build_spec, to_jdl, to_nest

from infranest.spec.formatter import format_spec
from infranest.spec.parser import parse
from infranest.spec.validate import validate

HERE = Path(__file__).resolve().parent
GENERATED = HERE / "generated"
NODE = HERE / "node"
README = HERE / "README.md"
BEGIN, END = "<!-- RESULTS:BEGIN -->", "<!-- RESULTS:END -->"


def median_ms(step: Callable[[], object], runs: int, warmup: int = 2) -> tuple[float, float]:
    """Median and minimum milliseconds of ``step`` over ``runs`` runs, after ``warmup``."""
    for _ in range(warmup):
        step()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), min(samples)


def peak_bytes(step: Callable[[], object]) -> int:
    """Peak bytes Python allocates while ``step`` runs (tracemalloc; slows the run)."""
    tracemalloc.start()
    try:
        step()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def measure_ours(text: str, runs: int) -> dict[str, dict[str, float]]:
    spec = parse(text, "bench.nest")  # also compiles the grammar, once per process
    steps: dict[str, Callable[[], object]] = {
        "parse": lambda: parse(text, "bench.nest"),
        "validate": lambda: validate(spec),
        "format": lambda: format_spec(spec),
        "parse + validate + format": lambda: format_spec(_checked(parse(text, "bench.nest"))),
    }
    results = {}
    for name, step in steps.items():
        median, fastest = median_ms(step, runs)
        results[name] = {"median_ms": median, "min_ms": fastest, "peak_bytes": peak_bytes(step)}
    return results


def _checked(spec: Any) -> Any:
    errors = [d for d in validate(spec) if d.is_error]
    if errors:
        raise SystemExit(f"the benchmark spec is invalid: {errors[0].render()}")
    return spec


def measure_jdl(jdl: Path, runs: int) -> dict[str, Any] | str:
    """The Node benchmark's JSON report, or why it could not run."""
    node = shutil.which("node")
    if node is None:
        return "node is not installed"
    if not (NODE / "node_modules" / "generator-jhipster").is_dir():
        return "generator-jhipster is not installed: run `npm ci --ignore-scripts` in node/"
    command = [node, str(NODE / "jdl_bench.mjs"), str(jdl), str(runs), "3"]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    if done.returncode != 0:
        return f"the JDL benchmark failed: {done.stderr.strip().splitlines()[-1:]}"
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def machine() -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            ln.split(":", 1)[1].strip()
            for ln in cpuinfo.read_text().splitlines()
            if ln.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    node = (
        subprocess.run(
            ["node", "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if shutil.which("node")
        else "none"
    )
    return [
        ("CPU", f"{cpu} ({os.cpu_count()} logical cores)"),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("lark", metadata.version("lark")),
        ("pydantic", metadata.version("pydantic")),
        ("Node", node),
        ("Load average during the run (1, 5, 15 min)", load),
    ]


def table(rows: list[list[str]]) -> str:
    head, *body = rows
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in body])


def _mib(value: float) -> str:
    return f"{value / 2**20:.1f} MiB" if value >= 2**20 else f"{value / 2**10:.0f} KiB"


def report(
    ours: dict[str, dict[str, float]],
    jdl: dict[str, Any] | str,
    sizes: dict[str, int],
    runs: int,
    load: list[tuple[str, str]],
) -> str:
    rows = [["Step", "Median", "Min", "Peak memory (tracemalloc)"]]
    rows += [
        [
            f"InfraNest {name}",
            f"{r['median_ms']:.0f} ms",
            f"{r['min_ms']:.0f} ms",
            _mib(r["peak_bytes"]),
        ]
        for name, r in ours.items()
    ]
    if isinstance(jdl, dict):
        rows += [
            [
                f"JHipster JDL {label} ({jdl['jhipster']})",
                f"{jdl[key]['median_ms']:.0f} ms",
                f"{jdl[key]['min_ms']:.0f} ms",
                "n/a",
            ]
            for key, label in (("parse", "parse"), ("parse_validate", "parse + validate"))
        ]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    jdl_runs = jdl["parse"]["runs"] if isinstance(jdl, dict) else 0
    parts = [
        f"Measured {when}: {sizes['entities']} entities, {sizes['fields']} fields, "
        f"{sizes['nest_lines']} lines of `.nest` ({sizes['nest_bytes'] // 1024} KiB) and "
        f"{sizes['jdl_lines']} lines of JDL; median of {runs} runs (JDL: {jdl_runs}) after "
        "warm-up runs.",
        "",
        table(rows),
        "",
        f"Peak resident memory of the whole process: Python {_mib(rss)}"
        + (f", Node {_mib(jdl['max_rss_bytes'])}." if isinstance(jdl, dict) else "."),
    ]
    if isinstance(jdl, str):
        parts += ["", f"JDL parser not measured: {jdl}."]
    parts += ["", table([["Machine", ""], *[[k, v] for k, v in load]])]
    return "\n".join(parts)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--entities", type=int, default=200)
    options.add_argument("--runs", type=int, default=15)
    options.add_argument("--jdl-runs", type=int, default=30)
    options.add_argument("--no-readme", action="store_true", help="print, do not write README")
    args = options.parse_args()
    spec = build_spec(args.entities)
    text, jdl_text = to_nest(spec), to_jdl(spec)
    GENERATED.mkdir(exist_ok=True)
    (GENERATED / "bench.nest").write_text(text, encoding="utf-8")
    jdl_path = GENERATED / "bench.jdl"
    jdl_path.write_text(jdl_text, encoding="utf-8")
    sizes = {
        "entities": args.entities,
        "fields": sum(len(e.fields) for e in spec.entities if not e.builtin),
        "nest_lines": text.count("\n"),
        "nest_bytes": len(text.encode()),
        "jdl_lines": jdl_text.count("\n"),
    }
    ours = measure_ours(text, args.runs)
    jdl = measure_jdl(jdl_path, args.jdl_runs)
    results = report(ours, jdl, sizes, args.runs, machine())
    if args.no_readme:
        print(results)
        return
    readme = README.read_text(encoding="utf-8")
    before, rest = readme.split(BEGIN, 1)
    after = rest.split(END, 1)[1]
    README.write_text(f"{before}{BEGIN}\n{results}\n{END}{after}", encoding="utf-8")
    print(results)


if __name__ == "__main__":
    main()
