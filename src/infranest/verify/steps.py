"""The steps that need no running service: setup, tests, lint, security."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
import xml.etree.ElementTree as ET  # nosec B405 - parses files our own child process wrote
from pathlib import Path
from typing import Any

from infranest.verify.process import Completed, run
from infranest.verify.project import (
    COVERAGE_JSON,
    REQUIREMENTS,
    VENV,
    WORK_DIR,
    Options,
    Project,
    Toolchain,
    toolchain,
    venv_python,
)
from infranest.verify.report import MAX_FINDINGS, Finding, Status, StepResult, tail, tests_result

HASH_FILE = ".infranest-req-hash"
_INCLUDE = re.compile(r"^\s*(?:-r|--requirement|-c|--constraint)\s*=?\s*(\S+)")
_SEVERITY_ORDER = ("HIGH", "MEDIUM", "LOW")
_SUMMARY_COUNT = re.compile(r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed)")


def _failed(name: str, summary: str, done: Completed | None = None, **kw: Any) -> StepResult:
    output = tail(done.output) if done is not None else ""
    duration = done.duration if done is not None else 0.0
    return StepResult(name, "failed", summary, duration, output=output, **kw)


# --- setup ---------------------------------------------------------------------------


def requirements_hash(root: Path, python: str) -> str:
    """A hash of ``requirements-dev.txt`` and every file it includes (``-r``/``-c``),
    recursively, and of the interpreter's version."""
    digest = hashlib.sha256(python.encode())
    seen: set[Path] = set()
    pending = [root / REQUIREMENTS]
    while pending:
        path = pending.pop(0).resolve()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        text = path.read_text(encoding="utf-8")
        digest.update(f"{path.relative_to(root.resolve())}\0{text}\0".encode())
        for line in text.splitlines():
            match = _INCLUDE.match(line)
            if match:
                pending.append(path.parent / match.group(1))
    return digest.hexdigest()


def setup(project: Project, options: Options) -> tuple[StepResult, Toolchain | None]:
    """Create (or reuse) ``DIR/.venv`` and install ``requirements-dev.txt`` into it."""
    if options.python is not None:
        chain = toolchain(options.python, options.extra_env)
        done = run([str(options.python), "--version"], cwd=project.root, env=chain.env, timeout=60)
        if not done.ok:
            return _failed("setup", f"{options.python} does not run", done), None
        summary = f"using {options.python} ({done.output.strip()}); nothing installed"
        return StepResult("setup", "passed", summary, done.duration, {"reused": 1}), chain
    python = venv_python(project.root)
    chain = toolchain(python, options.extra_env)
    marker = project.root / VENV / HASH_FILE
    wanted = requirements_hash(project.root, sys.version)
    if python.is_file() and marker.is_file() and marker.read_text().strip() == wanted:
        return StepResult(
            "setup", "passed", f"reused {VENV} (requirements unchanged)", 0.0, {"reused": 1}
        ), chain
    total = 0.0
    if not python.is_file():
        shutil.rmtree(project.root / VENV, ignore_errors=True)
        made = run(
            [sys.executable, "-m", "venv", str(project.root / VENV)],
            cwd=project.root,
            env=chain.env,
            timeout=options.timeout,
        )
        total += made.duration
        if not made.ok:
            return _failed("setup", f"creating {VENV} failed: {made.describe()}", made), None
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check"]
    done = run(
        [*pip, "--progress-bar", "off", "-r", REQUIREMENTS],
        cwd=project.root,
        env=chain.env,
        timeout=options.timeout,
    )
    total += done.duration
    if not done.ok:
        return _failed("setup", f"pip install -r {REQUIREMENTS}: {done.describe()}", done), None
    marker.write_text(wanted + "\n", encoding="utf-8")
    summary = f"installed {REQUIREMENTS} into {VENV}"
    return StepResult(
        "setup", "passed", summary, total, {"reused": 0}, (), tail(done.output)
    ), chain


# --- tests ---------------------------------------------------------------------------


def _junit_counts(path: Path) -> tuple[dict[str, int], list[Finding]] | None:
    if not path.is_file():
        return None
    try:
        root = ET.parse(path).getroot()  # nosec B314 - written by the pytest we just ran
    except ET.ParseError:
        return None
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in suites:
        for key in counts:
            counts[key] += int(suite.get(key, "0"))
    findings: list[Finding] = []
    for case in root.iter("testcase"):
        for problem in (*case.findall("failure"), *case.findall("error")):
            where = "::".join(p for p in (case.get("classname"), case.get("name")) if p)
            text = (problem.get("message") or problem.text or "").strip().splitlines()
            findings.append(Finding(where, problem.tag, text[0][:300] if text else ""))
    return counts, findings


