"""``infranest predict``: text and JSON reports, options, errors."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import typer
from design_support import nest
from typer.testing import CliRunner

from infranest.cli import capacity_cmds
from infranest.design.capacity.model import default_hardware

app = typer.Typer()
capacity_cmds.register(app)
runner = CliRunner()


@app.callback()
def _group() -> None:
    """A group, as in the real app (one command alone would be the app itself)."""


SPEC = """project t {
  auth jwt
  roles admin
  target django
  load rps 40, peak 200, users 500, reads 90%
  growth 8% per month
}

entity Post {
  title: string(120)
  body: text
  filter title
  rows 20000
  allow read, list: anyone
  allow write: admin
}
"""


@pytest.fixture
def spec_file(tmp_path: Path) -> Path:
    path = tmp_path / "blog.nest"
    path.write_text(nest(SPEC), encoding="utf-8")
    return path


def test_json_report(spec_file: Path) -> None:
    result = runner.invoke(app, ["predict", str(spec_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    capacity = data["capacity"]
    assert capacity["rps"] == 40
    assert capacity["read_ratio"] == 0.9
    assert capacity["hardware"]["target"] == "django"  # the spec's target
    ops = {e["operation"]: e for e in capacity["endpoints"]}
    assert ops["list_posts"]["queries"] > ops["get_post"]["queries"]
    assert ops["list_posts"]["notes"] == [
        "filter on title has no index: a filtered list scans Post"
    ]
    assert data["forecast"]["monthly_growth_percent"] == 8.0
    assert data["forecast"]["peak_rps"] == 200


def test_options_override_the_spec(spec_file: Path) -> None:
    result = runner.invoke(
        app, ["predict", str(spec_file), "--json", "--rps", "5", "--growth", "1", "-t", "fastapi"]
    )
    data = json.loads(result.stdout)
    assert data["capacity"]["rps"] == 5
    assert data["capacity"]["hardware"]["target"] == "fastapi"
    assert data["forecast"]["monthly_growth_percent"] == 1.0
    assert data["forecast"]["peak_rps"] == 5


def test_text_report(spec_file: Path) -> None:
    result = runner.invoke(app, ["predict", str(spec_file)])
    assert result.exit_code == 0
    assert "GET /posts" in result.stdout
    assert "bottleneck" in result.stdout
    assert "growth 8.00%/month from a peak of 200 req/s" in result.stdout


def test_hardware_profile_file(spec_file: Path, tmp_path: Path) -> None:
    profile = tmp_path / "hw.json"
    hw = replace(default_hardware("fastapi"), app_cores=32, app_workers=32, name="big")
    profile.write_text(json.dumps(hw.to_json()), encoding="utf-8")
    result = runner.invoke(app, ["predict", str(spec_file), "--json", "--hardware", str(profile)])
    assert json.loads(result.stdout)["capacity"]["hardware"]["name"] == "big"


def test_errors(spec_file: Path, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["predict", str(tmp_path / "none.nest")])
    assert missing.exit_code == 2
    assert "no such file" in missing.output
    bad_target = runner.invoke(app, ["predict", str(spec_file), "-t", "cobol"])
    assert bad_target.exit_code == 2
    assert "unknown target 'cobol'" in bad_target.output
    lonely = runner.invoke(app, ["predict", str(spec_file), "--save-profile", "x.json"])
    assert lonely.exit_code == 2
    assert "needs --calibrate" in lonely.output
    not_project = runner.invoke(app, ["predict", str(spec_file), "--calibrate", str(tmp_path)])
    assert not_project.exit_code == 1
    assert "is not a generated project" in not_project.output
