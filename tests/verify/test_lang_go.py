"""verify's Go steps: parsing go test/vet/gofmt/gosec output, coverage, setup without Go."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infranest.verify.lang import go, language
from infranest.verify.project import Options, Project


def test_the_language_is_registered() -> None:
    found = language("go")
    assert found.name == "go"
    assert found.config_file == "infranest.toml"
    assert "go.mod" in found.required


def test_test_events_count_and_report_failures() -> None:
    events = [
        {"Action": "run", "Package": "p", "Test": "TestA"},
        {"Action": "pass", "Package": "p", "Test": "TestA"},
        {"Action": "output", "Package": "p", "Test": "TestB", "Output": "boom\n"},
        {"Action": "fail", "Package": "p", "Test": "TestB"},
        {"Action": "skip", "Package": "p", "Test": "TestC"},
        {"Action": "fail", "Package": "q"},
    ]
    lines = [json.dumps(e) for e in events] + ["# not json"]
    counts, findings, text = go.test_events(lines)
    assert counts == {"passed": 1, "failed": 1, "skipped": 1}
    assert findings[0].location == "p.TestB"
    assert "boom" in findings[0].message
    assert findings[1].location == "q"
    assert findings[1].code == "build"
    assert "# not json" in text


def test_coverage_merges_blocks_across_binaries(tmp_path: Path) -> None:
    profile = tmp_path / "coverage.out"
    profile.write_text(
        "mode: set\n"
        "m/a.go:1.1,2.2 3 0\n"
        "m/a.go:3.1,4.2 1 1\n"
        "m/a.go:1.1,2.2 3 1\n"
        "m/b.go:1.1,2.2 4 0\n"
        "garbage\n",
        encoding="utf-8",
    )
    percent = go.coverage_percent(profile)
    assert percent == pytest.approx(50.0)
    assert go.coverage_percent(tmp_path / "missing.out") is None
    empty = tmp_path / "empty.out"
    empty.write_text("mode: set\n", encoding="utf-8")
    assert go.coverage_percent(empty) is None


def test_lint_findings() -> None:
    vet = "# shop/internal/x\ninternal/x/y.go:12:3: unreachable code\nvet: ./a.go:4: bad\n"
    found = go.vet_findings(vet)
    assert [f.location for f in found] == ["internal/x/y.go:12", "a.go:4"]
    assert found[0].message == "unreachable code"
    assert [f.location for f in go.gofmt_findings("a.go\nb/c.go\n\n")] == ["a.go:1", "b/c.go:1"]


def test_gosec_findings_are_sorted_by_severity(tmp_path: Path) -> None:
    issues = [
        {"severity": "LOW", "file": str(tmp_path / "a.go"), "line": "3", "rule_id": "G1"},
        {"severity": "HIGH", "file": str(tmp_path / "b.go"), "line": "9", "rule_id": "G2"},
        {"severity": "ODD", "file": "/elsewhere/c.go", "line": "1", "rule_id": "G3"},
    ]
    found = go.gosec_findings(tmp_path, issues)
    assert [f.severity for f in found] == ["HIGH", "LOW", "LOW"]
    assert found[0].location == "b.go:9"
    assert found[0].code == "G2"
    assert [f.location for f in found[1:]] == ["/elsewhere/c.go:1", "a.go:3"]


def test_sources_and_commands(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module m\n", encoding="utf-8")
    (tmp_path / "cmd" / "server").mkdir(parents=True)
    (tmp_path / "cmd" / "server" / "main.go").write_text("package main\n", encoding="utf-8")
    (tmp_path / "cmd" / "empty").mkdir()
    before = go.source_hash(tmp_path)
    assert go.commands(tmp_path) == ["server"]
    (tmp_path / ".infranest").mkdir()
    (tmp_path / ".infranest" / "x.go").write_text("package x\n", encoding="utf-8")
    assert go.source_hash(tmp_path) == before
    (tmp_path / "cmd" / "server" / "main.go").write_text("package main // x\n", encoding="utf-8")
    assert go.source_hash(tmp_path) != before
    assert go.commands(tmp_path / "nothing") == []


def test_setup_without_go(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    project = Project(tmp_path, "fiber", "internal", ("server", "migrate"), ("server",), "go")
    result, chain = go.LANGUAGE.setup(project, Options())
    assert result.status == "failed"
    assert "go" in result.summary
    assert chain is None


def test_tools_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert go.tools_dir().is_relative_to(tmp_path)
    project = Project(tmp_path, "fiber", "internal", ("server", "migrate"), ("server",), "go")
    chain = go.LANGUAGE.toolchain(project, Options())
    assert chain.bin_dir == tmp_path / ".infranest" / "verify" / "bin"
    assert str(chain.bin_dir) in chain.env["PATH"]
