"""``infranest predict``: capacity per endpoint, growth forecast, optional calibration."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from infranest.cli.output import fail, say, valid_spec
from infranest.design.capacity.model import (
    FRAMEWORK_REQUEST_MS,
    Hardware,
    default_hardware,
    load_hardware,
)
from infranest.spec.model import Spec

if TYPE_CHECKING:  # the modelling modules load SciPy: imported when a command runs
    from infranest.design.capacity.calibrate import Calibration
    from infranest.design.capacity.forecast import Forecast
    from infranest.design.capacity.predict import CapacityReport

EXIT_CALIBRATION = 1
EXIT_USAGE = 2


def register(app: typer.Typer) -> None:
    app.command("predict")(predict_cmd)


def _hardware(spec: Spec, target: str | None, profile: Path | None) -> Hardware:
    if profile is not None:
        try:
            return load_hardware(profile)
        except ValueError as exc:
            raise fail(str(exc)) from None
    name = target or spec.project.target or "fastapi"
    if name not in FRAMEWORK_REQUEST_MS:
        raise fail(f"unknown target {name!r}; valid: {', '.join(FRAMEWORK_REQUEST_MS)}")
    return default_hardware(name)


def _ms(value: float) -> str:
    return "saturated" if not math.isfinite(value) else f"{value:.1f}"


def _print_report(report: CapacityReport, result: Forecast, console: Console) -> None:
    hw = report.hardware
    console.print(
        f"hardware {hw.name}: {hw.app_workers} worker(s) on {hw.app_cores} core(s), "
        f"database {'in process' if hw.db_in_process else f'{hw.db_cores} core(s)'}, "
        f"σ={hw.sigma:.3g} κ={hw.kappa:.3g}"
    )
    console.print(f"load {report.rps:g} req/s, {report.read_ratio:.0%} reads")
    table = Table("endpoint", "queries", "ceiling req/s", "bottleneck", "p50 ms", "p95 ms")
    for e in report.endpoints:
        d = e.demand
        table.add_row(
            escape(f"{d.method} {d.path}"),
            f"{d.query_count:.2g}",
            f"{e.ceiling_rps:,.0f}",
            e.bottleneck,
            _ms(e.p50_ms),
            _ms(e.p95_ms),
        )
    console.print(table)
    notes = sorted({n for e in report.endpoints for n in e.demand.notes})
    for note in notes:
        console.print(f"  note: {escape(note)}")
    used = ", ".join(f"{r} {u:.0%}" for r, u in report.utilisation.items())
    console.print(
        f"mix ceiling {report.mix_ceiling_rps:,.0f} req/s, bottleneck {report.bottleneck}; "
        f"utilisation at {report.rps:g} req/s: {used}"
    )
    growth = (result.monthly_growth - 1) * 100
    console.print(f"\ngrowth {growth:.2f}%/month from a peak of {result.peak_rps:g} req/s")
    for resource, month in result.saturation.items():
        when = "not within the horizon" if month is None else f"month {month}"
        console.print(f"  {resource} saturates (80%): {when}")
    for step in result.steps:
        console.print(f"  month {step.month}: {step.change} ({escape(step.reason)})")
        console.print(f"    effect: {escape(step.effect)}")


def _optional(value: float | None, form: str) -> str:
    return "not measured" if value is None else format(value, form)


def _print_calibration(cal: Calibration, console: Console) -> None:
    """Per endpoint, the CPU ceiling ``c / D`` (what the model predicts; a shared machine
    barely disturbs its measurement) first, then the wall-clock ceiling."""
    table = Table(
        "endpoint",
        "CPU ms/req predicted",
        "CPU ms/req measured",
        "CPU ceiling predicted",
        "CPU ceiling measured",
        "CPU error",
        "wall req/s predicted",
        "wall req/s measured",
        "wall error",
        title=f"calibration: {cal.project} (ceilings in req/s)",
    )
    for c in cal.compare():
        table.add_row(
            escape(c.path),
            f"{c.predicted_demand_ms:.3f}",
            _optional(c.measured_demand_ms, ".3f"),
            f"{c.predicted_cpu_rps:,.0f}",
            _optional(c.measured_cpu_rps, ",.0f"),
            _optional(c.cpu_error, "+.0%"),
            f"{c.predicted_rps:,.0f}",
            f"{c.measured_rps:,.0f}",
            f"{c.error:+.0%}",
        )
    console.print(table)
    costs = cal.hardware.costs
    console.print(
        f"fitted: {costs.request_ms:.2f} ms/request, {costs.query_app_ms:.2f} ms/query, "
        f"{costs.row_app_us:.0f} µs/row, overhead {cal.hardware.rtt_ms:.2f} ms, "
        f"σ={cal.hardware.sigma:.3g}, κ={cal.hardware.kappa:.3g}"
    )


def _calibrate(project: Path) -> Calibration:
    from infranest.design.capacity.calibrate import CalibrationError, measure_project
    from infranest.verify.server import NotHealthyError

    try:
        return measure_project(project, on_progress=lambda text: say(escape(text)))
    except (CalibrationError, NotHealthyError, OSError) as exc:
        raise fail(f"calibration of {project} failed: {exc}", EXIT_CALIBRATION) from None


def predict_cmd(
    spec_file: Annotated[Path, typer.Argument(metavar="SPEC", help="Any input `import` accepts.")],
    rps: Annotated[
        float | None, typer.Option("--rps", min=0, help="Load in requests/s (default: the spec's).")
    ] = None,
    growth: Annotated[
        float | None,
        typer.Option("--growth", help="Growth in percent per month (default: the spec's)."),
    ] = None,
    calibrate: Annotated[
        Path | None,
        typer.Option("--calibrate", metavar="DIR", help="Measure this generated project and fit."),
    ] = None,
    hardware_file: Annotated[
        Path | None, typer.Option("--hardware", help="A hardware profile (JSON) to predict on.")
    ] = None,
    save_profile: Annotated[
        Path | None, typer.Option("--save-profile", help="Write the calibrated profile here.")
    ] = None,
    target: Annotated[
        str | None, typer.Option("--target", "-t", help="Framework costs to use.")
    ] = None,
    horizon: Annotated[int, typer.Option("--horizon", min=1, help="Months to forecast.")] = 36,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON report on stdout.")] = False,
) -> None:
    """Predict each endpoint's throughput ceiling, latency at a load and bottleneck, and
    when growth saturates each resource. Exit 0, 1 when calibration fails, 2 on bad usage."""
    from infranest.design.capacity.forecast import forecast
    from infranest.design.capacity.predict import predict

    spec = valid_spec(spec_file)
    if save_profile is not None and calibrate is None:
        raise fail("--save-profile needs --calibrate DIR")
    if calibrate is not None and hardware_file is not None:
        raise fail("use --calibrate or --hardware, not both")
    cal = _calibrate(calibrate) if calibrate is not None else None
    hardware = cal.hardware if cal is not None else _hardware(spec, target, hardware_file)
    report = predict(spec, hardware, rps=rps)
    result = forecast(spec, hardware, rps=rps, growth_percent=growth, horizon=horizon)
    if cal is not None and save_profile is not None:
        save_profile.write_text(json.dumps(cal.to_json(), indent=2) + "\n", encoding="utf-8")
    if as_json:
        data: dict[str, Any] = {
            "spec": str(spec_file),
            "capacity": report.to_json(),
            "forecast": result.to_json(),
        }
        if cal is not None:
            data["calibration"] = cal.to_json()
        typer.echo(json.dumps(data, indent=2))
        return
    console = Console(highlight=False, soft_wrap=True)
    if cal is not None:
        _print_calibration(cal, console)
    _print_report(report, result, console)
