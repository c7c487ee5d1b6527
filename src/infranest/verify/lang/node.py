"""Node projects (express): npm ci + tsc, vitest with v8 coverage, tsc + eslint,
eslint-plugin-security and npm audit."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infranest.verify.process import Completed, run
from infranest.verify.project import (
    OTHER_CONFIG,
    WORK_DIR,
    Options,
    Project,
    Toolchain,
    base_env,
)
from infranest.verify.report import MAX_FINDINGS, Finding, Status, StepResult, tail, tests_result

LOCKFILE = "package-lock.json"
MODULES = "node_modules"
HASH_FILE = ".infranest-lock-hash"
NPM_CACHE = Path("/tmp/infranest-npm-cache")  # outside every project, shared between runs
_TSC_LINE = re.compile(
    r"^(?P<file>[^\s(][^(]*)\((?P<line>\d+),\d+\): error (?P<code>TS\d+): (?P<msg>.*)$"
)
SECURITY_CONFIG = "eslint.security.config.js"  # the generated project's security rules
_AUDIT_BLOCKING = ("critical", "high")
_AUDIT_LEVELS = ("critical", "high", "moderate", "low", "info")


def _failed(name: str, summary: str, done: Completed | None = None, **kw: Any) -> StepResult:
    output = tail(done.output) if done is not None else ""
    duration = done.duration if done is not None else 0.0
    return StepResult(name, "failed", summary, duration, output=output, **kw)


def lock_hash(root: Path, node_version: str) -> str:
    """A hash of ``package-lock.json`` and the Node version (native modules follow it).

    The project's own name and version are left out: two projects whose lockfiles differ
    only there install the same ``node_modules``, so a copy of one serves the other.
    """
    digest = hashlib.sha256(node_version.encode())
    raw = (root / LOCKFILE).read_bytes()
    try:
        data = json.loads(raw)
    except ValueError:
        digest.update(raw)
        return digest.hexdigest()
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if k not in ("name", "version")}
        packages = data.get("packages")
        if isinstance(packages, dict) and isinstance(packages.get(""), dict):
            own = {k: v for k, v in packages[""].items() if k not in ("name", "version")}
            data["packages"] = {**packages, "": own}
    digest.update(json.dumps(data, sort_keys=True).encode())
    return digest.hexdigest()


def local_node_headers() -> Path | None:
    """The prefix whose ``include/node`` holds the running Node's headers, if any."""
    node = shutil.which("node")
    if node is None:
        return None
    prefix = Path(node).resolve().parent.parent
    return prefix if (prefix / "include" / "node" / "common.gypi").is_file() else None


def node_env(root: Path, options: Options) -> dict[str, str]:
    """The caller's environment with the project's ``node_modules/.bin`` first on PATH.

    ``better-sqlite3`` compiles from source rather than downloading a prebuilt binary
    from GitHub (which offline machines cannot reach); npm's cache lives outside the
    project. node-gyp builds against the local Node's headers when they are installed
    (``<prefix>/include/node``) instead of downloading them from nodejs.org.
    """
    env = base_env((root / MODULES / ".bin",), options.extra_env)
    env.setdefault("npm_config_build_from_source", "true")
    headers = local_node_headers()
    if headers is not None:
        env.setdefault("npm_config_nodedir", str(headers))
    env.setdefault("npm_config_cache", str(NPM_CACHE))
    env.setdefault("npm_config_update_notifier", "false")
    env.setdefault("npm_config_fund", "false")
    env.setdefault("CI", "true")
    return env


