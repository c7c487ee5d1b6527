"""``infranest history`` and ``infranest diff``: output, JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from design_support import nest
from typer.testing import CliRunner

from infranest.cli import history_cmds

app = typer.Typer()
history_cmds.register(app)
runner = CliRunner()

V1 = """entity Note {
  body: string(200)
  allow all: admin
}
"""
V2 = V1.replace("body: string(200)", "text: string(200)\n  title: string")


def _write(path: Path, body: str) -> Path:
    path.write_text(nest(body), encoding="utf-8")
    return path


def test_save_list_and_diff_saved_versions(tmp_path: Path) -> None:
    spec = _write(tmp_path / "notes.nest", V1)
    saved = runner.invoke(app, ["history", str(spec), "--save", "-m", "first"])
    assert saved.exit_code == 0, saved.output
    _write(spec, V2)
    assert runner.invoke(app, ["history", str(spec), "--save", "-m", "title"]).exit_code == 0
    listed = runner.invoke(app, ["history", str(spec), "--json"])
    data = json.loads(listed.stdout)
    assert [(v["version"], v["message"]) for v in data["versions"]] == [(1, "first"), (2, "title")]
    text = runner.invoke(app, ["history", str(spec)])
    assert "first" in text.stdout
    assert "title" in text.stdout
    result = runner.invoke(app, ["diff", f"{spec}@1", f"{spec}@latest", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    kinds = {c["kind"]: c for c in report["changes"]}
    assert kinds["field-renamed"]["path"] == "entities[Note].fields[text]"
    assert kinds["field-added-required"]["api"] == "breaking"
    assert report["summary"]["breaking"] == 2
    assert set(report["migrations"]) == {"fastapi", "django", "sql"}
    assert any("RENAME COLUMN body TO text" in s["code"] for s in report["migrations"]["sql"])


def test_fail_on_breaking_exits_4(tmp_path: Path) -> None:
    old = _write(tmp_path / "old.nest", V1)
    new = _write(tmp_path / "new.nest", V2)
    result = runner.invoke(app, ["diff", str(old), str(new), "--fail-on-breaking"])
    assert result.exit_code == 4
    assert "field-renamed" in result.stdout
    assert "migration plan: fastapi" in result.stdout
    assert runner.invoke(app, ["diff", str(old), str(new)]).exit_code == 0
    same = runner.invoke(app, ["diff", str(old), str(old), "--fail-on-breaking"])
    assert same.exit_code == 0
    assert "no changes" in same.stdout


def test_target_option_limits_the_plans(tmp_path: Path) -> None:
    old = _write(tmp_path / "old.nest", V1)
    new = _write(tmp_path / "new.nest", V2)
    result = runner.invoke(app, ["diff", str(old), str(new), "--json", "-t", "django"])
    assert set(json.loads(result.stdout)["migrations"]) == {"django"}
    bad = runner.invoke(app, ["diff", str(old), str(new), "-t", "cobol"])
    assert bad.exit_code == 2
    assert "unknown target 'cobol'" in bad.output


def test_errors_name_the_place(tmp_path: Path) -> None:
    spec = _write(tmp_path / "notes.nest", V1)
    missing = runner.invoke(app, ["diff", str(tmp_path / "nope.nest"), str(spec)])
    assert missing.exit_code == 2
    assert "no such file" in missing.output
    no_version = runner.invoke(app, ["diff", f"{spec}@3", str(spec)])
    assert no_version.exit_code == 2
    assert "no saved versions" in no_version.output
    no_message = runner.invoke(app, ["history", str(spec), "--save"])
    assert no_message.exit_code == 2
    assert "needs a message" in no_message.output
    runner.invoke(app, ["history", str(spec), "--save", "-m", "one"])
    again = runner.invoke(app, ["history", str(spec), "--save", "-m", "two"])
    assert again.exit_code == 2
    assert "unchanged since version 1" in again.output
    broken = tmp_path / "broken.nest"
    broken.write_text(nest("entity X {\n  a: nosuchtype\n}\n"), encoding="utf-8")
    invalid = runner.invoke(app, ["diff", str(broken), str(spec)])
    assert invalid.exit_code == 2
    assert "is not a valid spec" in invalid.output
