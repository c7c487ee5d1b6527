"""``audit --fix``: apply every safe fix to the spec model, then print it back.

Fixes are model transformations; the fixed spec is formatted with ``format_spec`` (comments
live in the model, so they stay). For a ``.nest`` file the new text is merged with the
file as written (a three-way merge against the canonical form of the original), so lines
the fixes did not touch keep their spelling; when that cannot be done cleanly the file is
written in canonical form.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from merge3 import Merge3

from infranest.design.audit import AuditReport, audit
from infranest.design.model import Finding
from infranest.files import write_atomic
from infranest.spec.builtins import finalize
from infranest.spec.diagnostics import SpecError
from infranest.spec.formatter import format_spec
from infranest.spec.loader import load
from infranest.spec.model import Spec
from infranest.spec.parser import parse
from infranest.spec.validate import validate

MAX_ROUNDS = 6


@dataclass(frozen=True)
class FixResult:
    """The fixed spec, the findings whose fixes were applied, and the audits around it."""

    spec: Spec
    applied: tuple[Finding, ...]
    skipped: tuple[Finding, ...]
    before: AuditReport
    after: AuditReport


def _errors(spec: Spec) -> int:
    return sum(1 for d in validate(spec) if d.is_error)


def fix_spec(spec: Spec) -> FixResult:
    """Apply safe fixes until none is left (a fix may reveal another, e.g. marking an owner
    then granting the owner). A fix that would make the spec invalid is skipped."""
    before = audit(spec)
    current = finalize(spec)
    applied: list[Finding] = []
    skipped: dict[tuple[str, str], Finding] = {}
    baseline = _errors(current)
    for _ in range(MAX_ROUNDS):
        progress = False
        for finding in audit(current).fixable:
            assert finding.fix is not None
            key = (finding.rule_id, finding.path)
            if key in skipped:
                continue
            candidate = finalize(finding.fix.apply(current))
            if candidate == current:
                continue
            if _errors(candidate) > baseline:
                skipped[key] = finding
                continue
            current, progress = candidate, True
            applied.append(finding)
        if not progress:
            break
    return FixResult(current, tuple(applied), tuple(skipped.values()), before, audit(current))


def merged_text(original: str, original_spec: Spec, fixed: Spec, filename: str) -> str:
    """The fixed spec's text, keeping the original's lines wherever the fixes did not
    change the statement (falls back to the canonical text when that is not exact)."""
    canonical = format_spec(fixed)
    base = format_spec(original_spec)
    if original == base:
        return canonical
    merger = Merge3(
        base.splitlines(keepends=True),
        original.splitlines(keepends=True),
        canonical.splitlines(keepends=True),
    )
    if any(group[0] == "conflict" for group in merger.merge_groups()):
        return canonical
    text = "".join(merger.merge_lines())
    try:
        same = parse(text, filename) == finalize(fixed)
    except SpecError:
        same = False
    return text if same else canonical


@dataclass(frozen=True)
class FileFix:
    """What ``fix_file`` did: where it wrote, and the fix result."""

    result: FixResult
    output: Path | None
    in_place: bool


def fix_file(path: Path) -> FileFix:
    """Fix the spec at ``path``: a ``.nest`` file in place (atomically); any other format
    is written to ``<name>.fixed.nest`` next to it. Nothing is written when no fix
    applies."""
    loaded = load(path)
    result = fix_spec(loaded.spec)
    if not result.applied:
        return FileFix(result, None, loaded.format == "nest")
    if loaded.format == "nest":
        text = merged_text(loaded.source, loaded.spec, result.spec, str(path))
        write_atomic(path, text)
        return FileFix(result, path, True)
    target = path.with_name(f"{path.stem}.fixed.nest")
    write_atomic(target, format_spec(result.spec))
    return FileFix(result, target, False)
