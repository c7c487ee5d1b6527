"""Capacity benchmark: predicted against measured throughput, 2 specs × 2 targets.

    .venv/bin/python benchmarks/capacity/run.py [--work /tmp/infranest-capacity]
        [--seconds 2] [--repeats 3] [--only shop-fastapi ...]

For each spec and target it generates the project (once), creates its venv (once, as
``infranest verify`` does), then runs the calibration of ``infranest predict --calibrate``:
seed rows through the API, drive each measured endpoint with closed-loop clients at
1, 4 and 16 concurrent requests, fit the model. Two predictions are compared with the
measured ceilings (the most requests per second at any concurrency):

* in-sample: the model fitted on the same project's measurements;
* cross-spec: the model fitted on the *other* spec of the same target (the honest one:
  none of the predicted endpoint's measurements went into the fit).

Results go to benchmarks/capacity/results/<spec>-<target>.json and results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from infranest.design.capacity.calibrate import Calibration, fit, from_json, measure_project
from infranest.spec.loader import load
from infranest.verify import STEP_NAMES

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SPECS = ("shop", "helpdesk")
TARGETS = ("fastapi", "django")


def prepare(work: Path, spec: str, target: str) -> Path:
    """Generate the project and its venv unless they already exist."""
    out = work / f"{spec}-{target}"
    infranest = str(Path(sys.executable).parent / "infranest")
    if not (out / ".infranest" / "manifest.json").is_file():
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
    if not (out / ".venv" / "bin" / "python").is_file():
        others = [s for s in STEP_NAMES if s != "setup"]
        skip = [a for s in others for a in ("--skip", s)]
        subprocess.run([infranest, "verify", str(out), *skip], check=True)
    return out


def refit(saved: Path) -> Calibration:
    """The saved measurements, fitted again with the current model."""
    data = json.loads(saved.read_text(encoding="utf-8"))
    spec_name = data["project"].split("-")[0]
    spec = load(ROOT / "examples" / f"{spec_name}.nest").spec
    cal = from_json(data, spec)
    hardware = fit(cal.hardware, list(cal.endpoints))
    return Calibration(cal.project, cal.target, hardware, cal.endpoints, cal.rows)


def table(rows: list[tuple[str, str, Calibration, Calibration | None]]) -> str:
    lines = [
        "| project | endpoint | measured req/s | in-sample | error | cross-spec | error |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for spec, target, own, other in rows:
        cross = other.hardware if other is not None else None
        inside = own.compare()
        outside = own.compare(cross) if cross is not None else None
        for i, c in enumerate(inside):
            x = outside[i] if outside is not None else None
            cross_cells = f"{x.predicted_rps:,.0f} | {x.error:+.0%}" if x is not None else "- | -"
            lines.append(
                f"| {spec}-{target} | `{c.path}` | {c.measured_rps:,.0f} | "
                f"{c.predicted_rps:,.0f} | {c.error:+.0%} | {cross_cells} |"
            )
    return "\n".join(lines)


def summary(rows: list[tuple[str, str, Calibration, Calibration | None]]) -> str:
    inside = [abs(c.error) for _, _, own, _ in rows for c in own.compare()]
    outside = [
        abs(c.error)
        for _, _, own, other in rows
        if other is not None
        for c in own.compare(other.hardware)
    ]

    def share(errors: list[float]) -> str:
        if not errors:
            return "-"
        within = sum(1 for e in errors if e <= 0.25)
        mean = sum(errors) / len(errors)
        return f"{within}/{len(errors)} within 25%, mean |error| {mean:.0%}"

    return f"in-sample: {share(inside)}; cross-spec: {share(outside)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/infranest-capacity"))
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument(
        "--refit", action="store_true", help="Fit the saved measurements again; measure nothing."
    )
    args = parser.parse_args()
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    done: dict[tuple[str, str], Calibration] = {}
    for target in TARGETS:
        for spec in SPECS:
            name = f"{spec}-{target}"
            if args.only and name not in args.only:
                continue
            if args.refit:
                cal = refit(results / f"{name}.json")
                done[(spec, target)] = cal
                (results / f"{name}.json").write_text(
                    json.dumps(cal.to_json(), indent=2) + "\n", "utf-8"
                )
                continue
            project = prepare(args.work, spec, target)
            print(f"== {name} ({os.cpu_count()} cores)", flush=True)
            cal = measure_project(
                project,
                seconds=args.seconds,
                repeats=args.repeats,
                on_progress=lambda text: print("  " + text, flush=True),
            )
            done[(spec, target)] = cal
            data = cal.to_json()
            data["project"] = name
            (results / f"{name}.json").write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    rows = []
    for (spec, target), cal in done.items():
        other = next((c for (s, t), c in done.items() if t == target and s != spec), None)
        rows.append((spec, target, cal, other))
    text = table(rows) + "\n\n" + summary(rows) + "\n"
    (results / "results.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
