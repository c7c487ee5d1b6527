"""Run every rule over a spec and present the findings: text, JSON (SARIF in ``sarif``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from infranest.design.model import SEVERITIES, Context, Finding, Rule, severity_rank
from infranest.design.rules import BY_ID, RULES
from infranest.spec.model import Severity, Spec

NO_SHAPE = (
    "the spec's API cannot be derived (run `infranest export --format openapi` to see why); "
    "rules about operations, access and limits were skipped"
)


def _order(finding: Finding) -> tuple[Any, ...]:
    loc = finding.loc
    place = (0, loc.file, loc.line, loc.column) if loc is not None else (1, "", 0, 0)
    return (-severity_rank(finding.severity), *place, finding.path, finding.rule_id)


@dataclass(frozen=True)
class AuditReport:
    """The findings of an audit, most severe first, then in source order."""

    findings: tuple[Finding, ...]
    file: str | None = None
    source: str | None = None
    notes: tuple[str, ...] = ()

    def at_least(self, severity: Severity) -> tuple[Finding, ...]:
        floor = severity_rank(severity)
        return tuple(f for f in self.findings if severity_rank(f.severity) >= floor)

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}

    @property
    def fixable(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.fix is not None)

    def rules(self) -> tuple[Rule, ...]:
        """The rules that reported something, in catalogue order."""
        ids = {f.rule_id for f in self.findings}
        return tuple(r for r in RULES if r.id in ids)

    def render_text(self) -> str:
        """Compiler-style diagnostics (with the source line and a caret when known), then
        a summary line."""
        blocks = [render_finding(f, self.source, self.file) for f in self.findings]
        counts = ", ".join(f"{n} {s}" for s, n in reversed(self.counts().items()) if n)
        fixable = len(self.fixable)
        summary = f"{len(self.findings)} finding(s)" + (f": {counts}" if counts else "")
        if fixable:
            summary += f"; {fixable} fixable with --fix"
        notes = [f"note: {n}" for n in self.notes]
        return "\n".join([*blocks, *notes, summary]) + "\n"

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "summary": {"total": len(self.findings), **self.counts()},
            "notes": list(self.notes),
            "findings": [finding_json(f, self.file) for f in self.findings],
        }


def audit(
    spec: Spec,
    *,
    rules: Iterable[Rule] = RULES,
    file: str | None = None,
    source: str | None = None,
) -> AuditReport:
    """Run ``rules`` (all by default) over ``spec``."""
    ctx = Context(spec)
    found = [finding for rule in rules for finding in rule.run(ctx)]
    notes = () if ctx.shape is not None else (NO_SHAPE,)
    return AuditReport(tuple(sorted(found, key=_order)), file=file, source=source, notes=notes)


def render_finding(finding: Finding, source: str | None = None, file: str | None = None) -> str:
    rule = BY_ID[finding.rule_id]
    lines = [f"{finding.where(file)}: {finding.severity}: {finding.message} [{finding.rule_id}]"]
    loc = finding.loc
    if source is not None and loc is not None:
        text_lines = source.splitlines()
        if 1 <= loc.line <= len(text_lines):
            text = text_lines[loc.line - 1].expandtabs(1)
            gutter = f"{loc.line:>5} | "
            width = 1
            if loc.end_line == loc.line and loc.end_column:
                width = max(loc.end_column - loc.column, 1)
            width = max(1, min(width, len(text) - loc.column + 1))
            lines.append(gutter + text)
            lines.append(" " * (len(gutter) - 2) + "| " + " " * (loc.column - 1) + "^" * width)
    if loc is not None:
        lines.append(f"      = at: {finding.path}")
    lines.append(f"      = why: {rule.title} ({rule.mapping})")
    lines.append(f"      = help: {rule.fix}")
    if finding.fix is not None:
        lines.append(f"      = fix: {finding.fix.description} (infranest audit --fix)")
    return "\n".join(lines)


def finding_json(finding: Finding, file: str | None = None) -> dict[str, Any]:
    rule = BY_ID[finding.rule_id]
    data: dict[str, Any] = {
        "rule": finding.rule_id,
        "title": rule.title,
        "severity": finding.severity,
        "category": rule.category,
        "owasp": list(rule.owasp),
        "cwe": [f"CWE-{c}" for c in rule.cwe],
        "message": finding.message,
        "path": finding.path,
        "file": finding.loc.file if finding.loc is not None else file,
        "line": finding.loc.line if finding.loc is not None else None,
        "column": finding.loc.column if finding.loc is not None else None,
        "fix": finding.fix.description if finding.fix is not None else None,
        "why": rule.why,
        "remedy": rule.fix,
    }
    return data
