"""Run schemathesis (from InfraNest's own environment) against the running service.

It runs as ``python -m schemathesis.cli run`` in a child process group, so a wall-clock
limit can stop it; its JSON report gives the counts and its JUnit report the failures.
"""

from __future__ import annotations

import importlib.util
import json
import re
import tempfile
import xml.etree.ElementTree as ET  # nosec B405 - parses files our own child process wrote
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infranest.verify.process import Completed, run
from infranest.verify.project import own_python
from infranest.verify.report import Finding

CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
)
# OAuth needs a real provider, /metrics is text, and logging out would end our session.
EXCLUDED_PATHS = r"^/(auth/oauth/.*|auth/logout|metrics)$"
REQUIREMENT = "schemathesis>=4.1,<5"
_CASE = re.compile(r"^\s*\d+\. Test Case ID: \S+\s*$", re.M)
_RESPONSE = re.compile(r"^\[(\d{3})\][^\n]*$", re.M)
_REPRODUCE = re.compile(r"Reproduce with:\s*\n\s*\n?\s*(curl [^\n]+)")
_CHECK = re.compile(r"^- (.+)$", re.M)


@dataclass(frozen=True)
class FuzzResult:
    completed: Completed
    operations_selected: int
    operations_tested: int
    test_cases: int
    failures: tuple[Finding, ...]
    errors: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return (
            self.completed.ok
            and not self.failures
            and not self.errors
            and self.operations_tested > 0
        )


def available() -> bool:
    return importlib.util.find_spec("schemathesis") is not None


def command(
    base_url: str, headers: Mapping[str, str], *, max_examples: int, seed: int, reports: Path
) -> list[str]:
    argv = [
        str(own_python()),
        "-m",
        "schemathesis.cli",
        "run",
        f"{base_url}/openapi.json",
        "--url",
        base_url,
        "--checks",
        ",".join(CHECKS),
        "--exclude-path-regex",
        EXCLUDED_PATHS,
        "--max-examples",
        str(max_examples),
        "--seed",
        str(seed),
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--generation-database",
        "none",
        "--no-color",
        "--report",
        "json,junit",
        "--report-json-path",
        str(reports / "schemathesis.json"),
        "--report-junit-path",
        str(reports / "schemathesis.xml"),
    ]
    for name, value in sorted(headers.items()):
        argv += ["--header", f"{name}: {value}"]
    return argv


def fuzz(
    base_url: str,
    headers: Mapping[str, str],
    *,
    env: Mapping[str, str],
    max_examples: int,
    seed: int,
    timeout: float,
) -> FuzzResult:
    """One bounded schemathesis run; its reports are read, then thrown away."""
    with tempfile.TemporaryDirectory(prefix="infranest-verify-") as tmp:
        reports = Path(tmp)
        argv = command(base_url, headers, max_examples=max_examples, seed=seed, reports=reports)
        done = run(argv, cwd=reports, env=env, timeout=timeout)
        summary = _json(reports / "schemathesis.json")
        failures = _junit_failures(reports / "schemathesis.xml")
    operations = summary.get("operations", {})
    errors = tuple(_error_text(e) for e in summary.get("errors", []))
    warnings = tuple(
        f"{kind}: {', '.join(map(str, items))}"
        for kind, items in sorted(summary.get("warnings", {}).items())
        if items
    )
    if not summary and not done.ok:
        errors += (f"schemathesis did not report: {done.describe()}",)
    return FuzzResult(
        done,
        int(operations.get("selected", 0)),
        int(operations.get("tested", 0)),
        int(summary.get("test_cases", {}).get("generated", 0)),
        failures,
        errors,
        warnings,
    )


def _json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _error_text(error: Any) -> str:
    if isinstance(error, dict):
        where = error.get("operation") or error.get("label") or ""
        what = error.get("message") or error.get("title") or json.dumps(error)[:300]
        return f"{where}: {what}" if where else str(what)
    return str(error)[:300]


def _junit_failures(path: Path) -> tuple[Finding, ...]:
    """One finding per failing test case of each operation: the checks that failed, the
    response status and the curl command that reproduces it."""
    if not path.is_file():
        return ()
    try:
        root = ET.parse(path).getroot()  # nosec B314 - written by the schemathesis we ran
    except ET.ParseError:
        return ()
    findings: list[Finding] = []
    for case in root.iter("testcase"):
        operation = case.get("name", "?")
        for problem in (*case.findall("failure"), *case.findall("error")):
            text = problem.text or problem.get("message") or ""
            findings.extend(_case_findings(operation, problem.tag, text))
    return tuple(findings)


def _case_findings(operation: str, kind: str, text: str) -> list[Finding]:
    chunks = [c for c in _CASE.split(text) if c.strip()] or [text]
    return [_chunk_finding(operation, kind, chunk) for chunk in chunks]


def _chunk_finding(operation: str, kind: str, chunk: str) -> Finding:
    """``message``: the response status, what schemathesis says is wrong (first detail
    line, the schema location) and the start of the response body."""
    checks = [c.strip() for c in _CHECK.findall(chunk)] or [kind]
    status = _RESPONSE.search(chunk)
    curl = _REPRODUCE.search(chunk)
    head = chunk[: status.start()] if status else chunk
    details = [
        line.strip()
        for line in head.splitlines()
        if line.strip() and not line.startswith("- ") and not line.strip().startswith("Validated")
    ]
    parts = [status.group(0).rstrip(":")] if status else []
    if details:
        parts.append(details[0])
        where = next((d for d in details if d.startswith("Schema at ")), None)
        if where:
            parts.append(f"({where.rstrip(':')})")
    if status:
        body = chunk[status.end() :].strip().splitlines()
        if body and not body[0].startswith("Reproduce"):
            parts.append(f"body: {body[0].strip().strip('`')[:200]}")
    message = " ".join(parts) if parts else chunk.strip().splitlines()[0][:300]
    return Finding(
        operation,
        "; ".join(checks),
        message,
        example=curl.group(1).strip() if curl else None,
    )
