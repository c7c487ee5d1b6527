"""Golden records: every output of each ``tests/golden/<case>/input.nest``, byte for byte.

Each case folder holds the input and what InfraNest makes of it: ``formatted.nest``,
``spec.json`` (the JSON form), and, once the exporters exist, ``openapi.json`` and
``diagram.mmd``. After an intended change, regenerate them and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/spec/test_golden.py

A new case is a new folder with an ``input.nest``.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from infranest.cli.spec_cmds import ExportFormat, render
from infranest.spec.model import Spec
from infranest.spec.parser import parse
from infranest.spec.validate import validate

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CASES = sorted(p.parent.name for p in GOLDEN.glob("*/input.nest"))
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _exporter(module: str, fmt: ExportFormat) -> Callable[[Spec], str] | None:
    """The CLI's rendering of ``fmt``, or None while its exporter module does not exist."""
    if importlib.util.find_spec(f"infranest.spec.exporters.{module}") is None:
        return None
    return lambda spec: render(spec, fmt, None)


OUTPUTS: dict[str, Callable[[Spec], str] | None] = {
    "formatted.nest": lambda spec: render(spec, ExportFormat.dsl, None),
    "spec.json": lambda spec: render(spec, ExportFormat.json, None),
    "openapi.json": _exporter("openapi", ExportFormat.openapi),
    "diagram.mmd": _exporter("mermaid", ExportFormat.mermaid),
}


def _spec(case: str) -> Spec:
    path = GOLDEN / case / "input.nest"
    return parse(path.read_text(encoding="utf-8"), f"tests/golden/{case}/input.nest")


def test_there_are_cases() -> None:
    assert len(CASES) >= 3


@pytest.mark.parametrize("case", CASES)
def test_inputs_are_valid(case: str) -> None:
    errors = [d.render() for d in validate(_spec(case)) if d.is_error]
    assert errors == []


@pytest.mark.parametrize("output", list(OUTPUTS))
@pytest.mark.parametrize("case", CASES)
def test_golden_output(case: str, output: str) -> None:
    make = OUTPUTS[output]
    if make is None:
        pytest.skip(f"the exporter for {output} does not exist yet")
    produced = make(_spec(case)).encode("utf-8")
    path = GOLDEN / case / output
    if UPDATE:
        path.write_bytes(produced)
        return
    assert path.exists(), f"{path} is missing: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert produced == path.read_bytes(), f"{path} differs: review, then UPDATE_GOLDEN=1"
