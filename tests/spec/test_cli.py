"""The spec commands through Typer's CliRunner: exit codes, reports, files written or not."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from infranest.cli.app import app
from infranest.spec.formatter import format_spec
from infranest.spec.interchange import to_json
from infranest.spec.parser import parse

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
VALID = (GOLDEN / "shop" / "input.nest").read_text(encoding="utf-8")
MESSY = "entity Tag {\n  allow read: anyone\n  label: string(40)\n}\nproject p { auth none }\n"
BROKEN = "project p {\n  auth jwtt\n}\nentity Tag {\n  label strng\n}\n"
INVALID = "project p {}\nentity Tag {\n  parent: Missing\n}\n"  # parses; the validator objects
JDL = "entity Blog {\n  name String required\n}\nentity Post {\n  title String\n}\n"
JDL += "relationship ManyToOne {\n  Post{blog} to Blog\n}\n"

runner = CliRunner()


def run(*args: str | Path) -> Any:
    return runner.invoke(app, [str(a) for a in args])


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def leftovers(folder: Path) -> list[str]:
    """Temporary files an atomic write could leave behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ---- check --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"), [(VALID, 0), (BROKEN, 1), (INVALID, 1)], ids=["valid", "syntax", "semantic"]
)
def test_check_exit_codes(tmp_path: Path, text: str, code: int) -> None:
    result = run("check", write(tmp_path, "s.nest", text))
    assert result.exit_code == code, result.output


def test_check_reports_errors_with_place_and_caret(tmp_path: Path) -> None:
    result = run("check", write(tmp_path, "s.nest", BROKEN))
    assert result.exit_code == 1
    assert "s.nest:2:8: error: unknown auth method 'jwtt' [unknown-auth-method]" in result.stderr
    assert "    5 |   label strng" in result.stderr
    assert "s.nest: invalid (2 error(s), 0 warning(s))" in result.stderr


def test_check_missing_file_and_bad_option_are_usage_errors(tmp_path: Path) -> None:
    assert run("check", tmp_path / "nope.nest").exit_code == 2
    assert run("check", "--bogus", write(tmp_path, "s.nest", VALID)).exit_code == 2
    assert run("check").exit_code == 2


def test_check_json_report(tmp_path: Path) -> None:
    good, bad = write(tmp_path, "good.nest", VALID), write(tmp_path, "bad.nest", BROKEN)
    result = run("check", "--json", good, bad)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert [(f["file"], f["format"], f["valid"], f["errors"]) for f in report["files"]] == [
        (str(good), "nest", True, 0),
        (str(bad), None, False, 2),
    ]
    for entry in report["files"]:
        assert set(entry) == {"file", "format", "valid", "errors", "warnings", "diagnostics"}
        assert entry["warnings"] == sum(d["level"] == "warning" for d in entry["diagnostics"])
    first = report["files"][1]["diagnostics"][0]
    assert first == {
        "level": "error",
        "code": "unknown-auth-method",
        "message": "unknown auth method 'jwtt'",
        "file": str(bad),
        "line": 2,
        "column": 8,
        "hint": "did you mean 'jwt'? valid: none, jwt, session, oauth2, apikey",
    }


def test_check_json_report_of_valid_files(tmp_path: Path) -> None:
    result = run("check", "--json", write(tmp_path, "s.nest", VALID))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["valid"] is True


# ---- fmt ----------------------------------------------------------------------------------


def test_fmt_rewrites_in_canonical_form(tmp_path: Path) -> None:
    path = write(tmp_path, "s.nest", MESSY)
    result = run("fmt", path)
    assert result.exit_code == 0
    assert path.read_text(encoding="utf-8") == format_spec(parse(MESSY))
    assert f"reformatted {path}" in result.stderr
    assert leftovers(tmp_path) == []
    again = run("fmt", path)
    assert (again.exit_code, "already formatted" in again.stderr) == (0, True)


def test_fmt_check_reports_and_does_not_write(tmp_path: Path) -> None:
    path = write(tmp_path, "s.nest", MESSY)
    before = path.stat().st_mtime_ns
    result = run("fmt", "--check", path)
    assert result.exit_code == 1
    assert f"would reformat {path}" in result.stderr
    assert path.read_text(encoding="utf-8") == MESSY
    assert path.stat().st_mtime_ns == before
    canonical = write(tmp_path, "c.nest", format_spec(parse(MESSY)))
    assert run("fmt", "--check", canonical).exit_code == 0


def test_fmt_leaves_broken_files_alone(tmp_path: Path) -> None:
    path = write(tmp_path, "s.nest", BROKEN)
    result = run("fmt", path)
    assert result.exit_code == 1
    assert "unknown-auth-method" in result.stderr
    assert path.read_text(encoding="utf-8") == BROKEN


