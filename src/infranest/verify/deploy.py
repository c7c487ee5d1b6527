"""The ``deploy`` step: the Dockerfile and ``deploy/`` pass checkov, the Kubernetes
manifests match the Kubernetes schema, and every Terraform file parses (and is ``terraform
fmt`` clean when ``terraform`` is installed). When ``helm`` is installed (scripts/helm.sh),
each chart under ``deploy/helm`` passes ``helm lint --strict``, its ``helm template``
rendering matches the schema, and checkov scans that rendering too (its ``helm`` framework).

The tools run from InfraNest's own environment (or ``PATH``), not the project's; checkov,
whose pins conflict with ours, from a virtual environment of its own (:mod:`.tools`).
"""

from __future__ import annotations

import json
import os
import re
import subprocess  # nosec B404 - only its exception types
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from infranest.verify.process import run
from infranest.verify.project import Options, Project, Toolchain, own_python
from infranest.verify.report import MAX_FINDINGS, Finding, Status, StepResult, tail
from infranest.verify.tools import ToolInstallError, ensure_tool, installed

DEPLOY_DIR = "deploy"
FRAMEWORKS = ("dockerfile", "kubernetes", "helm", "terraform")
# Folders checkov never needs to read: dependencies, tool caches, verify's own files.
SKIP_PATHS = (r"\.venv", "node_modules", "vendor", r"\.infranest", r"\.git/", r"\.terraform")
# Variables of the caller that change what checkov prints or which Python it imports.
_DROPPED = {"PYTHONPATH", "PYTHONHOME", "LOG_LEVEL", "VIRTUAL_ENV"}


@dataclass
class _Part:
    """What one tool found: counts, findings, notes for the summary, output kept."""

    counts: dict[str, int | float] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    output: list[str] = field(default_factory=list)
    broken: bool = False  # the tool could not give an answer


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    env["PATH"] = os.pathsep.join([str(own_python().parent), env.get("PATH", os.defpath)])
    env["BC_SKIP_MAPPING"] = "TRUE"  # no download of the guideline mapping
    return env


# --- checkov ---------------------------------------------------------------------------

CHECKOV = "checkov==3.3.30"  # in its own environment: it pins packaging<24 (see tools.py)


def _checkov(root: Path, options: Options) -> _Part:
    part = _Part()
    try:
        checkov = ensure_tool("checkov", CHECKOV)
    except (ToolInstallError, OSError, subprocess.SubprocessError) as exc:
        part.broken = True
        part.notes.append(f"checkov is not available: {exc}")
        return part
    command = [checkov, "-d", ".", "--framework", *FRAMEWORKS, "--skip-download"]
    for path in SKIP_PATHS:
        command += ["--skip-path", path]
    done = run(
        [*command, "-o", "json", "--quiet", "--compact"],
        cwd=root,
        env=_env(),
        timeout=options.timeout,
    )
    reports = _checkov_reports(done.output)
    if reports is None:
        part.broken = True
        part.notes.append(f"checkov did not report: {done.describe()}")
        part.output.append(tail(done.output))
        return part
    totals = {"passed": 0, "failed": 0, "skipped": 0, "parsing_errors": 0}
    frameworks = []
    for report in reports:
        summary = report.get("summary", {})
        framework = str(report.get("check_type", "?"))
        for key in totals:
            totals[key] += int(summary.get(key, 0))
        for key in ("passed", "failed", "skipped"):
            part.counts[f"checkov_{framework}_{key}"] = int(summary.get(key, 0))
        frameworks.append(
            f"{framework} {summary.get('passed', 0)}/{summary.get('failed', 0)}/"
            f"{summary.get('skipped', 0)}"
        )
        for check in report.get("results", {}).get("failed_checks", []):
            part.findings.append(_checkov_finding(check))
    for key, value in totals.items():
        part.counts[f"checkov_{key}"] = value
    if totals["parsing_errors"]:
        part.findings.append(
            Finding(
                ".", "checkov-parse", f"checkov could not parse {totals['parsing_errors']} file(s)"
            )
        )
    scanned = ", ".join(sorted(frameworks)) + " passed/failed/skipped" if frameworks else "nothing"
    part.notes.append(
        f"checkov {totals['passed']} passed, {totals['failed']} failed, "
        f"{totals['skipped']} skipped ({scanned})"
    )
    return part


