"""verify's Node steps: how npm, vitest, tsc, eslint and npm audit results are read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from infranest.verify.lang import language
from infranest.verify.lang.node import (
    LANGUAGE,
    SECURITY_CONFIG,
    audit_findings,
    audit_report,
    combine,
    coverage_percent,
    eslint_findings,
    lock_hash,
    node_env,
    sast_findings,
    tsc_findings,
    vitest_counts,
)
from infranest.verify.project import Options, Project
from infranest.verify.report import Finding, Status, StepResult


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


def _lock(name: str, version: str, deps: dict[str, str]) -> str:
    own = {"name": name, "version": version, "dependencies": deps}
    return json.dumps({"name": name, "version": version, "packages": {"": own}})


def test_lock_hash_ignores_the_project_name_and_version(tmp_path: Path) -> None:
    lock = tmp_path / "package-lock.json"
    lock.write_text(_lock("shop", "1.0.0", {"pg": "8.0.0"}), encoding="utf-8")
    shop = lock_hash(tmp_path, "v20.1.0")
    lock.write_text(_lock("blog", "2.3.0", {"pg": "8.0.0"}), encoding="utf-8")
    assert lock_hash(tmp_path, "v20.1.0") == shop
    lock.write_text(_lock("blog", "2.3.0", {"pg": "8.0.1"}), encoding="utf-8")
    assert lock_hash(tmp_path, "v20.1.0") != shop


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


def test_sast_findings_name_the_place_the_rule_and_the_severity(tmp_path: Path) -> None:
    report: list[dict[str, Any]] = [
        {
            "filePath": str(tmp_path / "src" / "db" / "database.ts"),
            "messages": [
                {
                    "ruleId": "security/detect-non-literal-fs-filename",
                    "severity": 2,
                    "line": 54,
                    "message": 'Found mkdirSync from package "node:fs" with non literal argument',
                },
                {"ruleId": "security/detect-object-injection", "severity": 1, "line": 9},
            ],
        },
        {
            "filePath": str(tmp_path / "src" / "app.ts"),
            "messages": [{"fatal": True, "severity": 2, "line": 3, "message": "Parsing error"}],
        },
        {"filePath": str(tmp_path / "src" / "ok.ts"), "messages": []},
    ]
    found = sast_findings(tmp_path, report)
    assert [(f.location, f.code, f.severity) for f in found] == [
        ("src/app.ts:3", "parse", "high"),
        ("src/db/database.ts:54", "security/detect-non-literal-fs-filename", "high"),
        ("src/db/database.ts:9", "security/detect-object-injection", "low"),
    ]
    assert "mkdirSync" in found[1].message


def _step(status: Status, summary: str, **counts: int) -> StepResult:
    finding = Finding("src/a.ts:1", "security/x", "bad", severity="high")
    findings = (finding,) if status == "failed" else ()
    return StepResult("security", status, summary, 1.0, dict(counts), findings)


def test_security_combines_static_analysis_with_an_unreachable_audit() -> None:
    sast = _step("passed", "eslint-plugin-security on 40 file(s): 0 high, 0 low", high=0)
    audit = _step("skipped", "registry audit endpoint unreachable (405 Method Not Allowed)")
    result = combine(sast, audit)
    assert result.status == "passed"
    assert result.summary.startswith("eslint-plugin-security on 40 file(s)")
    assert "npm audit skipped: registry audit endpoint unreachable (405" in result.summary
    assert result.counts == {"high": 0}


@pytest.mark.parametrize(
    ("sast_status", "audit_status"), [("failed", "passed"), ("passed", "failed")]
)
def test_security_fails_when_either_half_fails(sast_status: Status, audit_status: Status) -> None:
    result = combine(_step(sast_status, "sast", high=1), _step(audit_status, "audit", high=2))
    assert result.status == "failed"
    assert result.counts == {"high": 1, "audit_high": 2}
    assert len(result.findings) == 1


def test_security_fails_without_the_security_config(tmp_path: Path) -> None:
    project = Project(tmp_path, "express", "src", ("node",), ("node",), language="node")
    chain = LANGUAGE.toolchain(project, Options())
    result = LANGUAGE.security(project, chain, Options())
    assert result.status == "failed"
    assert SECURITY_CONFIG in result.summary


def test_audit_report_is_found_among_npm_messages() -> None:
    output = (
        "npm warn audit 405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/x\n"
        "npm error audit endpoint returned an error\n"
        '{\n  "message": "405 Method Not Allowed",\n  "error": {"summary": ""}\n}\n'
        "npm error A complete log of this run can be found in: /tmp/x.log\n"
    )
    assert audit_report(output)["message"] == "405 Method Not Allowed"
    assert audit_report("npm error no JSON at all") == {}
    assert audit_report("{ broken") == {}
