"""``infranest predict --calibrate`` output: the CPU ceiling (predicted against measured,
and its error) printed first, then the wall clock; the JSON carries both."""

from __future__ import annotations

import io

from design_support import spec_of
from rich.console import Console

from infranest.cli.capacity_cmds import _print_calibration
from infranest.design.capacity.calibrate import Calibration
from infranest.design.capacity.demand import DemandBuilder
from infranest.design.capacity.fitting import EndpointRun
from infranest.design.capacity.loadgen import Measurement
from infranest.design.capacity.model import Hardware

SPEC = """
entity Book {
  title: string(200)
  rows 50
  allow read, list: anyone
}
"""


def _calibration() -> Calibration:
    """Two endpoints: ``list_books`` with the service's CPU time measured, ``health``
    without (its CPU columns say so)."""
    demands = {d.operation: d for d in DemandBuilder(spec_of(SPEC)).all()}
    timed = (
        Measurement(1, 300, 0, 1.0, 3.3, 3.2, 4.0, server_cpu_s=1.1, client_cpu_s=0.1),
        Measurement(4, 1000, 0, 2.0, 5.0, 4.5, 9.0, server_cpu_s=3.1, client_cpu_s=0.4),
    )
    untimed = (Measurement(1, 350, 0, 1.0, 2.9, 2.8, 4.0), Measurement(4, 800, 0, 2.0, 6, 5, 9))
    runs = (
        EndpointRun("list_books", demands["list_books"].path, demands["list_books"], timed),
        EndpointRun("health", demands["health"].path, demands["health"], untimed),
    )
    hardware = Hardware(target="fastapi", app_cores=2, app_workers=1, db_in_process=True)
    return Calibration("shelf", "fastapi", hardware, runs, {"Book": 50})


def _printed(cal: Calibration) -> list[str]:
    out = io.StringIO()
    _print_calibration(cal, Console(file=out, width=250, highlight=False))
    return out.getvalue().splitlines()


def test_the_cpu_ceiling_is_printed_before_the_wall_clock_with_its_error() -> None:
    cal = _calibration()
    lines = _printed(cal)
    header = next(line for line in lines if "endpoint" in line)
    columns = [
        "CPU ms/req predicted",
        "CPU ms/req measured",
        "CPU ceiling predicted",
        "CPU ceiling measured",
        "CPU error",
        "wall req/s predicted",
        "wall req/s measured",
        "wall error",
    ]
    positions = [header.index(name) for name in columns]
    assert positions == sorted(positions)
    timed, untimed = cal.compare()
    assert timed.measured_demand_ms is not None
    assert timed.cpu_error is not None
    row = next(line for line in lines if f" {timed.path} " in line).split()
    expected = [
        f"{timed.predicted_demand_ms:.3f}",
        f"{timed.measured_demand_ms:.3f}",
        f"{timed.predicted_cpu_rps:,.0f}",
        f"{timed.measured_cpu_rps:,.0f}",
        f"{timed.cpu_error:+.0%}",
        f"{timed.predicted_rps:,.0f}",
        f"{timed.measured_rps:,.0f}",
        f"{timed.error:+.0%}",
    ]
    assert [cell for cell in row if cell in expected] == expected
    bare = next(line for line in lines if f" {untimed.path} " in line)
    assert bare.count("not measured") == 3
    assert f"{untimed.error:+.0%}" in bare


def test_the_json_carries_the_cpu_numbers_next_to_the_wall_clock() -> None:
    cal = _calibration()
    timed, untimed = cal.to_json()["comparison"]
    measured = cal.endpoints[0].measured_demand_ms
    assert measured is not None
    assert timed["measured_demand_ms"] == round(measured, 4)
    assert timed["cpu_error"] == round(cal.compare()[0].cpu_error or 0.0, 4)
    assert {"predicted_demand_ms", "predicted_cpu_rps", "measured_cpu_rps"} <= set(timed)
    assert {"predicted_rps", "measured_rps", "error"} <= set(timed)
    assert (untimed["measured_demand_ms"], untimed["cpu_error"]) == (None, None)
