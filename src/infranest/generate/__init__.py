"""Generate a service from a spec: render with the target, format, plan, merge, write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from infranest.generate.deploy import ALL_KINDS, Runtime, default_runtime, render_deploy
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


def render(spec: Spec, target: Target, deploy: frozenset[str] = ALL_KINDS) -> Files:
    """Every file of the generated project, formatted, then the ``deploy`` kinds'
    deployment files; the same spec gives the same bytes."""
    view = ProjectView.of(spec, deploy)
    files = target.format(target.render(view))
    files.update(deploy_files(view, target, files))
    return dict(sorted(files.items()))


def deploy_files(view: ProjectView, target: Target, files: Files) -> Files:
    """``deploy/`` for ``view.deploy``; a target may describe its service with an optional
    ``runtime(view) -> Runtime``, else the shared conventions (and its declared
    ``[tool.infranest].migrate``) apply."""
    custom: Callable[[ProjectView], Runtime] | None = getattr(target, "runtime", None)
    runtime = custom(view) if custom is not None else default_runtime(view.spec, files)
    return render_deploy(view, runtime, view.deploy)


def generate(
    spec: Spec,
    target: str | Target,
    out: Path,
    *,
    dry_run: bool = False,
    force: bool = False,
    deploy: frozenset[str] = ALL_KINDS,
) -> GenerateReport:
    """Generate ``spec`` with ``target`` into ``out``, merging with what is there.

    Nothing is written when ``dry_run``; a failure at any point leaves ``out`` as it was.
    """
    chosen = load_target(target) if isinstance(target, str) else target
    files = render(spec, chosen, deploy)
    plan = make_plan(out, files, target=chosen.name, spec_text=format_spec(spec), force=force)
    if not dry_run:
        apply(out, plan)
    return GenerateReport(target=chosen.name, out=out, plan=plan, dry_run=dry_run)
