"""Capacity benchmark: predicted against measured throughput, 3 specs × 2 targets.

    .venv/bin/python benchmarks/capacity/run.py [--work /tmp/infranest-capacity]
        [--seconds 2] [--repeats 3] [--only shop-fastapi ...]

For each spec and target it generates the project (each run), sets up its venv (as
``infranest verify`` does; skipped when its requirements did not change), then runs the
calibration of ``infranest predict --calibrate``: seed rows through the API, drive each
measured endpoint with closed-loop clients at 1, 4 and 16 concurrent requests, fit the
model. Two predictions are compared with the measured ceilings (the most requests per
second at any concurrency) and CPU time per request:

* in-sample: the model fitted on the same project's measurements;
* cross-spec: the model fitted on the *other* specs of the same target (the honest one:
  none of the predicted endpoint's measurements went into the fit).

Results go to benchmarks/capacity/results/<spec>-<target>.json and results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from infranest.design.capacity.calibrate import Calibration, from_json, measure_project
from infranest.design.capacity.fitting import EndpointRun, fit
from infranest.spec.loader import load
from infranest.verify import STEP_NAMES

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SPECS = ("shop", "helpdesk")
TARGETS = ("fastapi", "django")


def prepare(work: Path, spec: str, target: str) -> Path:
    """Generate the project (every run: a project left by an older generator would be
    measured otherwise) and make sure its venv is set up for its requirements."""
    out = work / f"{spec}-{target}"
    infranest = str(Path(sys.executable).parent / "infranest")
    subprocess.run(
        [
            infranest,
            "generate",
            str(ROOT / "examples" / f"{spec}.nest"),
            "--target",
            target,
            "-o",
            str(out),
            "--force",
        ],
        check=True,
    )
    venv = out / ".venv"
    if venv.is_symlink():
        venv.unlink()
    owner = _same_requirements(work, out, target) if not venv.exists() else None
    if owner is not None:
        _setup(infranest, owner)  # quick when its requirements did not change
        venv.symlink_to(owner / ".venv")
    else:
        _setup(infranest, out)
    return out


def _setup(infranest: str, project: Path) -> None:
    """``infranest verify``'s setup step alone: it installs the project's requirements into
    its venv, and skips when they did not change since the last setup."""
    others = [s for s in STEP_NAMES if s != "setup"]
    skip = [a for s in others for a in ("--skip", s)]
    subprocess.run([infranest, "verify", str(project), *skip], check=True)


def _same_requirements(work: Path, out: Path, target: str) -> Path | None:
    """Another project of ``target`` whose venv was made from the same requirements
    (the generators pin the same packages for every spec): its venv can be shared."""

    def requirements(root: Path) -> list[str]:
        files = ("requirements.txt", "requirements-dev.txt")
        return [(root / name).read_text(encoding="utf-8") for name in files]

    wanted = requirements(out)
    for other in sorted(work.glob(f"*-{target}")):
        venv = other / ".venv"
        if other == out or venv.is_symlink() or not (venv / "bin" / "python").is_file():
            continue
        if requirements(other) == wanted:
            return other
    return None


def refit(saved: Path) -> Calibration:
    """The saved measurements, fitted again with the current model."""
    data = json.loads(saved.read_text(encoding="utf-8"))
    spec_name = data["project"].split("-")[0]
    spec = load(ROOT / "examples" / f"{spec_name}.nest").spec
    cal = from_json(data, spec)
    hardware = fit(cal.hardware, list(cal.endpoints))
    return Calibration(cal.project, cal.target, hardware, cal.endpoints, cal.rows)


Row = tuple[str, str, Calibration, Calibration | None]


def cross(spec: str, target: str, done: dict[tuple[str, str], Calibration]) -> Calibration | None:
    """The calibration of the *other* specs with ``target`` pooled and fitted again: none
    of ``spec``'s measurements go into it (leave one spec out)."""
    others = [c for (s, t), c in done.items() if t == target and s != spec]
    if not others:
        return None
    runs = [e for c in others for e in c.endpoints]
    hardware = fit(others[0].hardware, runs)
    names = "+".join(s for (s, t) in done if t == target and s != spec)
    return Calibration(f"{names}-{target}", target, hardware, tuple(runs), {})


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:+.0%}"


