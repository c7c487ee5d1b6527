"""verify's Node steps: how npm, vitest, tsc, eslint and npm audit results are read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infranest.verify.lang import language
from infranest.verify.lang.node import (
    LANGUAGE,
    audit_findings,
    coverage_percent,
    eslint_findings,
    lock_hash,
    node_env,
    tsc_findings,
    vitest_counts,
)
from infranest.verify.project import Options


def test_the_node_language_is_registered() -> None:
    assert language("node").name == LANGUAGE.name == "node"
    assert LANGUAGE.config_file == "infranest.toml"
    assert "package-lock.json" in LANGUAGE.required


def test_lock_hash_follows_the_lockfile_and_node(tmp_path: Path) -> None:
    (tmp_path / "package-lock.json").write_text("{}", encoding="utf-8")
    first = lock_hash(tmp_path, "v20.1.0")
    assert lock_hash(tmp_path, "v20.1.0") == first
    assert lock_hash(tmp_path, "v22.0.0") != first
    (tmp_path / "package-lock.json").write_text('{"a": 1}', encoding="utf-8")
    assert lock_hash(tmp_path, "v20.1.0") != first


def test_node_env_builds_native_modules_from_source(tmp_path: Path) -> None:
    env = node_env(tmp_path, Options())
    assert env["PATH"].split(":")[0] == str(tmp_path / "node_modules" / ".bin")
    assert env["npm_config_build_from_source"] == "true"
    assert not env["npm_config_cache"].startswith(str(tmp_path))
    custom = node_env(tmp_path, Options(extra_env={"npm_config_cache": "/x"}))
    assert custom["npm_config_cache"] == "/x"


def test_coverage_percent_reads_the_statements_total(tmp_path: Path) -> None:
    summary = tmp_path / "coverage-summary.json"
    summary.write_text(json.dumps({"total": {"statements": {"pct": 93.5}}}), encoding="utf-8")
    assert coverage_percent(summary) == 93.5
    summary.write_text("{}", encoding="utf-8")
    assert coverage_percent(summary) is None
    assert coverage_percent(tmp_path / "missing.json") is None


def test_vitest_counts_and_failures(tmp_path: Path) -> None:
    report = tmp_path / ".infranest" / "verify" / "vitest.json"
    report.parent.mkdir(parents=True)
    data = {
        "success": False,
        "numPassedTests": 7,
        "numFailedTests": 1,
        "numPendingTests": 2,
        "numTodoTests": 0,
        "testResults": [
            {
                "name": str(tmp_path / "tests" / "a.test.ts"),
                "assertionResults": [
                    {"status": "passed", "fullName": "ok"},
                    {
                        "status": "failed",
                        "fullName": "/products creates a row",
                        "failureMessages": ["AssertionError: expected 500 to be 201\n at x"],
                    },
                ],
            }
        ],
    }
    report.write_text(json.dumps(data), encoding="utf-8")
    parsed = vitest_counts(report)
    assert parsed is not None
    counts, findings = parsed
    assert counts == {"passed": 7, "failed": 1, "skipped": 2}
    assert findings[0].location == "tests/a.test.ts::/products creates a row"
    assert findings[0].message == "AssertionError: expected 500 to be 201"
    assert vitest_counts(tmp_path / "none.json") is None


def test_vitest_run_that_crashed_counts_as_failed(tmp_path: Path) -> None:
    report = tmp_path / "vitest.json"
    report.write_text(json.dumps({"success": False, "testResults": []}), encoding="utf-8")
    parsed = vitest_counts(report)
    assert parsed is not None
    assert parsed[0]["failed"] == 1


def test_tsc_findings() -> None:
    output = (
        "src/app.ts(12,5): error TS2322: Type 'string' is not assignable to type 'number'.\n"
        "Found 1 error.\n"
    )
    [finding] = tsc_findings(output)
    assert (finding.location, finding.code) == ("src/app.ts:12", "TS2322")
    assert tsc_findings("") == []


def test_eslint_findings(tmp_path: Path) -> None:
    output = json.dumps(
        [
            {
                "filePath": str(tmp_path / "src" / "a.ts"),
                "messages": [{"ruleId": "no-console", "line": 3, "message": "Unexpected console"}],
            },
            {"filePath": str(tmp_path / "src" / "b.ts"), "messages": []},
        ]
    )
    found = eslint_findings(tmp_path, output)
    assert found is not None
    [finding] = found
    assert (finding.location, finding.code) == ("src/a.ts:3", "no-console")
    assert eslint_findings(tmp_path, "Oops: config error") == []
    assert eslint_findings(tmp_path, "[not json") is None


@pytest.mark.parametrize(
    ("severity", "via"),
    [("high", [{"title": "Prototype pollution"}]), ("moderate", ["other-package"])],
)
def test_audit_findings(severity: str, via: list[object]) -> None:
    data = {"vulnerabilities": {"pkg": {"severity": severity, "via": via}}}
    [finding] = audit_findings(data)
    assert finding.severity == severity
    assert finding.location == "package-lock.json:pkg"
    assert finding.message


def test_audit_findings_are_ordered_by_severity() -> None:
    data = {
        "vulnerabilities": {
            "a": {"severity": "low", "via": []},
            "b": {"severity": "critical", "via": []},
        }
    }
    assert [f.severity for f in audit_findings(data)] == ["critical", "low"]


def test_npm_builds_against_the_local_node_headers(tmp_path: Path) -> None:
    from infranest.verify.lang.node import local_node_headers, node_env
    from infranest.verify.project import Options

    headers = local_node_headers()
    env = node_env(tmp_path, Options())
    if headers is None:  # no headers installed: node-gyp falls back to its own download
        assert "npm_config_nodedir" not in env or env["npm_config_nodedir"]
        return
    assert (headers / "include" / "node" / "common.gypi").is_file()
    assert env["npm_config_nodedir"] == str(headers)