@dataclass(frozen=True)
class Node:
    name: str = "node"
    config_file: str = OTHER_CONFIG
    required: tuple[str, ...] = ("package.json", LOCKFILE)

    def toolchain(self, project: Project, options: Options) -> Toolchain:
        return Toolchain(project.root / MODULES / ".bin", node_env(project.root, options))

    def setup(self, project: Project, options: Options) -> tuple[StepResult, Toolchain | None]:
        """``npm ci`` (skipped when the lockfile and Node are unchanged), then ``npm run
        build`` (tsc) so that ``migrate``/``serve`` find ``dist/``."""
        if shutil.which("npm") is None or shutil.which("node") is None:
            return _failed("setup", "node and npm are needed to verify this project"), None
        chain = self.toolchain(project, options)
        version = run(["node", "--version"], cwd=project.root, env=chain.env, timeout=60)
        if not version.ok:
            return _failed("setup", "node does not run", version), None
        marker = project.root / MODULES / HASH_FILE
        wanted = lock_hash(project.root, version.output.strip())
        total = version.duration
        reused = marker.is_file() and marker.read_text(encoding="utf-8").strip() == wanted
        output = ""
        if not reused:
            done = run(
                ["npm", "ci", "--no-audit", "--no-fund"],
                cwd=project.root,
                env=chain.env,
                timeout=options.timeout,
            )
            total += done.duration
            output = done.output
            if not done.ok:
                return _failed("setup", f"npm ci: {done.describe()}", done), None
            marker.write_text(wanted + "\n", encoding="utf-8")
        build = run(
            ["npm", "run", "build"], cwd=project.root, env=chain.env, timeout=options.timeout
        )
        total += build.duration
        if not build.ok:
            return _failed("setup", f"npm run build: {build.describe()}", build), None
        installed = f"reused {MODULES} (lockfile unchanged)" if reused else "npm ci"
        summary = f"{installed}; built dist/ with tsc"
        counts: dict[str, int | float] = {"reused": int(reused)}
        return StepResult(
            "setup", "passed", summary, total, counts, (), tail(output + build.output)
        ), chain

    def tests(self, project: Project, chain: Toolchain, options: Options) -> StepResult:
        return tests(project, chain, options)

    def lint(self, project: Project, chain: Toolchain, options: Options) -> StepResult:
        return lint(project, chain, options)

    def security(self, project: Project, chain: Toolchain, options: Options) -> StepResult:
        return security(project, chain, options)


# --- tests ---------------------------------------------------------------------------


