"""Calibration against a real generated FastAPI service (a venv from PyPI: slow)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from infranest.design.capacity.calibrate import measure_project
from infranest.design.capacity.seeding import SEED_ROWS
from infranest.generate import generate
from infranest.spec.parser import parse
from infranest.verify import STEP_NAMES, Options, verify

pytestmark = pytest.mark.slow

SPEC = """project notes {
  auth jwt
  roles admin
}

entity Note {
  title: string(80)
  body: text optional
  allow read, list: anyone
  allow write: admin
}
"""


def test_calibrate_a_generated_service(tmp_path: Path) -> None:
    root = tmp_path / "notes"
    generate(parse(SPEC, "notes.nest"), "fastapi", root)
    only_setup = frozenset(STEP_NAMES) - {"setup"}
    setup = verify(root, Options(skip=only_setup))
    assert setup.step("setup").status == "passed", setup.to_json()
    cal = measure_project(root, levels=(1, 2, 4), seconds=0.5, repeats=1)
    assert cal.rows == {"Note": SEED_ROWS}
    assert [e.operation for e in cal.endpoints] == [
        "health",
        "auth_me",
        "list_notes",
        "get_note",
    ]
    assert cal.endpoints[2].path == "/notes?size=100"  # the largest page
    for run in cal.endpoints:
        assert all(m.errors == 0 for m in run.runs), run.operation
        assert run.measured_ceiling > 0
        demand = run.measured_demand_ms
        assert demand is not None
        assert demand > 0  # the service's CPU time per request, read from /proc
    costs = cal.hardware.costs
    assert costs.request_ms > 0
    assert costs.query_app_ms >= 0
    assert costs.row_app_us >= 0
    assert 0 <= cal.hardware.sigma <= 1
    for comparison in cal.compare():
        assert math.isfinite(comparison.error)
        assert comparison.predicted_rps > 0
        assert comparison.cpu_error is not None
        assert math.isfinite(comparison.cpu_error)
    assert cal.to_json()["comparison"][0]["operation"] == "health"