def _checkov_reports(output: str) -> list[dict[str, Any]] | None:
    """checkov's JSON: one report (an object) or one per framework (a list); ``[]`` when it
    found nothing to scan."""
    start = min((i for i in (output.find("["), output.find("{")) if i >= 0), default=-1)
    if start < 0:
        return None
    try:
        data = json.loads(output[start:])
    except ValueError:
        return None
    if isinstance(data, dict):
        # "no files found" is an object with a summary but no check_type
        return [data] if "check_type" in data else []
    if isinstance(data, list) and all(isinstance(r, dict) for r in data):
        return data
    return None


def _checkov_finding(check: dict[str, Any]) -> Finding:
    path = str(check.get("file_path", "")).lstrip("/")
    lines = check.get("file_line_range") or [0]
    resource = check.get("resource", "")
    message = f"{check.get('check_name', '')} ({resource})" if resource else check.get("check_name")
    return Finding(
        f"{path}:{lines[0]}",
        str(check.get("check_id", "")),
        str(message),
        severity=str(check["severity"]) if check.get("severity") else None,
    )


# --- Kubernetes schema -----------------------------------------------------------------


def _documents(text: str) -> list[tuple[int, Any]]:
    """Each YAML document of ``text`` with its 1-based first line."""
    lines = [node.start_mark.line + 1 for node in yaml.compose_all(text) if node is not None]
    docs = [doc for doc in yaml.safe_load_all(text) if doc is not None]
    return list(zip(lines, docs, strict=False))