def coverage_percent(path: Path) -> float | None:
    """Statements covered, in percent, from an istanbul ``coverage-summary.json``."""
    try:
        total = json.loads(path.read_text(encoding="utf-8"))["total"]
        return float(total["statements"]["pct"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def vitest_counts(path: Path) -> tuple[dict[str, int], list[Finding]] | None:
    """Passed/failed/skipped and one finding per failed test from vitest's JSON report."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    counts = {
        "passed": int(data.get("numPassedTests", 0)),
        "failed": int(data.get("numFailedTests", 0)),
        "skipped": int(data.get("numPendingTests", 0)) + int(data.get("numTodoTests", 0)),
    }
    findings: list[Finding] = []
    for suite in data.get("testResults", []):
        for case in suite.get("assertionResults", []):
            if case.get("status") != "failed":
                continue
            where = f"{_relative(path.parent.parent.parent, str(suite.get('name', '')))}"
            messages = case.get("failureMessages") or [""]
            first = str(messages[0]).strip().splitlines()
            findings.append(
                Finding(
                    f"{where}::{case.get('fullName', '')}",
                    "failed",
                    first[0][:300] if first else "",
                )
            )
    if not data.get("success", True) and not any(counts.values()):
        counts["failed"] = 1
        findings.append(Finding(str(path), "error", "the test run failed before any test"))
    return counts, findings


def tests(project: Project, chain: Toolchain, options: Options) -> StepResult:
    """vitest with v8 coverage of ``src/``; fails on a failed test or low coverage."""
    work = project.root / WORK_DIR
    report = work / "vitest.json"
    coverage_dir = work / "coverage"
    summary_file = coverage_dir / "coverage-summary.json"
    report.unlink(missing_ok=True)
    summary_file.unlink(missing_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    done = run(
        [
            *chain.tool("vitest"),
            "run",
            "--coverage",
            "--coverage.reporter=json-summary",
            "--coverage.reporter=text",
            "--coverage.reportOnFailure",
            f"--coverage.reportsDirectory={coverage_dir.relative_to(project.root)}",
            "--reporter=default",
            "--reporter=json",
            f"--outputFile.json={report.relative_to(project.root)}",
        ],
        cwd=project.root,
        env=chain.env,
        timeout=options.timeout,
    )
    parsed = vitest_counts(report)
    raw, findings = parsed if parsed is not None else ({"passed": 0, "failed": 0, "skipped": 0}, [])
    problems: list[str] = []
    if done.timed_out:
        problems.append(done.describe())
    if parsed is None:
        problems.append(f"vitest wrote no report ({done.describe()})")
    elif raw["failed"]:
        problems.append(f"{raw['failed']} test(s) failed")
    return tests_result(
        dict(raw),
        coverage_percent(summary_file),
        problems,
        minimum=options.min_coverage,
        no_coverage="no coverage summary (is @vitest/coverage-v8 installed?)",
        duration=done.duration,
        findings=findings,
        output=tail(done.output),
    )


# --- lint ----------------------------------------------------------------------------


def _relative(root: Path, filename: str) -> str:
    path = Path(filename)
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return filename


def tsc_findings(output: str) -> list[Finding]:
    """One finding per ``file(line,col): error TSnnnn: message`` line of ``tsc``."""
    found = []
    for line in output.splitlines():
        match = _TSC_LINE.match(line.strip())
        if match:
            where = f"{match['file']}:{match['line']}"
            found.append(Finding(where, match["code"], match["msg"]))
    return found


def eslint_findings(root: Path, output: str) -> list[Finding] | None:
    """One finding per ESLint message (``-f json``); None when the output is not JSON."""
    start = output.find("[")
    try:
        files: list[dict[str, Any]] = json.loads(output[start:]) if start >= 0 else []
    except ValueError:
        return None
    found = []
    for item in files:
        path = _relative(root, str(item.get("filePath", "")))
        for message in item.get("messages", []):
            where = f"{path}:{message.get('line', 0)}"
            rule = str(message.get("ruleId") or "parse")
            found.append(Finding(where, rule, str(message.get("message", ""))))
    return found


def lint(project: Project, chain: Toolchain, options: Options) -> StepResult:
    """``tsc --noEmit`` and ``eslint .``; any finding fails."""
    typed = run(
        [*chain.tool("tsc"), "--noEmit", "--pretty", "false"],
        cwd=project.root,
        env=chain.env,
        timeout=options.timeout,
    )
    styled = run(
        [*chain.tool("eslint"), ".", "-f", "json"],
        cwd=project.root,
        env=chain.env,
        timeout=options.timeout,
    )
    duration = typed.duration + styled.duration
    findings = tsc_findings(typed.output)
    if not typed.ok and not findings:
        return _failed("lint", f"tsc: {typed.describe()}", typed)
    from_eslint = eslint_findings(project.root, styled.output)
    if from_eslint is None:
        return _failed("lint", f"eslint did not report: {styled.describe()}", styled)
    findings += from_eslint
    counts: dict[str, int | float] = {"tsc": len(findings) - len(from_eslint)}
    counts["eslint"] = len(from_eslint)
    counts["findings"] = len(findings)
    if findings:
        lines = "\n".join(f"{f.location}: {f.code} {f.message}" for f in findings)
        summary = f"{counts['tsc']} tsc error(s), {counts['eslint']} eslint finding(s)"
        return StepResult(
            "lint", "failed", summary, duration, counts, tuple(findings[:MAX_FINDINGS]), tail(lines)
        )
    if not styled.ok:
        return _failed("lint", f"eslint: {styled.describe()}", styled, counts=counts)
    return StepResult("lint", "passed", "no tsc errors, no eslint findings", duration, counts)


# --- security ------------------------------------------------------------------------


def sast_findings(root: Path, files: list[dict[str, Any]]) -> list[Finding]:
    """One finding per message of an ESLint JSON report run with the security config:
    ``path:line``, the rule, and ``high`` for errors (and parse failures), ``low`` for
    warnings; high first."""
    found = []
    for item in files:
        path = _relative(root, str(item.get("filePath", "")))
        for message in item.get("messages", []):
            fatal = bool(message.get("fatal")) or message.get("ruleId") is None
            severity = "high" if fatal or message.get("severity") == 2 else "low"
            where = f"{path}:{message.get('line', 0)}"
            rule = str(message.get("ruleId") or "parse")
            found.append(Finding(where, rule, str(message.get("message", "")), severity=severity))
    return sorted(found, key=lambda f: (f.severity != "high", f.location, f.code))


def _sast(project: Project, chain: Toolchain, options: Options) -> tuple[StepResult, bool]:
    """ESLint with the project's security config on its app package; (result, ran)."""
    config = project.root / SECURITY_CONFIG
    if not config.is_file():
        summary = f"{SECURITY_CONFIG} is missing: regenerate the project to get the security rules"
        return _failed("security", summary), False
    report = project.root / WORK_DIR / "eslint-security.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.unlink(missing_ok=True)
    done = run(
        [
            *chain.tool("eslint"),
            "--config",
            SECURITY_CONFIG,
            "--format",
            "json",
            "--output-file",
            str(report.relative_to(project.root)),
            project.package,
        ],
        cwd=project.root,
        env=chain.env,
        timeout=options.timeout,
    )
    try:
        files: list[dict[str, Any]] = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return _failed(
            "security", f"eslint (security) did not report: {done.describe()}", done
        ), False
    findings = sast_findings(project.root, files)
    high = sum(1 for f in findings if f.severity == "high")
    counts: dict[str, int | float] = {"files": len(files), "high": high}
    counts["low"] = len(findings) - high
    status: Status = "failed" if high else "passed"
    summary = f"eslint-plugin-security on {len(files)} file(s): {high} high, {counts['low']} low"
    lines = "\n".join(f"{f.severity} {f.location}: {f.code} {f.message}" for f in findings)
    result = StepResult(
        "security", status, summary, done.duration, counts, tuple(findings), tail(lines)
    )
    return result, True


def audit_findings(data: dict[str, Any]) -> list[Finding]:
    """One finding per vulnerable package of an ``npm audit --json`` report."""
    found = []
    for name, item in sorted(data.get("vulnerabilities", {}).items()):
        severity = str(item.get("severity", "info")).lower()
        titles = [v.get("title", "") for v in item.get("via", []) if isinstance(v, dict)]
        text = "; ".join(t for t in titles if t) or f"depends on a vulnerable {item.get('via')}"
        found.append(
            Finding(f"{LOCKFILE}:{name}", f"npm-audit:{severity}", text, severity=severity)
        )
    order = {level: i for i, level in enumerate(_AUDIT_LEVELS)}
    return sorted(found, key=lambda f: (order.get(f.severity or "info", 9), f.location))


def audit_report(output: str) -> dict[str, Any]:
    """The JSON object ``npm audit --json`` printed among npm's other lines ({} if none)."""
    start = output.find("{")
    try:
        data, _ = json.JSONDecoder().raw_decode(output[start:]) if start >= 0 else ({}, 0)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _audit(project: Project, chain: Toolchain, options: Options) -> StepResult:
    """``npm audit --omit=dev``: high or critical advisories fail; ``skipped`` when the
    registry's audit endpoint does not answer."""
    done = run(
        ["npm", "audit", "--omit=dev", "--json", "--audit=true"],
        cwd=project.root,
        env=chain.env,
        timeout=min(options.timeout, 120),
    )
    data = audit_report(done.output)
    if "error" in data or "vulnerabilities" not in data:
        error = data.get("error") or {}
        reason = str(data.get("message") or error.get("summary") or "").splitlines()
        detail = f" ({reason[0]})" if reason and reason[0] else ""
        summary = f"registry audit endpoint unreachable{detail}"
        return StepResult("security", "skipped", summary, done.duration, output=tail(done.output))
    findings = audit_findings(data)
    counts: dict[str, int | float] = dict.fromkeys(_AUDIT_LEVELS, 0)
    for finding in findings:
        counts[finding.severity or "info"] = counts.get(finding.severity or "info", 0) + 1
    blocking = sum(int(counts[level]) for level in _AUDIT_BLOCKING)
    tally = ", ".join(f"{int(counts[level])} {level}" for level in _AUDIT_LEVELS)
    status: Status = "failed" if blocking else "passed"
    summary = f"{blocking} high/critical advisories ({tally})" if blocking else tally
    lines = "\n".join(f"{f.severity} {f.location}: {f.message}" for f in findings)
    return StepResult(
        "security", status, summary, done.duration, counts, tuple(findings), tail(lines)
    )


def combine(sast: StepResult, audit: StepResult) -> StepResult:
    """One security result of the static analysis and ``npm audit``: failed when either
    failed; the audit's counts are prefixed ``audit_``; an unreachable audit is said."""
    status: Status = "failed" if "failed" in (sast.status, audit.status) else "passed"
    audit_part = f"npm audit: {audit.summary}"
    if audit.status == "skipped":
        audit_part = f"npm audit skipped: {audit.summary}"
    counts = dict(sast.counts)
    counts.update({f"audit_{key}": value for key, value in audit.counts.items()})
    findings = (sast.findings + audit.findings)[:MAX_FINDINGS]
    output = "\n".join(text for text in (sast.output, audit.output) if text)
    return StepResult(
        "security",
        status,
        f"{sast.summary}; {audit_part}",
        sast.duration + audit.duration,
        counts,
        findings,
        tail(output),
    )


def security(project: Project, chain: Toolchain, options: Options) -> StepResult:
    """Static analysis of the app's source (eslint-plugin-security through the project's
    ESLint and ``eslint.security.config.js``: any error fails), then ``npm audit`` of the
    production dependencies where the registry answers it (high or critical fail)."""
    sast, ran = _sast(project, chain, options)
    if not ran:
        return sast
    return combine(sast, _audit(project, chain, options))


LANGUAGE = Node()
