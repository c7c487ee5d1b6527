"""An audit report as SARIF 2.1.0, the format code-scanning tools (GitHub, GitLab) read."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from infranest import __version__
from infranest.design.audit import AuditReport
from infranest.design.model import Finding, Rule
from infranest.design.rules import RULES
from infranest.spec.model import Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_URI = "https://github.com/infranest/infranest/blob/main/docs/rules.md"
LEVELS: dict[Severity, str] = {
    "critical": "error",
    "high": "error",
    "medium": "warning",
    "low": "note",
}
# GitHub reads ``security-severity`` (0-10) to rank security alerts.
SECURITY_SEVERITY: dict[Severity, str] = {
    "critical": "9.5",
    "high": "8.0",
    "medium": "5.5",
    "low": "3.0",
}


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    tags = [rule.category, *(f"owasp-{o.lower()}:2023" for o in rule.owasp)]
    tags += [f"external/cwe/cwe-{c}" for c in rule.cwe]
    if rule.owasp or rule.cwe:
        tags.insert(0, "security")  # code scanners show security-severity only with it
    tags = list(dict.fromkeys(tags))
    help_text = f"{rule.why}\n\nFix: {rule.fix}"
    return {
        "id": rule.id,
        "name": "".join(w.capitalize() for w in rule.title.replace("-", " ").split()),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.why},
        "help": {
            "text": help_text,
            "markdown": f"**{rule.title}** ({rule.mapping})\n\n{rule.why}\n\n**Fix:** {rule.fix}",
        },
        "helpUri": f"{TOOL_URI}#{rule.id.lower()}",
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": tags,
            "security-severity": SECURITY_SEVERITY[rule.severity],
            "precision": "medium",
            "problem.severity": rule.severity,
        },
    }


def _uri(file: str) -> str:
    return PurePath(file).as_posix()


def result(finding: Finding, index: int, file: str | None) -> dict[str, Any]:
    location: dict[str, Any] = {
        "logicalLocations": [{"fullyQualifiedName": finding.path, "kind": "member"}]
    }
    target = finding.loc.file if finding.loc is not None else file
    if target is not None:
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(target)}}
        if finding.loc is not None:
            region: dict[str, Any] = {
                "startLine": finding.loc.line,
                "startColumn": finding.loc.column,
            }
            if finding.loc.end_line is not None and finding.loc.end_column is not None:
                region.update(endLine=finding.loc.end_line, endColumn=finding.loc.end_column)
            physical["region"] = region
        location["physicalLocation"] = physical
    data: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {"infranestPath/v1": f"{finding.rule_id}:{finding.path}"},
    }
    if finding.fix is not None:
        data["properties"] = {"fix": finding.fix.description}
    return data


def to_sarif(report: AuditReport, rules: tuple[Rule, ...] = RULES) -> dict[str, Any]:
    """The SARIF log of ``report``; every rule of the catalogue is described in the
    driver, so results refer to them by ``ruleIndex``."""
    index = {r.id: i for i, r in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "infranest-audit",
                "fullName": "InfraNest design audit",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": TOOL_URI,
                "rules": [rule_descriptor(r) for r in rules],
            }
        },
        "results": [result(f, index[f.rule_id], report.file) for f in report.findings],
        "columnKind": "unicodeCodePoints",
    }
    if report.file is not None:
        run["artifacts"] = [{"location": {"uri": _uri(report.file)}}]
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
