"""Generate a service from a spec: render with the target, format, plan, merge, write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from infranest.generate.plan import FileChange, Plan, make_plan
from infranest.generate.target import Files, ProjectView, Target, load_target
from infranest.generate.writer import apply
from infranest.spec.formatter import format_spec
from infranest.spec.model import Spec


@dataclass(frozen=True)
class GenerateReport:
    target: str
    out: Path
    plan: Plan
    dry_run: bool

    @property
    def changes(self) -> tuple[FileChange, ...]:
        return self.plan.changes

    @property
    def conflicts(self) -> tuple[FileChange, ...]:
        return self.plan.conflicts

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for change in self.changes:
            found[change.action] = found.get(change.action, 0) + 1
        return dict(sorted(found.items()))


def render(spec: Spec, target: Target) -> Files:
    """Every file of the generated project, formatted; the same spec gives the same bytes."""
    view = ProjectView.of(spec)
    files = target.format(target.render(view))
    return dict(sorted(files.items()))


def generate(
    spec: Spec,
    target: str | Target,
    out: Path,
    *,
    dry_run: bool = False,
    force: bool = False,
) -> GenerateReport:
    """Generate ``spec`` with ``target`` into ``out``, merging with what is there.

    Nothing is written when ``dry_run``; a failure at any point leaves ``out`` as it was.
    """
    chosen = load_target(target) if isinstance(target, str) else target
    files = render(spec, chosen)
    plan = make_plan(out, files, target=chosen.name, spec_text=format_spec(spec), force=force)
    if not dry_run:
        apply(out, plan)
    return GenerateReport(target=chosen.name, out=out, plan=plan, dry_run=dry_run)