def test_fmt_missing_file(tmp_path: Path) -> None:
    assert run("fmt", tmp_path / "nope.nest").exit_code == 2


# ---- import -------------------------------------------------------------------------------


def test_import_prints_nest_text(tmp_path: Path) -> None:
    spec = parse(VALID)
    result = run("import", write(tmp_path, "spec.json", to_json(spec)))
    assert result.exit_code == 0, result.output
    assert result.stdout == format_spec(spec)


def test_import_writes_output_atomically(tmp_path: Path) -> None:
    out = write(tmp_path, "out.nest", "old content\n")
    result = run("import", write(tmp_path, "blog.jdl", JDL), "-o", out)
    assert result.exit_code == 0, result.output
    imported = parse(out.read_text(encoding="utf-8"))
    assert {e.name for e in imported.entities} >= {"Blog", "Post"}
    assert f"wrote {out}" in result.stderr
    assert leftovers(tmp_path) == []


def test_import_json_report(tmp_path: Path) -> None:
    out = tmp_path / "out.nest"
    result = run("import", "--json", write(tmp_path, "blog.jdl", JDL), "-o", out)
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert (report["format"], report["output"]) == ("jdl", str(out))
    assert {"Blog", "Post"} <= set(report["entities"])
    assert isinstance(report["diagnostics"], list)


@pytest.mark.parametrize(
    ("name", "text"),
    [("bad.json", '{"project": '), ("bad.nest", BROKEN), ("bad.yaml", "project: [\n")],
)
def test_import_writes_nothing_on_error(tmp_path: Path, name: str, text: str) -> None:
    out = tmp_path / "out.nest"
    result = run("import", write(tmp_path, name, text), "-o", out)
    assert result.exit_code == 1
    assert not out.exists()
    assert leftovers(tmp_path) == []


def test_interrupted_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = write(tmp_path, "out.nest", "old content\n")

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    result = run("import", write(tmp_path, "blog.jdl", JDL), "-o", out)
    assert result.exit_code != 0
    assert out.read_text(encoding="utf-8") == "old content\n"
    assert leftovers(tmp_path) == []


def test_import_missing_file(tmp_path: Path) -> None:
    assert run("import", tmp_path / "nope.jdl").exit_code == 2


# ---- export -------------------------------------------------------------------------------


def _export(tmp_path: Path, fmt: str, *extra: str | Path) -> Any:
    result = run("export", write(tmp_path, "shop.nest", VALID), "--format", fmt, *extra)
    assert result.exit_code == 0, result.output
    return result


def test_export_dsl_json_yaml_round_trip(tmp_path: Path) -> None:
    spec = parse(VALID)
    assert _export(tmp_path, "dsl").stdout == format_spec(spec)
    for fmt, name in (("json", "s.json"), ("yaml", "s.yaml")):
        text = _export(tmp_path, fmt).stdout
        imported = run("import", write(tmp_path, name, text))
        assert parse(imported.stdout) == spec


def test_export_json_contract(tmp_path: Path) -> None:
    data = json.loads(_export(tmp_path, "json").stdout)
    assert isinstance(data["entities"], list)
    assert data["entities"]
    for entity in data["entities"]:
        assert isinstance(entity["name"], str)
        for field in entity.get("fields", []):
            assert isinstance(field["name"], str)
            assert isinstance(field["type"], str)
            if field["type"] == "relation":
                assert isinstance(field["target"], str)
    assert data["entities"][0]["name"] == "User"


def test_export_jsonschema(tmp_path: Path) -> None:
    schema = json.loads(_export(tmp_path, "jsonschema").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_export_openapi(tmp_path: Path) -> None:
    pytest.importorskip("infranest.spec.exporters.openapi")
    document = json.loads(_export(tmp_path, "openapi").stdout)
    assert document["openapi"].startswith("3.1")
    assert any(path.startswith("/orders") for path in document["paths"])
    out = tmp_path / "api.yaml"
    _export(tmp_path, "openapi", "-o", out)
    assert yaml.safe_load(out.read_text(encoding="utf-8")) == document


def test_export_mermaid(tmp_path: Path) -> None:
    pytest.importorskip("infranest.spec.exporters.mermaid")
    text = _export(tmp_path, "mermaid").stdout
    assert text.startswith("erDiagram")
    assert "Order {" in text


def test_export_to_file(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "shop.json"
    result = _export(tmp_path, "json", "-o", out)
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["project"]["name"] == "shop"
    assert leftovers(out.parent) == []


def test_export_refuses_invalid_specs_and_unknown_formats(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    invalid = run("export", write(tmp_path, "s.nest", INVALID), "--format", "json", "-o", out)
    assert invalid.exit_code == 1
    assert not out.exists()
    assert run("export", write(tmp_path, "v.nest", VALID), "--format", "pdf").exit_code == 2