def _summary_counts(output: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for number, word in _SUMMARY_COUNT.findall(output):
        key = "errors" if word.startswith("error") else word
        counts[key] = int(number)
    return counts


def _coverage(path: Path) -> float | None:
    try:
        totals = json.loads(path.read_text(encoding="utf-8"))["totals"]
        return float(totals["percent_covered"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def tests(project: Project, chain: Toolchain, options: Options) -> StepResult:
    """pytest with coverage; fails on any failed test or coverage below the threshold."""
    coverage_json = project.root / COVERAGE_JSON
    junit = project.root / WORK_DIR / "pytest.xml"
    for stale in (coverage_json, junit):
        stale.unlink(missing_ok=True)
    junit.parent.mkdir(parents=True, exist_ok=True)
    env = dict(chain.env)
    if options.database_url:  # the suite runs against that database too (as in CI)
        env["DATABASE_URL"] = options.database_url
    done = run(
        [
            *chain.tool("pytest"),
            "-q",
            "--cov",
            f"--cov-report=json:{COVERAGE_JSON}",
            f"--junitxml={junit.relative_to(project.root)}",
        ],
        cwd=project.root,
        env=env,
        timeout=options.timeout,
    )
    parsed = _junit_counts(junit)
    findings: list[Finding] = []
    if parsed is not None:
        raw, junit_findings = parsed
        findings = junit_findings
        failed = raw["failures"] + raw["errors"]
        skipped = raw["skipped"]
        counts: dict[str, int | float] = {
            "passed": raw["tests"] - failed - skipped,
            "failed": failed,
            "skipped": skipped,
        }
    else:
        seen = _summary_counts(done.output)
        counts = {
            "passed": seen.get("passed", 0),
            "failed": seen.get("failed", 0) + seen.get("errors", 0),
            "skipped": seen.get("skipped", 0),
        }
    problems: list[str] = []
    if done.timed_out:
        problems.append(done.describe())
    if counts["failed"]:
        problems.append(f"{counts['failed']} test(s) failed")
    elif not done.ok and not done.timed_out:
        problems.append("no tests ran" if done.returncode == 5 else done.describe())
    return tests_result(
        counts,
        _coverage(coverage_json),
        problems,
        minimum=options.min_coverage,
        no_coverage=f"no coverage report at {COVERAGE_JSON} (is pytest-cov installed?)",
        duration=done.duration,
        findings=findings,
        output=tail(done.output),
    )


# --- lint ----------------------------------------------------------------------------


def lint(project: Project, chain: Toolchain, options: Options) -> StepResult:
    """``ruff check .`` (verify's own ``.infranest`` folder excluded); any finding fails."""
    done = run(
        [
            *chain.tool("ruff"),
            "check",
            ".",
            "--output-format",
            "json",
            "--extend-exclude",
            ".infranest",
        ],
        cwd=project.root,
        env=chain.env,
        timeout=options.timeout,
    )
    try:
        items: list[dict[str, Any]] = json.loads(done.output)
    except ValueError:
        return _failed("lint", f"ruff did not report: {done.describe()}", done)
    findings = [_ruff_finding(project.root, item) for item in items]
    counts: dict[str, int | float] = {"findings": len(findings)}
    if findings:
        lines = "\n".join(f"{f.location}: {f.code} {f.message}" for f in findings)
        return StepResult(
            "lint",
            "failed",
            f"{len(findings)} ruff finding(s)",
            done.duration,
            counts,
            tuple(findings[:MAX_FINDINGS]),
            tail(lines),
        )
    if not done.ok:
        return _failed("lint", done.describe(), done, counts=counts)
    return StepResult("lint", "passed", "no ruff findings", done.duration, counts)


def _relative(root: Path, filename: str) -> str:
    path = Path(filename)
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return filename


def _ruff_finding(root: Path, item: dict[str, Any]) -> Finding:
    row = (item.get("location") or {}).get("row", 0)
    where = f"{_relative(root, str(item.get('filename', '')))}:{row}"
    return Finding(where, str(item.get("code") or "syntax"), str(item.get("message", "")))


# --- security ------------------------------------------------------------------------


def security(project: Project, chain: Toolchain, options: Options) -> StepResult:
    """``bandit -r <package>``: any MEDIUM or HIGH finding fails; LOW ones are counted."""
    if not project.package_dir.is_dir():
        return _failed("security", f"the package folder {project.package}/ does not exist")
    target = str(project.package_dir.relative_to(project.root))
    done = run(
        [*chain.tool("bandit"), "-r", target, "-f", "json", "-q"],
        cwd=project.root,
        env=chain.env,
        timeout=options.timeout,
    )
    start = done.output.find("{")
    try:
        data: dict[str, Any] = json.loads(done.output[start:]) if start >= 0 else {}
        results: list[dict[str, Any]] = data["results"]
    except (ValueError, KeyError):
        return _failed("security", f"bandit did not report: {done.describe()}", done)
    findings = sorted(
        (_bandit_finding(project.root, r) for r in results),
        key=lambda f: (_SEVERITY_ORDER.index(f.severity or "LOW"), f.location),
    )
    counts: dict[str, int | float] = {s.lower(): 0 for s in _SEVERITY_ORDER}
    for finding in findings:
        counts[(finding.severity or "LOW").lower()] += 1
    errors = [f"{e.get('filename')}: {e.get('reason')}" for e in data.get("errors", [])]
    blocking = counts["high"] + counts["medium"]
    tally = f"{counts['high']} high, {counts['medium']} medium, {counts['low']} low"
    lines = [f"{f.severity} {f.location}: {f.code} {f.message}" for f in findings] + errors
    status: Status = "failed" if blocking or errors else "passed"
    summary = tally if status == "passed" else f"{blocking} medium/high finding(s) ({tally})"
    if errors:
        summary = f"bandit could not scan {len(errors)} file(s); {summary}"
    return StepResult(
        "security",
        status,
        summary,
        done.duration,
        counts,
        tuple(findings[:MAX_FINDINGS]),
        tail("\n".join(lines)),
    )


def _bandit_finding(root: Path, result: dict[str, Any]) -> Finding:
    where = f"{_relative(root, str(result.get('filename', '')))}:{result.get('line_number', 0)}"
    severity = str(result.get("issue_severity", "LOW")).upper()
    return Finding(
        where,
        str(result.get("test_id", "")),
        str(result.get("issue_text", "")),
        severity=severity if severity in _SEVERITY_ORDER else "LOW",
    )