def _rps(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _cores(e: EndpointRun) -> str:
    """CPU the service got in its fastest run: throughput × CPU time per request."""
    best = max(e.runs, key=lambda m: m.throughput)
    return "-" if best.server_ms is None else f"{best.throughput * best.server_ms / 1000:.2f}"


def table(rows: list[Row]) -> str:
    """Per endpoint: the CPU ceiling ``c / D`` measured and predicted (in-sample and
    cross-spec); the wall-clock ceiling measured, the cores the service got in that run,
    and the cross-spec model's wall-clock ``X(N)`` (dedicated cores) against it."""
    lines = [
        "| project | endpoint | CPU ms/req | CPU ceiling req/s | in-sample | error "
        "| cross-spec | error | wall-clock req/s | cores got | cross-spec X(N) | error |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for spec, target, own, other in rows:
        inside = own.compare()
        outside = own.compare(other.hardware, other.client_ms) if other is not None else None
        for i, c in enumerate(inside):
            x = outside[i] if outside is not None else None
            demand = "-" if c.measured_demand_ms is None else f"{c.measured_demand_ms:.2f}"
            lines.append(
                f"| {spec}-{target} | `{c.path}` | {demand} | {_rps(c.measured_cpu_rps)} "
                f"| {_rps(c.predicted_cpu_rps)} | {_pct(c.cpu_error)} "
                f"| {_rps(x.predicted_cpu_rps if x else None)} "
                f"| {_pct(x.cpu_error if x else None)} "
                f"| {_rps(c.measured_rps)} | {_cores(own.endpoints[i])} "
                f"| {_rps(x.predicted_rps if x else None)} | {_pct(x.error if x else None)} |"
            )
    return "\n".join(lines)


def _share(errors: list[float]) -> str:
    if not errors:
        return "-"
    within = sum(1 for e in errors if abs(e) <= 0.25)
    mean = sum(abs(e) for e in errors) / len(errors)
    worst = max(abs(e) for e in errors)
    return f"{within}/{len(errors)} within 25% (mean |error| {mean:.0%}, worst {worst:.0%})"


def summary(rows: list[Row]) -> str:
    inside = [c for _, _, own, _ in rows for c in own.compare()]
    outside = [
        c
        for _, _, own, other in rows
        if other is not None
        for c in own.compare(other.hardware, other.client_ms)
    ]
    cpu_in = [c.cpu_error for c in inside if c.cpu_error is not None]
    cpu_out = [c.cpu_error for c in outside if c.cpu_error is not None]
    return (
        f"CPU ceiling (c / D), in-sample: {_share(cpu_in)}; "
        f"cross-spec: {_share(cpu_out)}\n"
        f"wall-clock ceiling, in-sample: {_share([c.error for c in inside])}; "
        f"cross-spec: {_share([c.error for c in outside])}"
    )


def profiles(done: dict[tuple[str, str], Calibration]) -> str:
    """The fitted costs of each project (in-sample) as a table."""
    lines = [
        "| project | request ms | auth ms | query ms | row µs | load generator ms | σ | κ |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for (spec, target), cal in done.items():
        c, hw = cal.hardware.costs, cal.hardware
        lines.append(
            f"| {spec}-{target} | {c.request_ms:.2f} | {c.auth_ms:.2f} | {c.query_app_ms:.2f} "
            f"| {c.row_app_us:.0f} | {cal.client_ms:.2f} "
            f"| {hw.sigma:.3g} | {hw.kappa:.3g} |"
        )
    return "\n".join(lines)


def _repeat_median_demand(levels: list[dict[str, Any]]) -> float:
    """CPU ms per request as an older run kept it: per level the median of the repeats,
    then the least over the levels with more than one client."""
    busy = [m for m in levels if m["clients"] > 1] or levels
    return min(float(statistics.median(m.get("server_ms_runs") or [m["server_ms"]])) for m in busy)


def reproducibility(first: Path, second: Path) -> str:
    """The same endpoints measured in two runs: CPU time per request and wall-clock
    ceiling, and how much each moved."""
    lines = [
        "| project | endpoint | CPU ms, first | second | change | req/s, first | second | change |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    cpu: list[float] = []
    wall: list[float] = []
    for path in sorted(first.glob("*-*.json")):
        if not (second / path.name).is_file():
            continue
        a = json.loads(path.read_text(encoding="utf-8"))["measurements"]
        b = json.loads((second / path.name).read_text(encoding="utf-8"))["measurements"]
        for op in (op for op in a if op in b):
            da, db = _repeat_median_demand(a[op]), _repeat_median_demand(b[op])
            xa, xb = max(m["rps"] for m in a[op]), max(m["rps"] for m in b[op])
            cpu.append(db / da - 1)
            wall.append(xb / xa - 1)
            lines.append(
                f"| {path.stem} | `{a[op][0]['path']}` | {da:.2f} | {db:.2f} | {cpu[-1]:+.0%} "
                f"| {xa:,.0f} | {xb:,.0f} | {wall[-1]:+.0%} |"
            )

    def moved(changes: list[float]) -> str:
        sizes = [abs(c) for c in changes]
        within = sum(1 for c in sizes if c <= 0.1)
        return (
            f"median |change| {statistics.median(sizes):.0%}, largest {max(sizes):.0%}, "
            f"{within}/{len(sizes)} within 10%"
        )

    return "\n".join(lines) + f"\n\nCPU time: {moved(cpu)}; wall clock: {moved(wall)}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/infranest-capacity"))
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--specs", nargs="*", default=list(SPECS))
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument(
        "--refit", action="store_true", help="Fit the saved measurements again; measure nothing."
    )
    parser.add_argument(
        "--against",
        type=Path,
        default=None,
        help="Only compare the measurements in --results with those of an earlier run here.",
    )
    args = parser.parse_args()
    results: Path = args.results
    results.mkdir(exist_ok=True)
    if args.against is not None:
        print(reproducibility(args.against, results))
        return
    done: dict[tuple[str, str], Calibration] = {}
    for target in TARGETS:
        for spec in args.specs:
            name = f"{spec}-{target}"
            if args.only and name not in args.only:
                continue
            if args.refit:
                saved = json.loads((results / f"{name}.json").read_text(encoding="utf-8"))
                cal = refit(results / f"{name}.json")
                done[(spec, target)] = cal
                data = {**cal.to_json(), "machine": saved.get("machine")}
                (results / f"{name}.json").write_text(json.dumps(data, indent=2) + "\n", "utf-8")
                continue
            project = prepare(args.work, spec, target)
            print(f"== {name} ({os.cpu_count()} cores, load {os.getloadavg()})", flush=True)
            began = (time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), os.getloadavg())
            cal = measure_project(
                project,
                seconds=args.seconds,
                repeats=args.repeats,
                on_progress=lambda text: print("  " + text, flush=True),
            )
            done[(spec, target)] = cal
            data = cal.to_json()
            data["project"] = name
            data["machine"] = {
                "cores": os.cpu_count(),
                "started": began[0],
                "load_average_at_start": [round(x, 2) for x in began[1]],
                "ended": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
                "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
            }
            (results / f"{name}.json").write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    rows = [(spec, target, cal, cross(spec, target, done)) for (spec, target), cal in done.items()]
    text = table(rows) + "\n\n" + summary(rows) + "\n\n" + profiles(done) + "\n"
    (results / "results.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