def _validate(rel: str, text: str, part: _Part) -> None:
    import kubernetes_validate  # type: ignore[import-untyped]

    try:
        documents = _documents(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        part.findings.append(Finding(f"{rel}:{line}", "yaml-syntax", str(exc).splitlines()[0]))
        return
    for line, doc in documents:
        if not isinstance(doc, dict):
            part.findings.append(Finding(f"{rel}:{line}", "k8s-schema", "not a resource"))
            continue
        try:
            kubernetes_validate.validate(doc, kubernetes_validate.latest_version(), strict=True)
        except kubernetes_validate.SchemaNotFoundError:
            part.notes.append(f"{rel}: no schema for {doc.get('apiVersion')}/{doc.get('kind')}")
            continue
        except kubernetes_validate.ValidationError as exc:
            where = ".".join(str(p) for p in exc.path) or "(document)"
            part.findings.append(Finding(f"{rel}:{line}", "k8s-schema", f"{where}: {exc.message}"))
            continue
        part.counts["manifests"] = part.counts.get("manifests", 0) + 1


def _kubernetes(root: Path, options: Options) -> _Part:
    part = _Part(counts={"manifests": 0})
    folder = root / DEPLOY_DIR / "k8s"
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        _validate(str(path.relative_to(root)), path.read_text(encoding="utf-8"), part)
    charts = sorted((root / DEPLOY_DIR / "helm").glob("*/Chart.yaml"))
    helm = installed("helm") if charts else None
    if charts and helm is None:
        part.notes.append("helm not installed: the chart was not linted, rendered nor scanned")
    for chart in charts if helm is not None else []:
        assert helm is not None
        _helm_chart(helm, root, str(chart.parent.relative_to(root)), options, part)
    part.notes.append(f"{part.counts['manifests']} Kubernetes resource(s) valid")
    return part


# --- Helm ------------------------------------------------------------------------------

# `helm lint` prints one problem per line: "[ERROR] templates/x.yaml: message".
_LINT_LINE = re.compile(r"^\[(ERROR|WARNING)\] ([^:]*): (.*)$")
# Go's template errors name "<chart>/templates/<file>:<line>[:<column>]", an unclosed action
# its end then the line it started at.
_TEMPLATE_LINE = re.compile(r"[^/\s(]+/(templates/[^:\s()]+):(\d+)")


def _helm_chart(helm: str, root: Path, rel: str, options: Options, part: _Part) -> None:
    """``helm lint --strict`` (a finding per error or warning), then ``helm template`` with
    the chart's default values, each rendered resource checked against the schema."""
    lint = run([helm, "lint", "--strict", rel], cwd=root, env=_env(), timeout=options.timeout)
    problems = [f for f in map(_lint_finding, lint.output.splitlines()) if f is not None]
    part.findings += [replace(f, location=f"{rel}/{f.location}") for f in problems]
    if not lint.ok and not problems:
        part.findings.append(Finding(f"{rel}/Chart.yaml:1", "helm-lint", lint.describe()))
        part.output.append(tail(lint.output))
    part.notes.append(f"helm lint {rel}: {'clean' if lint.ok else 'failed'}")
    name = Path(rel).name
    done = run([helm, "template", name, rel], cwd=root, env=_env(), timeout=options.timeout)
    if not done.ok:
        message = done.output.strip().splitlines()[-1:] or [done.describe()]
        part.findings.append(Finding(f"{rel}/Chart.yaml:1", "helm-template", message[0]))
        return
    part.counts["charts"] = part.counts.get("charts", 0) + 1
    _validate(f"{rel} (helm template)", done.output, part)


def _lint_finding(line: str) -> Finding | None:
    """The finding of one ``helm lint`` output line (None for INFO and other lines), located
    in the chart at the last template line Go's parser names, else at the file lint names."""
    match = _LINT_LINE.match(line.strip())
    if match is None:
        return None
    level, where, message = match.groups()
    named = _TEMPLATE_LINE.findall(message)
    location = ":".join(named[-1]) if named else f"{where.rstrip('/') or 'Chart.yaml'}:1"
    return Finding(location, "helm-lint", message, severity=level.lower())


# --- Terraform -------------------------------------------------------------------------


def _terraform(root: Path, options: Options) -> _Part:
    from hcl2.api import loads as hcl_loads

    part = _Part(counts={"terraform_files": 0})
    folder = root / DEPLOY_DIR / "terraform"
    files = sorted(p for p in folder.rglob("*.tf") if ".terraform" not in p.parts)
    for path in files if folder.is_dir() else []:
        rel = str(path.relative_to(root))
        try:
            hcl_loads(path.read_text(encoding="utf-8"))
        except Exception as exc:  # any parser error (lark) is a finding, whatever its class
            line = getattr(exc, "line", 1)
            first = str(exc).strip().splitlines()[:1] or [type(exc).__name__]
            part.findings.append(Finding(f"{rel}:{line}", "hcl-syntax", first[0]))
            continue
        part.counts["terraform_files"] = part.counts.get("terraform_files", 0) + 1
    if not files:
        return part
    part.notes.append(f"{part.counts['terraform_files']} of {len(files)} .tf file(s) parse")
    terraform = installed("terraform")
    if terraform is None:
        part.notes.append("terraform not installed: fmt not checked")
        return part
    rel_folder = str(folder.relative_to(root))
    done = run(
        [terraform, "fmt", "-check", "-list=true", "-recursive", "-no-color", rel_folder],
        cwd=root,
        env=_env(),
        timeout=options.timeout,
    )
    unformatted = [
        line.strip() for line in done.output.splitlines() if line.strip().endswith(".tf")
    ]
    for name in unformatted:
        where = name if name.startswith(rel_folder) else f"{rel_folder}/{name}"
        part.findings.append(Finding(f"{where}:1", "terraform-fmt", "not terraform fmt formatted"))
    if not done.ok and not unformatted:
        part.findings.append(Finding(rel_folder, "terraform-fmt", done.describe()))
        part.output.append(tail(done.output))
    part.notes.append("terraform fmt clean" if done.ok else "terraform fmt found changes")
    return part


# --- the step --------------------------------------------------------------------------


def deploy(project: Project, chain: Toolchain, options: Options) -> StepResult:
    """checkov on the Dockerfile and ``deploy/``, the Kubernetes schema on the manifests,
    Terraform syntax; any failed check, invalid resource or unparsable file fails."""
    del chain  # the tools are InfraNest's own, not the project's
    started = time.monotonic()
    root = project.root
    if not (root / DEPLOY_DIR).is_dir() and not (root / "Dockerfile").is_file():
        return StepResult("deploy", "skipped", f"no {DEPLOY_DIR}/ folder and no Dockerfile")
    parts = [_checkov(root, options), _kubernetes(root, options), _terraform(root, options)]
    counts: dict[str, int | float] = {}
    findings: list[Finding] = []
    notes: list[str] = []
    output: list[str] = []
    for part in parts:
        counts.update(part.counts)
        findings += part.findings
        notes += part.notes
        output += part.output
    broken = any(part.broken for part in parts)
    counts["findings"] = len(findings)
    status: Status = "failed" if findings or broken else "passed"
    summary = "; ".join(notes)
    if findings:
        summary = f"{len(findings)} finding(s): {summary}"
    lines = [f"{f.location}: {f.code} {f.message}" for f in findings] + output
    return StepResult(
        "deploy",
        status,
        summary,
        time.monotonic() - started,
        counts,
        tuple(findings[:MAX_FINDINGS]),
        tail("\n".join(lines)),
    )
