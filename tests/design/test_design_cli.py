"""``infranest audit`` and ``infranest explain``: formats, exit codes, --fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from design_support import nest
from typer.testing import CliRunner

from infranest.cli import design_cmds

app = typer.Typer()
design_cmds.register(app)
runner = CliRunner()
SPEC = """entity Key {
  holder: User owner on_delete(cascade)
  api_key: string(64)
  allow all: owner
}
"""
LOW_ONLY = """entity Note {
  author: User owner on_delete(cascade)
  body: string
  timestamps
  allow all: owner
  action personal_data: delete on item by owner idempotent
  action export_data: get on item by owner limit 5/hour per user
}
"""


@pytest.fixture
def spec_file(tmp_path: Path) -> Path:
    path = tmp_path / "keys.nest"
    path.write_text(nest(SPEC), encoding="utf-8")
    return path


def test_text_report_and_exit_1_on_high(spec_file: Path) -> None:
    result = runner.invoke(app, ["audit", str(spec_file)])
    assert result.exit_code == 1
    assert f"{spec_file}:10:3: high: Key.api_key looks like a credential" in result.stdout
    assert "   10 |   api_key: string(64)" in result.stdout


def test_fail_on_threshold(tmp_path: Path) -> None:
    path = tmp_path / "low.nest"
    path.write_text(nest(LOW_ONLY), encoding="utf-8")
    assert runner.invoke(app, ["audit", str(path)]).exit_code == 0
    assert runner.invoke(app, ["audit", str(path), "--fail-on", "low"]).exit_code == 1
    high = runner.invoke(app, ["audit", str(path), "--fail-on", "high"])
    assert high.exit_code == 0


def test_json_format(spec_file: Path) -> None:
    result = runner.invoke(app, ["audit", str(spec_file), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["file"] == str(spec_file)
    assert any(f["rule"] == "SEC011" and f["line"] == 10 for f in data["findings"])


def test_sarif_format(spec_file: Path) -> None:
    result = runner.invoke(app, ["audit", str(spec_file), "--format", "sarif"])
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    assert any(r["ruleId"] == "SEC011" for r in log["runs"][0]["results"])


def test_fix_then_clean(spec_file: Path) -> None:
    result = runner.invoke(app, ["audit", str(spec_file), "--fix", "--format", "json"])
    data = json.loads(result.stdout)
    assert not any(f["fix"] for f in data["findings"])
    assert "fixed SEC011 entities[Key].fields[api_key]: make Key.api_key writeonly" in (
        result.stderr
    )
    assert "api_key: string(64) writeonly" in spec_file.read_text(encoding="utf-8")
    again = runner.invoke(app, ["audit", str(spec_file), "--format", "json"])
    assert json.loads(again.stdout)["findings"] == data["findings"]


def test_fix_other_format_writes_next_to_it(tmp_path: Path, spec_file: Path) -> None:
    from infranest.spec.interchange import to_json
    from infranest.spec.loader import load

    path = tmp_path / "keys.json"
    path.write_text(to_json(load(spec_file).spec), encoding="utf-8")
    result = runner.invoke(app, ["audit", str(path), "--fix"])
    assert (tmp_path / "keys.fixed.nest").exists()
    assert "only .nest files are fixed in place" in result.stderr


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["audit", str(tmp_path / "missing.nest")]).exit_code == 2
    bad = tmp_path / "bad.nest"
    bad.write_text(nest("entity Note {\n  body: strng\n}"), encoding="utf-8")
    assert runner.invoke(app, ["audit", str(bad)]).exit_code == 2
    assert runner.invoke(app, ["audit", str(bad), "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["audit", str(bad), "--fail-on", "never"]).exit_code == 2


def test_explain() -> None:
    result = runner.invoke(app, ["explain", "sec042"])
    assert result.exit_code == 0
    assert result.stdout.startswith("SEC042: Money movement without idempotency")
    assert "What can go wrong" in result.stdout


def test_explain_unknown_rule_suggests() -> None:
    result = runner.invoke(app, ["explain", "SEC01"])
    assert result.exit_code == 2
    assert "unknown rule 'SEC01'" in result.stderr
    assert "did you mean 'SEC001'?" in result.stderr
